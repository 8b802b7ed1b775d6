import fs from 'node:fs';
import { createRequire } from 'node:module';
import { formatPercent, share } from '@dg/shared/domain/analytics-math';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { rejectionReasonLabel } from '@dg/shared/domain/rejection-reasons';
import type { Framework } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { ResultsDashboard } from '@dg/shared/schemas/report';
import type { CriterionState } from '@dg/shared/schemas/result';
import { radarSvg, yoyBarsSvg } from './charts';

export type Lang = 'th' | 'en';

const require = createRequire(import.meta.url);
let fontCss: string | undefined;

/** Sarabun (OFL) TTFs embedded as data: URLs, so Chromium needs neither system Thai fonts nor file access. */
export function sarabunFontFaces(): string {
  if (fontCss) return fontCss;
  // local() first: the printer makes Sarabun a system font (fontconfig), so the data: URL is a fallback only.
  const face = (weight: number, file: string, local: string) => {
    const data = fs.readFileSync(require.resolve(`@expo-google-fonts/sarabun/${file}`)).toString('base64');
    return `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};src:local('${local}'),url(data:font/ttf;base64,${data}) format('truetype');}`;
  };
  fontCss =
    face(400, '400Regular/Sarabun_400Regular.ttf', 'Sarabun Regular') +
    face(700, '700Bold/Sarabun_700Bold.ttf', 'Sarabun Bold');
  return fontCss;
}

/**
 * The same faces by local name only, for pages printed by PdfPrinter, which registers Sarabun with
 * the browser's fontconfig: 220 KB less to send to and parse in Chromium for every report.
 */
