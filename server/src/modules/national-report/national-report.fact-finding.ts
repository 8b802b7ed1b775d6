import type { ItemStatistics } from '@dg/shared/schemas/analytics';
import type { NationalReportData } from './national-report.data';
import {
  chartValue,
  cite,
  dec,
  type Lang,
  type ModelFigure,
  type ModelParagraph,
  type ModelSection,
  num,
  para,
  pct,
  section,
} from './national-report.kit';
import { TXT } from './national-report.text';

/** Chapter 8: one table per fact-finding question, with its denominator row and a sentence. */

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function itemFigure(s: ItemStatistics, id: string, L: Lang): { fig: ModelFigure; text: ModelParagraph } {
  const t = TXT[L];
  const o = s.overall;
  const title = `${s.questionCode} ${s.text[L]}`;
  const note =
    L === 'th'
      ? `ตัวหาร: หน่วยงานที่ได้เห็นข้อคำถามนี้และตอบ ${num(o.population)} แห่ง`
      : `Denominator: agencies shown this question who answered it, ${num(o.population)}`;
  if (s.suppressed || o.suppressed) {
    const msg = (s.suppressed ?? o.suppressed)?.message[L] ?? t.withheld;
    const fig: ModelFigure = {
      id,
      title,
      chart: null,
      table: { columns: [t.answer, t.count], rows: [[t.withheld, t.withheld]], note: msg },
    };
    return { fig, text: para(msg) };
  }
  if (o.summary) {
    const m = o.summary;
    const rows = [
      [L === 'th' ? 'จำนวนหน่วยงานที่ตอบ' : 'Agencies answering', num(m.n)],
      [L === 'th' ? 'ค่าเฉลี่ย' : 'Mean', dec(m.mean)],
      [L === 'th' ? 'มัธยฐาน' : 'Median', dec(m.median)],
      [L === 'th' ? 'ควอร์ไทล์ที่ 1' : 'First quartile', dec(m.q1)],
      [L === 'th' ? 'ควอร์ไทล์ที่ 3' : 'Third quartile', dec(m.q3)],
      // Withheld under the disclosure policy: each is one agency's own answer.
      ...(m.extremesWithheld
        ? []
        : [
            [L === 'th' ? 'ค่าต่ำสุด' : 'Minimum', dec(m.min)],
            [L === 'th' ? 'ค่าสูงสุด' : 'Maximum', dec(m.max)],
          ]),
    ];
    const fig: ModelFigure = { id, title, chart: null, table: { columns: [t.statistic, t.value], rows, note } };
    const text =
      L === 'th'
        ? para('จากหน่วยงานที่ตอบ ', cite(fig, 0, 1), ' แห่ง ค่ามัธยฐาน ', cite(fig, 2, 1), ' ค่าเฉลี่ย ', cite(fig, 1, 1))
        : para(
            'Of ',
            cite(fig, 0, 1),
            ' agencies answering, the median is ',
            cite(fig, 2, 1),
            ' and the mean ',
            cite(fig, 1, 1),
            '.',
          );
    return { fig, text };
  }
  if (o.rows?.length) {
    const rows: string[][] = [];
    for (const r of o.rows)
      for (const op of r.options) rows.push([r.label[L], op.label[L], num(op.count), pct(op.share)]);
    rows.push([t.respondents, '', num(o.population), '100.00']);
    const fig: ModelFigure = {
      id,
      title,
      chart: null,
      table: { columns: [t.item, t.answer, t.count, t.percent], rows, note },
    };
    const first = o.rows[0]?.options ?? [];
    let top = 0;
    first.forEach((op, i) => {
      if (op.count > (first[top]?.count ?? 0)) top = i;
    });
    const last = rows.length - 1;
    const text =
      L === 'th'
        ? para(
            'จากหน่วยงานที่ตอบ ',
            cite(fig, last, 2),
            ` แห่ง รายการ “${o.rows[0]?.label.th}” ตอบ “${first[top]?.label.th}” มากที่สุด ร้อยละ `,
            cite(fig, top, 3),
          )
        : para(
            'Of ',
            cite(fig, last, 2),
            ` agencies answering, for “${o.rows[0]?.label.en}” the most common answer is “${first[top]?.label.en}”: `,
            cite(fig, top, 3),
            '%.',
          );
    return { fig, text };
  }
  const options = o.options ?? [];
  const rows = options.map((op) => [op.label[L], num(op.count), pct(op.share)]);
  rows.push([t.respondents, num(o.population), '100.00']);
  const fig: ModelFigure = {
    id,
    title,
    chart: options.length
      ? {
          kind: 'hbar',
          categories: options.map((op) => clip(op.label[L], 40)),
          series: [{ name: t.percent, values: options.map((op) => chartValue(op.share)) }],
          max: 100,
        }
      : null,
    table: { columns: [t.answer, t.count, t.percent], rows, note },
  };
  const last = rows.length - 1;
  if (!options.length || o.population === 0) return { fig, text: para(note) };
  let top = 0;
  options.forEach((op, i) => {
    if (op.count > (options[top]?.count ?? 0)) top = i;
  });
  const label = options[top]?.label[L] ?? '';
  const text =
    L === 'th'
      ? para(
          'จากหน่วยงานที่ตอบ ',
          cite(fig, last, 1),
          ` แห่ง ตอบ “${label}” มากที่สุด `,
          cite(fig, top, 1),
          ' แห่ง คิดเป็นร้อยละ ',
          cite(fig, top, 2),
        )
      : para(
          'Of ',
          cite(fig, last, 1),
          ` agencies answering, the most common answer is “${label}”: `,
          cite(fig, top, 1),
          ' agencies, ',
          cite(fig, top, 2),
          '%.',
        );
  return { fig, text };
}

export function factFindingSections(d: NationalReportData, L: Lang): ModelSection[] {
  const out = [section('fact-finding', `8. ${TXT[L].factFinding}`)];
  d.factFinding.forEach((topic, n) => {
    const s = section(`ff-${topic.id}`, `8.${n + 1} ${topic.name[L]}`, 2);
    topic.items.forEach((item, i) => {
      const { fig, text } = itemFigure(item, `ff-${topic.id}-${i + 1}`, L);
      s.paragraphs.push(text);
      s.figures.push(fig);
    });
    out.push(s);
  });
  return out;
}
