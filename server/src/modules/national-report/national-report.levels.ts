import type { Levels, RateRow } from '@dg/shared/schemas/analytics';
import type { NationalReportData } from './national-report.data';
import {
  chartValue,
  cite,
  type Lang,
  type ModelFigure,
  type ModelSection,
  num,
  para,
  pct,
  percentFigure,
  section,
  withheldRow,
} from './national-report.kit';
import { levelName, TXT } from './national-report.text';

/** Response rates, overall level distributions, pillar distributions and segments (chapters 1-4). */

export function ratesSection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('rates', `1. ${t.rates}`);
  const rows: RateRow[] = [d.rates.overall, ...d.rates.byTrack];
  const fig = percentFigure(
    'rates',
    t.rates,
    {
      kind: 'bar',
      categories: rows.map((r) => r.label?.[L] ?? r.key),
      series: [
        {
          name: `${t.submitted} (${t.percent})`,
          values: rows.map((r) => (r.suppressed ? null : chartValue(r.submitted))),
        },
        {
          name: `${t.verified} (${t.percent})`,
          values: rows.map((r) => (r.suppressed ? null : chartValue(r.verified))),
        },
      ],
    },
    {
      columns: [t.segment, t.invited, t.submitted, t.percent, t.verified, t.percent],
      rows: rows.map((r) =>
        r.suppressed
          ? withheldRow(r.label?.[L] ?? r.key, 5, t.withheld)
          : [
              r.label?.[L] ?? r.key,
              num(r.invited),
              num(r.submitted.numerator),
              pct(r.submitted),
              num(r.verified.numerator),
              pct(r.verified),
            ],
      ),
      note: t.ratesNote,
    },
  );
  s.figures.push(fig);
  rows.forEach((r, i) => {
    if (r.suppressed) return;
    const who = r.label?.[L] ?? r.key;
    s.paragraphs.push(
      L === 'th'
        ? para(
            `${who}: หน่วยงานที่ได้รับเชิญ `,
            cite(fig, i, 1),
            ' แห่ง ส่งแบบสำรวจ ',
            cite(fig, i, 2),
            ' แห่ง คิดเป็นร้อยละ ',
            cite(fig, i, 3),
            ' และผ่านการตรวจสอบหลักฐานร้อยละ ',
            cite(fig, i, 5),
          )
        : para(
            `${who}: of `,
            cite(fig, i, 1),
            ' invited agencies, ',
            cite(fig, i, 2),
            ' submitted (',
            cite(fig, i, 3),
            '%) and ',
            cite(fig, i, 5),
            '% were verified.',
          ),
    );
  });
  return s;
}

/** Levels 1-5, not assessable, the total, then the at-or-above row. */
function levelFigure(id: string, title: string, l: Levels, L: Lang): ModelFigure {
  const t = TXT[L];
  const rows = l.overall.levels.map((x) => [levelName(x.level, L), num(x.count), pct(x.share)]);
  rows.push([t.notAssessed, num(l.overall.notAssessed), '']);
  rows.push([t.total, num(l.denominator), '100.00']);
  rows.push([t.atLeast, num(l.overall.atLeast.numerator), pct(l.overall.atLeast)]);
  return percentFigure(
    id,
    title,
    {
      kind: 'bar',
      categories: l.overall.levels.map((x) => levelName(x.level, L)),
      series: [{ name: t.percent, values: l.overall.levels.map((x) => chartValue(x.share)) }],
    },
    { columns: [t.level, t.count, t.percent], rows, note: t.levelsNote },
  );
}

/**
 * A chapter with one section for all agencies and one per track; a scope whose distribution is withheld
 * or empty says so instead of calling `fill`.
 */
function perScopeSections(
  d: NationalReportData,
  L: Lang,
  id: string,
  chapter: number,
  heading: string,
  fill: (s: ModelSection, scope: { id: string; label: Record<Lang, string>; levels: Levels }) => void,
): ModelSection[] {
  const out = [section(id, `${chapter}. ${heading}`)];
  const scopes = [
    { id: 'all', label: { th: 'หน่วยงานทั้งหมด', en: 'All agencies' }, levels: d.levels.all },
    ...d.levels.byTrack.map((b) => ({ id: b.track, label: b.label, levels: b.levels })),
  ];
  scopes.forEach((sc, n) => {
    const s = section(`${id}-${sc.id}`, `${chapter}.${n + 1} ${sc.label[L]}`, 2);
    out.push(s);
    if (sc.levels.suppressed || sc.levels.denominator === 0) {
      s.paragraphs.push(para(sc.levels.suppressed?.message[L] ?? TXT[L].withheld));
      return;
    }
    fill(s, sc);
  });
  return out;
}

