import { Readable } from 'node:stream';
import type { ItemStatistics, Levels } from '@dg/shared/schemas/analytics';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import * as repo from './analytics.repository';

/** Spreadsheet apps execute cells that start with these; prefix them so exported text stays text. */
export const neutralizeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

type Cell = string | number | null;
const cell = (v: Cell): Cell => (typeof v === 'string' ? neutralizeCell(v) : v);

/** A CSV stream (UTF-8 with BOM, header row) fed from rows; backpressure is respected through pipe. */
export function csvStream(columns: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => neutralizeCell(c)) });
  const source = Readable.from(
    (async function* () {
      for await (const r of rows) yield r.map(cell);
    })(),
    { objectMode: true },
  );
  source.on('error', (e) => csv.destroy(e));
  return source.pipe(csv);
}

export const LEVEL_COLUMNS = [
  'scope',
  'pillar_key',
  'pillar_number',
  'pillar_name_th',
  'pillar_name_en',
  'level',
  'count',
  'denominator',
  'percent',
] as const;

export function levelRowsOf(l: Levels): Cell[][] {
  const out: Cell[][] = [];
  for (const x of l.overall.levels) {
    out.push(['overall', '', '', '', '', x.level, x.count, x.share.denominator, x.share.percent]);
  }
  out.push([
    'overall_at_least',
    '',
    '',
    '',
    '',
    l.atLeast,
    l.overall.atLeast.numerator,
    l.overall.atLeast.denominator,
    l.overall.atLeast.percent,
  ]);
  for (const p of l.pillars) {
    for (const x of p.levels) {
      out.push([
        'pillar',
        p.key,
        p.number,
        p.name.th,
        p.name.en,
        x.level,
        x.count,
        x.share.denominator,
        x.share.percent,
      ]);
    }
    out.push([
      'pillar_at_least',
      p.key,
      p.number,
      p.name.th,
      p.name.en,
      l.atLeast,
      p.atLeast.numerator,
      p.atLeast.denominator,
      p.atLeast.percent,
    ]);
  }
  return out;
}