export function sarabunLocalFaces(): string {
  return (
    "@font-face{font-family:'Sarabun';font-style:normal;font-weight:400;src:local('Sarabun Regular');}" +
    "@font-face{font-family:'Sarabun';font-style:normal;font-weight:700;src:local('Sarabun Bold');}"
  );
}

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STR = {
  th: {
    title: 'รายงานผลการสำรวจความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ',
    cycle: 'ประจำปีงบประมาณ พ.ศ.',
    generated: 'จัดทำเมื่อ',
    preview: 'ผลประเมินตนเองเบื้องต้น — ยังไม่ใช่ผลอย่างเป็นทางการ',
    previewNote: 'ผลนี้คำนวณจากคำตอบที่หน่วยงานส่ง (ประเมินตนเอง) ก่อนการตรวจสอบหลักฐานและการประกาศผล',
    official: 'ผลอย่างเป็นทางการ (ผ่านการตรวจสอบหลักฐานแล้ว)',
    overall: 'ระดับความพร้อมในภาพรวม',
    level: 'ระดับ',
    notAssessable: 'ประเมินไม่ได้',
    pillars: 'ระดับรายตัวชี้วัด',
    pillar: 'ตัวชี้วัด',
    pillarN: 'ตัวชี้วัดที่',
    levelName: 'ชื่อระดับของตัวชี้วัด',
    score: 'คะแนน',
    self: 'ประเมินตนเอง',
    peer: 'มัธยฐานกลุ่มเดียวกัน',
    national: 'มัธยฐานทั้งประเทศ',
    agency: 'หน่วยงาน',
    radar: 'เปรียบเทียบระดับรายตัวชี้วัดกับกลุ่มเดียวกันและระดับประเทศ',
    peerGroup: 'กลุ่มเดียวกัน',
    agencies: 'หน่วยงาน',
    yoy: 'เปรียบเทียบกับปีก่อน',
    noPrevious: 'ไม่มีผลของปีก่อนสำหรับเปรียบเทียบ',
    previous: 'ปีก่อน',
    thisYear: 'ปีนี้',
    details: 'สิ่งที่ต้องทำเพื่อยกระดับแต่ละตัวชี้วัด',
    criteria: 'เกณฑ์',
    state: 'ผล',
    agencyAnswer: 'คำตอบของหน่วยงาน',
    todo: 'สิ่งที่ต้องทำ',
    notAsked: 'ไม่ได้ถาม (ไม่เข้าเงื่อนไขของคำถาม)',
    noAnswer: 'ไม่ได้ตอบ',
    appendix: 'ภาคผนวก: เกณฑ์การประเมินรายตัวชี้วัด',
    appendixIntro:
      'ภาคผนวกนี้แสดงเกณฑ์ทุกข้อของแต่ละตัวชี้วัด จัดกลุ่มตามตัวชี้วัดย่อย พร้อมระดับที่เกณฑ์นั้นรองรับ (1–5) คำตอบของหน่วยงานที่ทำให้ผ่านหรือไม่ผ่าน และสิ่งที่ต้องทำเพื่อให้ผ่านเกณฑ์ เกณฑ์บังคับต้องผ่านครบจึงจะได้ระดับนั้น',
    legend: 'ผล: ผ่าน · ยังไม่ผ่าน · ไม่ได้ตอบ · ไม่เกี่ยวข้อง (ไม่นับในการคำนวณ) · ไม่ผ่านการตรวจสอบหลักฐาน',
    seeAppendix: 'รายละเอียดเกณฑ์ทุกข้อและคำตอบของหน่วยงานอยู่ในภาคผนวกท้ายรายงาน',
    next: 'สิ่งที่ต้องทำเพื่อให้ถึงระดับ',
    atTop: 'หน่วยงานอยู่ในระดับสูงสุดของตัวชี้วัดนี้แล้ว',
    requiredTag: 'เกณฑ์บังคับ',
    verification: 'ผลการตรวจสอบหลักฐานที่เปลี่ยนระดับ',
    noVerification: 'การตรวจสอบหลักฐานไม่ได้เปลี่ยนระดับของตัวชี้วัดใด',
    question: 'คำถาม',
    answer: 'คำตอบ',
    reason: 'เหตุผลของผู้ตรวจสอบ',
    factFinding: 'ประเด็นที่หน่วยงานตอบต่างจากกลุ่มเดียวกันส่วนใหญ่',
    peerMost: 'กลุ่มเดียวกันส่วนใหญ่ตอบ',
    benchmarksPending: 'ค่าเปรียบเทียบกับหน่วยงานอื่นจะแสดงเมื่อประกาศผลอย่างเป็นทางการ',
    page: 'หน้า',
    states: {
      met: 'ผ่าน',
      not_met: 'ยังไม่ผ่าน',
      not_applicable: 'ไม่เกี่ยวข้อง',
      unanswered: 'ไม่ได้ตอบ',
      rejected: 'ไม่ผ่านการตรวจสอบหลักฐาน',
    } as Record<CriterionState, string>,
  },
  en: {
    title: 'Digital Government Readiness Survey: agency report',
    cycle: 'Fiscal year',
    generated: 'Generated',
    preview: 'Self-assessed preview — not official',
    previewNote:
      "Computed from the agency's submitted (self-assessed) answers, before evidence verification and publication.",
    official: 'Official result (evidence verified)',
    overall: 'Overall readiness level',
    level: 'Level',
    notAssessable: 'Not assessable',
    pillars: 'Levels by pillar',
    pillar: 'Pillar',
    pillarN: 'Pillar',
    levelName: "Pillar's level name",
    score: 'Score',
    self: 'Self-assessed',
    peer: 'Peer median',
    national: 'National median',
    agency: 'Agency',
    radar: 'Pillar levels vs peer group and national medians',
    peerGroup: 'Peer group',
    agencies: 'agencies',
    yoy: 'Year over year',
    noPrevious: 'No result of the previous year to compare with',
    previous: 'Previous year',
    thisYear: 'This year',
    details: 'What to do to raise each pillar',
    criteria: 'Criterion',
    state: 'Result',
    agencyAnswer: "Agency's answer",
    todo: 'To do',
    notAsked: 'Not asked (condition not met)',
    noAnswer: 'No answer',
    appendix: 'Appendix: the criteria of each pillar',
    appendixIntro:
      "This appendix lists every criterion of each pillar, grouped by indicator, with the level it counts towards (1–5), the agency's answer that met or missed it, and what to do to meet it. A level is reached only when all its required criteria are met.",
    legend: 'Result: met · not met · unanswered · not applicable (left out of the score) · rejected at verification',
    seeAppendix: "Every criterion with the agency's answers is listed in the appendix at the end of this report",
    next: 'What to do to reach level',
    atTop: 'The agency is at the top level of this pillar',
    requiredTag: 'required',
    verification: 'Verification changes',
    noVerification: 'Verification did not change any pillar level',
    question: 'Question',
    answer: 'Answer',
    reason: "Analyst's reason",
    factFinding: 'Where the agency differs from most of its peers',
    peerMost: 'Most peers answered',
    benchmarksPending: 'Comparisons with other agencies appear once results are published',
    page: 'Page',
    states: {
      met: 'Met',
      not_met: 'Not met',
      not_applicable: 'Not applicable',
      unanswered: 'Unanswered',
      rejected: 'Rejected at verification',
    } as Record<CriterionState, string>,
  },
};

