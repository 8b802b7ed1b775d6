import { formatDate, formatYear } from '@dg/shared/domain/dates';
import type { NationalReportData } from './national-report.data';
import {
  chartValue,
  cite,
  dec,
  type Lang,
  type ModelSection,
  num,
  para,
  pct,
  percentFigure,
  section,
  withheldRow,
} from './national-report.kit';
import { TXT } from './national-report.text';

/** National targets, year over year, derived indicators and the method (chapters 5, 6, 7 and 9). */

const trackLabel = (track: string | null, L: Lang) =>
  track === 'department'
    ? L === 'th'
      ? 'ระดับกรม'
      : 'Department'
    : track === 'province'
      ? L === 'th'
        ? 'ระดับจังหวัด'
        : 'Province'
      : TXT[L].all;

export function targetsSection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('targets', `5. ${t.targets}`);
  if (!d.targets.length) {
    s.paragraphs.push(para(t.noTargets));
    return s;
  }
  const metOf = (x: NationalReportData['targets'][number]) => {
    if (x.actual?.percent == null) return '–';
    const ok = x.comparison === 'gte' ? x.actual.percent >= x.targetPercent : x.actual.percent <= x.targetPercent;
    return ok ? t.yes : t.no;
  };
  const fig = percentFigure(
    'targets',
    t.targets,
    {
      kind: 'bar',
      categories: d.targets.map((x) => x.code),
      series: [
        { name: t.target, values: d.targets.map((x) => x.targetPercent) },
        { name: t.actual, values: d.targets.map((x) => chartValue(x.actual)) },
      ],
    },
    {
      columns: [
        t.target,
        t.segment,
        `${t.target} (${t.percent})`,
        t.numerator,
        t.denominator,
        `${t.actual} (${t.percent})`,
        t.met,
      ],
      rows: d.targets.map((x) => [
        `${x.code}: ${x.label[L]}`,
        trackLabel(x.track, L),
        `${x.comparison === 'gte' ? '≥' : '≤'} ${dec(x.targetPercent)}`,
        x.withheld ? t.withheld : num(x.actual?.numerator),
        x.withheld ? t.withheld : num(x.actual?.denominator),
        x.withheld ? t.withheld : pct(x.actual),
        metOf(x),
      ]),
      note: L === 'th' ? 'ผลจริงคำนวณจากผลที่ผ่านการตรวจสอบหลักฐาน' : 'Actual figures are from verified results',
    },
  );
  s.figures.push(fig);
  d.targets.forEach((x, i) => {
    if (x.withheld || !x.actual) return;
    s.paragraphs.push(
      L === 'th'
        ? para(
            `${x.label.th}: ผลจริงร้อยละ `,
            cite(fig, i, 5),
            ' (',
            cite(fig, i, 3),
            ' จาก ',
            cite(fig, i, 4),
            ' แห่ง) เป้าหมาย ',
            cite(fig, i, 2),
            ' ผล: ',
            cite(fig, i, 6),
          )
        : para(
            `${x.label.en}: actual `,
            cite(fig, i, 5),
            '% (',
            cite(fig, i, 3),
            ' of ',
            cite(fig, i, 4),
            '), target ',
            cite(fig, i, 2),
            '; ',
            cite(fig, i, 6),
            '.',
          ),
    );
  });
  return s;
}

export function yoySection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('yoy', `6. ${t.yoy}`);
  const y = d.yoy;
  if (!y.previousCycleId || d.previousFiscalYear === null || !y.overall.previous) {
    s.paragraphs.push(para(t.noPrevious));
    return s;
  }
  const prevYear = formatYear(d.previousFiscalYear, L);
  const curYear = formatYear(d.cycle.fiscalYear, L);
  type Dist = typeof y.overall.current;
  const change = (a: Dist | null, b: Dist | null) => {
    if (!a || !b || a.suppressed || b.suppressed || a.atLeast.percent == null || b.atLeast.percent == null) return '–';
    const v = Math.round((b.atLeast.percent - a.atLeast.percent) * 100) / 100;
    return `${v > 0 ? '+' : ''}${v.toFixed(2)}`;
  };
  const cell = (x: Dist | null) => (!x ? '–' : x.suppressed ? t.withheld : pct(x.atLeast));
  const scopes = [
    { label: t.overall, prev: y.overall.previous, cur: y.overall.current },
    ...y.pillars.map((p) => ({
      label: `${t.pillar} ${p.number}. ${p.name[L]}${p.changed ? ' *' : ''}`,
      prev: p.previous,
      cur: p.current,
    })),
  ];
  const fig = percentFigure(
    'yoy',
    `${t.yoy}: ${t.atLeast}`,
    {
      kind: 'bar',
      categories: [t.overall, ...y.pillars.map((p) => `${t.pillar} ${p.number}`)],
      series: [
        {
          name: `${t.previous} (${prevYear})`,
          values: scopes.map((x) => (x.prev?.suppressed ? null : chartValue(x.prev?.atLeast))),
        },
        {
          name: `${t.current} (${curYear})`,
          values: scopes.map((x) => (x.cur.suppressed ? null : chartValue(x.cur.atLeast))),
        },
      ],
    },
    {
      columns: [t.scope, `${t.previous} (${prevYear})`, `${t.current} (${curYear})`, t.change],
      rows: scopes.map((x) => [x.label, cell(x.prev), cell(x.cur), change(x.prev, x.cur)]),
      note: `${t.levelsNote}. ${t.changedNote}`,
    },
  );
  s.figures.push(fig);
  s.paragraphs.push(
    L === 'th'
      ? para(
          `ในภาพรวม สัดส่วนหน่วยงานที่มีความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปเปลี่ยนจากร้อยละ `,
          cite(fig, 0, 1),
          ` ในปี พ.ศ. ${prevYear} เป็นร้อยละ `,
          cite(fig, 0, 2),
          ` ในปี พ.ศ. ${curYear} (`,
          cite(fig, 0, 3),
          ' จุดร้อยละ)',
        )
      : para(
          'Overall, the share at level 3 or above went from ',
          cite(fig, 0, 1),
          `% in ${prevYear} to `,
          cite(fig, 0, 2),
          `% in ${curYear} (`,
          cite(fig, 0, 3),
          ' percentage points).',
        ),
  );
  return s;
}