export async function levelsXlsx(l: Levels): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('levels');
  ws.addRow([...LEVEL_COLUMNS]);
  for (const r of levelRowsOf(l)) ws.addRow(r.map(cell));
  const notes = wb.addWorksheet('narrative');
  for (const [i, th] of l.narrative.th.entries()) notes.addRow([th, l.narrative.en[i] ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const ITEM_COLUMNS = [
  'segment',
  'row',
  'kind',
  'code',
  'label_th',
  'label_en',
  'count',
  'denominator',
  'percent',
  'value',
];

export function itemRowsOf(s: ItemStatistics): Cell[][] {
  const out: Cell[][] = [];
  const groups = [{ value: 'all', stat: s.overall }, ...(s.segments ?? [])];
  for (const { value, stat } of groups) {
    out.push([value, '', 'population', '', '', '', stat.population, stat.population, null, null]);
    for (const o of stat.options ?? []) {
      out.push([
        value,
        '',
        'option',
        o.code,
        o.label.th,
        o.label.en,
        o.count,
        o.share.denominator,
        o.share.percent,
        null,
      ]);
    }
    for (const o of stat.atLeastStage ?? []) {
      out.push([
        value,
        '',
        'at_least_stage',
        o.code,
        o.label.th,
        o.label.en,
        o.count,
        o.share.denominator,
        o.share.percent,
        null,
      ]);
    }
    for (const t of stat.otherTexts ?? []) {
      out.push([value, '', 'other_text', t.codedCategory ?? '', t.text, '', t.count, stat.population, null, null]);
    }
    for (const row of stat.rows ?? []) {
      for (const o of row.options) {
        out.push([
          value,
          row.code,
          'option',
          o.code,
          o.label.th,
          o.label.en,
          o.count,
          o.share.denominator,
          o.share.percent,
          null,
        ]);
      }
    }
    if (stat.summary) {
      for (const k of ['n', 'mean', 'median', 'q1', 'q3', 'min', 'max'] as const) {
        out.push([value, '', 'summary', k, '', '', null, stat.summary.n, null, stat.summary[k]]);
      }
    }
  }
  return out;
}

const BATCH = 250;

/** Submitted responses with their answers, one batch in memory at a time (keyset pagination). */
async function* responseBatches(db: Db, cycleId: number) {
  let after = 0;
  for (;;) {
    const batch = await repo.rawResponseBatch(db, cycleId, after, BATCH);
    if (batch.length === 0) return;
    const answers = await repo.answersOfResponses(
      db,
      batch.map((b) => b.id),
    );
    const byResponse = new Map<number, typeof answers>();
    for (const a of answers) {
      const list = byResponse.get(a.response_id) ?? [];
      list.push(a);
      byResponse.set(a.response_id, list);
    }
    yield batch.map((r) => ({ response: r, answers: byResponse.get(r.id) ?? [] }));
    after = (batch[batch.length - 1] as { id: number }).id;
    if (batch.length < BATCH) return;
  }
}

const valueText = (v: unknown): Cell => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return JSON.stringify(v);
};

export const RAW_LONG_COLUMNS = [
  'agency_code',
  'agency_name_th',
  'agency_name_en',
  'track',
  'question_code',
  'value',
  'not_applicable',
  'verification',
  'coded_category',
];

export async function* rawLongRows(db: Db, cycleId: number): AsyncGenerator<Cell[]> {
  for await (const batch of responseBatches(db, cycleId)) {
    for (const { response: r, answers } of batch) {
      for (const a of answers) {
        yield [
          r.code,
          r.name_th,
          r.name_en,
          r.track,
          a.question_code,
          valueText(a.value),
          a.not_applicable ? a.not_applicable.justification : null,
          a.verification,
          a.coded_category,
        ];
      }
    }
  }
}

interface WideColumn {
  name: string;
  read(value: unknown, coded: string | null): Cell;
}

/** One column per question; a multiple choice is one 0/1 column per option (CODE__option), a matrix one per row. */
export function wideColumns(framework: Framework): { codes: Map<string, WideColumn[]>; names: string[] } {
  const codes = new Map<string, WideColumn[]>();
  const names: string[] = [];
  const add = (q: Question, cols: WideColumn[]) => {
    codes.set(q.code, cols);
    names.push(...cols.map((c) => c.name));
  };
  for (const p of framework.pillars) {
    for (const ind of p.indicators) {
      for (const q of ind.questions) {
        if (q.type === 'multiple') {
          add(
            q,
            (q.options ?? []).map((o) => ({
              name: `${q.code}__${o.code}`,
              read: (v) => (Array.isArray(v) ? (v.includes(o.code) ? 1 : 0) : null),
            })),
          );
        } else if (q.type === 'matrix') {
          add(
            q,
            (q.rows ?? []).map((row) => ({
              name: `${q.code}__${row.code}`,
              read: (v) => {
                const x = v && typeof v === 'object' ? (v as Record<string, unknown>)[row.code] : undefined;
                return typeof x === 'string' ? x : null;
              },
            })),
          );
        } else if (q.type === 'reason') {
          add(q, [
            {
              name: q.code,
              read: (v) => (v && typeof v === 'object' ? ((v as { choice?: string }).choice ?? null) : valueText(v)),
            },
            {
              name: `${q.code}__other`,
              read: (v) => (v && typeof v === 'object' ? ((v as { other?: string }).other ?? null) : null),
            },
            { name: `${q.code}__coded`, read: (_v, coded) => coded },
          ]);
        } else {
          add(q, [{ name: q.code, read: (v) => valueText(v) }]);
        }
      }
    }
  }
  return { codes, names };
}

export async function* rawWideRows(db: Db, cycleId: number, framework: Framework): AsyncGenerator<Cell[]> {
  const { codes, names } = wideColumns(framework);
  const position = new Map(names.map((n, i) => [n, i]));
  for await (const batch of responseBatches(db, cycleId)) {
    for (const { response: r, answers } of batch) {
      const row: Cell[] = new Array(names.length).fill(null);
      for (const a of answers) {
        for (const col of codes.get(a.question_code) ?? []) {
          row[position.get(col.name) as number] = col.read(a.value, a.coded_category);
        }
      }
      yield [r.code, r.name_th, r.name_en, r.track, r.status, ...row];
    }
  }
}

export const wideHeader = (framework: Framework) => [
  'agency_code',
  'agency_name_th',
  'agency_name_en',
  'track',
  'status',
  ...wideColumns(framework).names,
];