const fmtLevel = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1);
/** Half up from the counts, as every published share (the fraction alone could round a tie down). */
const peerPercent = (f: { peerModalShare: number; peerAnswered: number }) =>
  formatPercent(share(Math.round(f.peerModalShare * f.peerAnswered), f.peerAnswered).percent);
const fmtScore = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));

/** Breaks a chart label into lines of about `max` characters at word boundaries (Thai has no spaces). */
export function wrapLabel(text: string, max: number): string {
  const lines: string[] = [];
  let line = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (line && (line + segment).trim().length > max) {
      lines.push(line.trim());
      line = segment;
    } else line += segment;
  }
  if (line.trim()) lines.push(line.trim());
  return lines.join('\n');
}

export interface ReportOptions {
  lang: Lang;
  generatedAt?: Date;
  /** 'system' when the printer provides Sarabun itself (PdfPrinter does); embedded by default. */
  fonts?: 'embedded' | 'system';
}

/** Header and footer of every printed page (Chromium's header/footer templates; Sarabun is loaded by the page). */
export function pageTemplates(d: ResultsDashboard, opts: ReportOptions) {
  const L = opts.lang;
  const s = STR[L];
  const style =
    'font-family:Sarabun,sans-serif;font-size:8.5px;color:#555;width:100%;padding:0 14mm;display:flex;justify-content:space-between;';
  const header = `<div style="${style}"><span>${esc(d.agency.name[L])}</span><span>${esc(s.cycle)} ${esc(formatYear(d.cycle.fiscalYear, L))}${d.official ? '' : ` · ${esc(s.preview)}`}</span></div>`;
  const footer = `<div style="${style}"><span>${esc(s.generated)} ${esc(formatDate(opts.generatedAt ?? new Date(), L, true))}</span><span>${esc(s.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
  return { header, footer };
}

export function reportHtml(d: ResultsDashboard, framework: Framework, opts: ReportOptions): string {
  const L = opts.lang;
  const s = STR[L];
  const t = (x: LocalizedText | null | undefined) => esc(x ? x[L] : '–');
  const r = d.result;
  const year = formatYear(d.cycle.fiscalYear, L);
  const overallLevel = r.overall.level;
  const stage = overallLevel ? framework.levels.find((l) => l.level === overallLevel)?.stage : undefined;

  const axes = r.pillars.map((p) => wrapLabel(`${p.number}. ${p.name[L]}`, L === 'th' ? 16 : 22));
  const radar = d.benchmarksAvailable
    ? radarSvg(axes, [
        {
          name: d.agency.name[L].length > 40 ? `${d.agency.name[L].slice(0, 38)}…` : d.agency.name[L],
          values: r.pillars.map((p) => p.level),
        },
        { name: s.peer, values: d.benchmarks.map((b) => b.peerMedian) },
        { name: s.national, values: d.benchmarks.map((b) => b.nationalMedian) },
      ])
    : radarSvg(axes, [{ name: s.agency, values: r.pillars.map((p) => p.level) }]);
  const hasPrev = d.benchmarks.some((b) => b.previousLevel !== null);
  const yoy = hasPrev
    ? yoyBarsSvg(
        r.pillars.map((p) => `${s.pillar} ${p.number}`),
        [
          {
            name: `${s.previous} (${d.previousCycle ? formatYear(d.previousCycle.fiscalYear, L) : ''})`,
            values: d.benchmarks.map((b) => b.previousLevel),
          },
          { name: `${s.thisYear} (${year})`, values: r.pillars.map((p) => p.level) },
        ],
      )
    : '';

  const pillarRows = r.pillars
    .map((p, i) => {
      const b = d.benchmarks[i];
      const self = d.selfAssessed.pillars.find((x) => x.key === p.key);
      return `<tr><td>${p.number}. ${t(p.name)}</td><td class="num"><b>${fmtLevel(p.level)}</b></td><td>${p.level ? t(p.levelName) : esc(s.notAssessable)}</td><td class="num">${fmtScore(p.score)}</td>${
        d.basis === 'verified' ? `<td class="num">${fmtLevel(self?.level)}</td>` : ''
      }<td class="num">${fmtLevel(b?.peerMedian)}</td><td class="num">${fmtLevel(b?.nationalMedian)}</td><td class="num">${fmtLevel(b?.previousLevel)}</td></tr>`;
    })
    .join('');

  // Per pillar: its level and the "what to do" box, kept together as one unbreakable block.
  const details = r.pillars
    .map((p) => {
      const nl = p.nextLevel;
      const head = `<h3>${esc(s.pillarN)} ${p.number}. ${t(p.name)} — ${esc(s.level)} ${fmtLevel(p.level)}${p.level ? ` (${t(p.levelName)})` : ''}</h3>`;
      const body = nl
        ? `<div class="box next"><h4>${esc(s.next)} ${nl.targetLevel} (${t(nl.targetLevelName)})</h4><p>${t(nl.summary)}</p><ol>${nl.actions
            .map((a) => `<li>${t(a.action)}${a.required ? ` <span class="tag">${esc(s.requiredTag)}</span>` : ''}</li>`)
            .join('')}</ol></div>`
        : `<p class="muted">${esc(s.atTop)}</p>`;
      return `<section class="pillar keep">${head}${body}</section>`;
    })
    .join('');

  // The appendix: every criterion by pillar and indicator, readable without the rest of the report.
  const appendix = d.criteria
    .map((p) => {
      const pr = r.pillars.find((x) => x.key === p.key);
      const indicators = p.indicators
        .map((ind) => {
          const rows = ind.criteria
            .map((c) => {
              const answer = c.hidden ? s.notAsked : c.answer ? c.answer[L] : s.noAnswer;
              const todo =
                c.state === 'met' || c.state === 'not_applicable'
                  ? ''
                  : `<div class="todo"><b>${esc(s.todo)}:</b> ${t(c.action)}</div>`;
              return `<tr class="st-${c.state}"><td class="num">${c.level}</td><td>${t(c.label)}${c.required ? ` <span class="tag">${esc(s.requiredTag)}</span>` : ''}${todo}</td><td>${esc(answer)}</td><td class="state">${esc(s.states[c.state])}</td></tr>`;
            })
            .join('');
          return `<h4 class="ind">${t(ind.name)}</h4><table class="crit"><colgroup><col class="c-level"><col class="c-crit"><col class="c-answer"><col class="c-state"></colgroup><thead><tr><th>${esc(s.level)}</th><th>${esc(s.criteria)}</th><th>${esc(s.agencyAnswer)}</th><th>${esc(s.state)}</th></tr></thead><tbody>${rows}</tbody></table>`;
        })
        .join('');
      return `<section class="ap-pillar"><h3>${esc(s.pillarN)} ${p.number}. ${t(p.name)} — ${esc(s.level)} ${fmtLevel(pr?.level)}${pr?.level ? ` (${t(pr.levelName)})` : ''}</h3>${indicators}</section>`;
    })
    .join('');

  const verification =
    d.basis !== 'verified'
      ? ''
      : `<section><h2>${esc(s.verification)}</h2>${
          d.verificationChanges.length === 0
            ? `<p class="muted">${esc(s.noVerification)}</p>`
            : d.verificationChanges
                .map(
                  (c) =>
                    `<h3>${esc(s.pillar)} ${t(c.pillarName)}: ${esc(s.self)} ${fmtLevel(c.selfLevel)} → ${fmtLevel(c.verifiedLevel)}</h3><table class="vt"><thead><tr><th>${esc(s.question)}</th><th>${esc(s.answer)}</th><th>${esc(s.reason)}</th></tr></thead><tbody>${c.answers
                      .map(
                        (a) =>
                          `<tr><td>${t(a.question)}</td><td>${t(a.answer)}</td><td>${esc(rejectionReasonLabel(a.reason)?.[L] ?? '')}${a.comment ? `<br>${esc(a.comment)}` : ''}</td></tr>`,
                      )
                      .join('')}</tbody></table>`,
                )
                .join('')
        }</section>`;

  const facts =
    d.factFinding.length === 0
      ? ''
      : `<section><h2>${esc(s.factFinding)}</h2><table><thead><tr><th>${esc(s.question)}</th><th>${esc(s.agency)}</th><th>${esc(s.peerMost)}</th></tr></thead><tbody>${d.factFinding
          .map(
            (f) =>
              `<tr><td>${t(f.question)}</td><td>${t(f.agencyAnswer)}</td><td>${t(f.peerModalAnswer)} (${peerPercent(f)}%, n=${f.peerAnswered})</td></tr>`,
          )
          .join('')}</tbody></table></section>`;

  return `<!doctype html><html lang="${L}"><head><meta charset="utf-8"><title>${esc(s.title)}</title><style>
${opts.fonts === 'system' ? sarabunLocalFaces() : sarabunFontFaces()}
@page{size:A4;margin:18mm 14mm 16mm 14mm}
*{box-sizing:border-box}
body{font-family:'Sarabun',sans-serif;font-size:11pt;line-height:1.6;color:#1a1a1a;margin:0;word-break:normal;overflow-wrap:break-word}
h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13.5pt;margin:7mm 0 2mm;color:#1864ab}h3{font-size:11.5pt;margin:4mm 0 1.5mm}h4{font-size:10.5pt;margin:2mm 0 1mm}
.sub{color:#444;margin:0 0 3mm}
.banner{border:2px solid #e8590c;background:#fff4e6;color:#a63e00;padding:2.5mm 4mm;border-radius:2mm;margin:3mm 0;font-weight:700}
.banner small{display:block;font-weight:400;color:#5c3d1e}
.official{border-color:#2b8a3e;background:#ebfbee;color:#2b8a3e}
.overall{display:flex;gap:6mm;align-items:center;border:1px solid #ced4da;border-radius:2mm;padding:4mm;margin:3mm 0}
.big{font-size:30pt;font-weight:700;color:#1864ab;line-height:1}
table{border-collapse:collapse;width:100%;margin:1.5mm 0 3mm;font-size:9.5pt}
th,td{border:1px solid #dee2e6;padding:1.2mm 2mm;text-align:left;vertical-align:top}
th{background:#f1f3f5}
td.num,th.num{text-align:center}
td.num{white-space:nowrap}
.pt td:first-child{width:28%}.pt td:nth-child(3){width:20%}
.vt td:first-child{width:40%}.vt td:nth-child(2){width:32%}
.chart{text-align:center;margin:2mm 0;break-inside:avoid}
.chart svg{max-width:100%;height:auto}
.tag{font-size:8pt;color:#862e9c;border:1px solid #d0bfff;border-radius:1mm;padding:0 1mm;white-space:nowrap}
.st-met .state{color:#2b8a3e}.st-rejected .state{color:#c92a2a;font-weight:700}.st-not_met .state,.st-unanswered .state{color:#e8590c}
.box{border:0.5mm solid #0b7285;border-left-width:1.2mm;border-radius:1mm;padding:1.5mm 3mm;margin:1.5mm 0 3mm}
.next{background:#f3fbfc}
.next h4{margin:0.5mm 0 1mm}.next p{margin:1mm 0}.next ol{margin:1mm 0;padding-left:6mm}
.muted{color:#666}
.crit{table-layout:fixed}
.crit .c-level{width:14mm}.crit .c-crit{width:auto}.crit .c-answer{width:30%}.crit .c-state{width:24mm}
.todo{font-size:8.5pt;color:#1864ab;margin-top:0.8mm}
.appendix{break-before:page}
.legend{font-size:9pt;color:#444;border-top:1px solid #dee2e6;padding-top:1.5mm}
/* Keep headings with what follows and never split a box, a row or a chart: a split leaves a heading
   alone at a page bottom, or a border fragment and the marks of a cut line there. */
h1,h2,h3,h4{break-after:avoid;break-inside:avoid}
/* Thai marks stack above the line box; a heading's own top padding keeps them on the heading's page. */
h2,h3,h4{padding-top:1mm}
.keep,.box,.chart,.overall,.banner,tr{break-inside:avoid}
thead{display:table-header-group}
p,li{orphans:2;widows:2}
</style></head><body>
<h1>${esc(s.title)}</h1>
<p class="sub"><b>${t(d.agency.name)}</b><br>${t(d.cycle.name)} · ${esc(s.cycle)} ${esc(year)} · ${esc(s.generated)} ${esc(formatDate(opts.generatedAt ?? new Date(), L))}</p>
${
  d.official
    ? `<div class="banner official">${esc(s.official)}</div>`
    : `<div class="banner" data-label="preview">${esc(s.preview)}<small>${esc(s.previewNote)}</small></div>`
}
<div class="overall"><div class="big">${fmtLevel(overallLevel)}</div><div><div>${esc(s.overall)}</div><div style="font-size:14pt;font-weight:700">${
    overallLevel
      ? `${esc(s.level)} ${overallLevel} ${t(r.overall.levelName)}${stage ? ` (${t(stage)})` : ''}`
      : esc(s.notAssessable)
  }</div></div></div>
<div class="keep"><h2>${esc(s.pillars)}</h2>
<table class="pt"><thead><tr><th>${esc(s.pillar)}</th><th class="num">${esc(s.level)}</th><th>${esc(s.levelName)}</th><th class="num">${esc(s.score)}</th>${
    d.basis === 'verified' ? `<th class="num">${esc(s.self)}</th>` : ''
  }<th class="num">${esc(s.peer)}</th><th class="num">${esc(s.national)}</th><th class="num">${esc(s.previous)}</th></tr></thead><tbody>${pillarRows}</tbody></table></div>
<div class="keep"><h2>${esc(s.radar)}</h2>
${d.benchmarksAvailable ? `<p class="muted">${esc(s.peerGroup)}: ${t(d.peerGroup.description)} (${d.peerGroup.size} ${esc(s.agencies)}) · ${esc(s.national)}: ${d.nationalSize} ${esc(s.agencies)}</p>` : `<p class="muted">${esc(s.benchmarksPending)}</p>`}
<div class="chart">${radar}</div></div>
<div class="keep"><h2>${esc(s.yoy)}</h2>
${hasPrev ? `<div class="chart">${yoy}</div>` : `<p class="muted">${esc(s.noPrevious)}</p>`}</div>
${verification}
${facts}
<h2>${esc(s.details)}</h2>
<p class="muted">${esc(s.seeAppendix)}</p>
${details}
<section class="appendix"><h2>${esc(s.appendix)}</h2><p>${esc(s.appendixIntro)}</p><p class="legend">${esc(s.legend)}</p>${appendix}</section>
</body></html>`;
}