export function derivedSection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('derived', `7. ${t.derived}`);
  if (!d.derived.length) return s;
  const rows: string[][] = [];
  const heads: number[] = [];
  for (const x of d.derived) {
    heads.push(rows.length);
    const line = (label: string, sh: typeof x.share, withheld: boolean) =>
      withheld ? withheldRow(label, 3, t.withheld) : [label, num(sh.numerator), num(sh.denominator), pct(sh)];
    rows.push(line(`${x.code}: ${x.label[L]} (${t.all})`, x.share, !!x.suppressed));
    for (const g of x.segments ?? []) rows.push(line(`${x.code}: ${trackLabel(g.value, L)}`, g.share, !!g.suppressed));
  }
  const fig = percentFigure(
    'derived',
    t.derived,
    {
      kind: 'hbar',
      categories: d.derived.map((x) => x.code),
      series: [{ name: t.percent, values: d.derived.map((x) => (x.suppressed ? null : chartValue(x.share))) }],
    },
    {
      columns: [t.item, t.numerator, t.denominator, t.percent],
      rows,
      note:
        L === 'th'
          ? 'ตัวหารของแต่ละตัวชี้วัดคือประชากรที่ตัวชี้วัดนั้นนิยามไว้ (ระบุในข้อความ)'
          : "Each indicator's denominator is the population it defines (named in the text)",
    },
  );
  s.figures.push(fig);
  d.derived.forEach((x, i) => {
    const row = heads[i] as number;
    if (x.suppressed) return;
    s.paragraphs.push(
      L === 'th'
        ? para(
            `${x.label.th}: จาก${x.populationLabel.th} `,
            cite(fig, row, 2),
            ' แห่ง ร้อยละ ',
            cite(fig, row, 3),
            ' (',
            cite(fig, row, 1),
            ' แห่ง)',
          )
        : para(
            `${x.label.en}: of ${x.populationLabel.en}, `,
            cite(fig, row, 2),
            ' agencies, ',
            cite(fig, row, 3),
            '% (',
            cite(fig, row, 1),
            ').',
          ),
    );
  });
  return s;
}

export function methodSection(d: NationalReportData, L: Lang): ModelSection {
  const t = TXT[L];
  const s = section('method', `9. ${t.method}`);
  const fw = d.framework;
  const generated = formatDate(d.generatedAt, L, true);
  const lines =
    L === 'th'
      ? [
          `กรอบการประเมิน: ${fw.title.th} (รหัส ${fw.code} ปี พ.ศ. ${formatYear(fw.year, 'th')} รุ่น ${fw.hash.slice(0, 12)})`,
          `วิธีกำหนดระดับภาพรวม: ${d.overallMethod.rationale.th}`,
          'ฐานการคำนวณ: ผลที่ผ่านการตรวจสอบหลักฐานโดย สพร. (ผลอย่างเป็นทางการ) ของหน่วยงานที่ส่งแบบสำรวจ',
          'การปัดเศษ: ร้อยละแสดงทศนิยม 2 ตำแหน่ง ปัดครึ่งขึ้น (half-up) จากเศษส่วนจริง ไม่ได้รวมจากค่าที่ปัดแล้ว ทุกตารางระบุตัวหาร',
          `การคุ้มครองข้อมูล: กลุ่มที่มีหน่วยงานน้อยกว่า ${d.minSegment} แห่งไม่เปิดเผยตัวเลข ตามนโยบายการเปิดเผยข้อมูลของรอบการสำรวจ`,
          `ปีงบประมาณ พ.ศ. ${formatYear(d.cycle.fiscalYear, 'th')} จัดทำเมื่อ ${generated}`,
        ]
      : [
          `Framework: ${fw.title.en} (code ${fw.code}, ${fw.year}, version ${fw.hash.slice(0, 12)})`,
          `Overall level method: ${d.overallMethod.rationale.en}`,
          'Basis: results verified by DGA against evidence (official results) of agencies that submitted',
          'Rounding: percents have 2 decimals, rounded half up from the exact fraction, never summed from rounded parts; every table states its denominator',
          `Disclosure: segments of fewer than ${d.minSegment} agencies are withheld under the cycle's disclosure policy`,
          `Fiscal year ${d.cycle.fiscalYear}; generated ${generated}`,
        ];
  for (const l of lines) s.paragraphs.push(para(l));
  return s;
}