export function levelsSections(d: NationalReportData, L: Lang): ModelSection[] {
  const t = TXT[L];
  return perScopeSections(d, L, 'levels', 2, t.levels, (s, sc) => {
    const fig = levelFigure(`levels-${sc.id}`, `${t.levels}: ${sc.label[L]}`, sc.levels, L);
    s.figures.push(fig);
    const ls = sc.levels.overall.levels;
    let modal = 0;
    ls.forEach((x, i) => {
      if (x.count > (ls[modal]?.count ?? 0)) modal = i;
    });
    const total = ls.length + 1;
    const atLeast = ls.length + 2;
    s.paragraphs.push(
      L === 'th'
        ? para(
            `จากหน่วยงาน `,
            cite(fig, total, 1),
            ` แห่ง ส่วนใหญ่อยู่ที่${levelName(modal + 1, L)} ร้อยละ `,
            cite(fig, modal, 2),
            ` และมีความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ `,
            cite(fig, atLeast, 2),
          )
        : para(
            'Of ',
            cite(fig, total, 1),
            ` agencies, most are at ${levelName(modal + 1, L)}: `,
            cite(fig, modal, 2),
            '%; ',
            cite(fig, atLeast, 2),
            '% are at level 3 or above.',
          ),
    );
  });
}

function pillarFigure(id: string, title: string, l: Levels, L: Lang): ModelFigure {
  const t = TXT[L];
  const levelsOf = [1, 2, 3, 4, 5];
  return percentFigure(
    id,
    title,
    {
      kind: 'stacked',
      categories: l.pillars.map((p) => `${t.pillar} ${p.number}`),
      series: levelsOf.map((lv) => ({
        name: levelName(lv, L),
        values: l.pillars.map((p) => chartValue(p.levels.find((x) => x.level === lv)?.share)),
      })),
    },
    {
      columns: [t.pillar, ...levelsOf.map((lv) => `${t.level} ${lv}`), t.atLeast],
      rows: l.pillars.map((p) => [
        `${p.number}. ${p.name[L]}`,
        ...levelsOf.map((lv) => pct(p.levels.find((x) => x.level === lv)?.share)),
        pct(p.atLeast),
      ]),
      note: `${t.levelsNote} (${t.percent}; ${t.denominator} ${num(l.denominator)} ${t.unit})`,
    },
  );
}

export function pillarSections(d: NationalReportData, L: Lang): ModelSection[] {
  const t = TXT[L];
  return perScopeSections(d, L, 'pillars', 3, t.pillars, (s, sc) => {
    const l = sc.levels;
    const fig = pillarFigure(`pillars-${sc.id}`, `${t.pillars}: ${sc.label[L]}`, l, L);
    s.figures.push(fig);
    const col = 6;
    for (const [ref, th, en] of [
      [l.largest, 'โดดเด่นมากที่สุด', 'stands out most'],
      [l.smallest, 'โดดเด่นน้อยที่สุด', 'stands out least'],
    ] as const) {
      const row = l.pillars.findIndex((p) => p.key === ref?.key);
      if (row < 0 || (ref === l.smallest && l.smallest?.key === l.largest?.key)) continue;
      const p = l.pillars[row] as Levels['pillars'][number];
      s.paragraphs.push(
        L === 'th'
          ? para(`ตัวชี้วัดที่ ${p.number} ${p.name.th} ${th} มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ `, cite(fig, row, col))
          : para(`Pillar ${p.number} (${p.name.en}) ${en}: `, cite(fig, row, col), '% at level 3 or above.'),
      );
    }
  });
}

export function segmentSection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('segments', `4. ${t.segments}`);
  const rows = d.segments.map((g) => {
    const l = g.levels;
    if (l.suppressed) return withheldRow(g.label[L], 3, t.withheld);
    return [g.label[L], num(l.denominator), num(l.overall.atLeast.numerator), pct(l.overall.atLeast)];
  });
  const fig = percentFigure(
    'segments',
    t.segments,
    {
      kind: 'hbar',
      categories: d.segments.map((g) => g.label[L]),
      series: [
        {
          name: `${t.atLeast} (${t.percent})`,
          values: d.segments.map((g) => (g.levels.suppressed ? null : chartValue(g.levels.overall.atLeast))),
        },
      ],
    },
    {
      columns: [t.segment, t.denominator, t.atLeast, t.percent],
      rows,
      note:
        L === 'th'
          ? `ร้อยละคำนวณจากตัวหารของแต่ละกลุ่ม กลุ่มที่มีหน่วยงานน้อยกว่า ${d.minSegment} แห่งไม่เปิดเผยตัวเลข`
          : `Percents are over each segment's denominator; segments of fewer than ${d.minSegment} agencies are withheld`,
    },
  );
  s.figures.push(fig);
  d.segments.forEach((g, i) => {
    if (g.levels.suppressed) return;
    s.paragraphs.push(
      L === 'th'
        ? para(`${g.label.th}: จาก `, cite(fig, i, 1), ' แห่ง มีความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ ', cite(fig, i, 3))
        : para(`${g.label.en}: of `, cite(fig, i, 1), ' agencies, ', cite(fig, i, 3), '% are at level 3 or above.'),
    );
  });
  return s;
}
