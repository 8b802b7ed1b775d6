import { Readable } from 'node:stream';
import type { ItemStatistics, Levels } from '@dg/shared/schemas/analytics';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import { stringify as stringifySync } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { type Db, pgPoolOf } from '../../db/database';
import { csvCast, xlsxBuffer } from '../../lib/spreadsheet';
import * as repo from './analytics.repository';

type Cell = string | number | null;

async function* oneByOne(rows: AsyncIterable<Cell[]> | Iterable<Cell[]>) {
  for await (const r of rows) yield [r];
}

const CSV_CHUNK = 64 * 1024;

/**
 * A CSV stream (UTF-8 with BOM, header row) fed from rows. csv-stringify formats a whole batch of
 * records at a time (its synchronous API) and the text leaves in chunks of about 64 KB: a national
 * raw export is 2 million records, and a stream step per record cost more than reading them from
 * the database. Output is byte-identical to csv-stringify's stream with `{ bom: true, header: true,
 * columns }`. Pulled on demand, so backpressure holds; destroying the stream (a client gone)
 * returns the row source, which frees what it holds.
 */
export function csvStream(columns: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  const width = columns.length;
  return Readable.from(
    (async function* () {
      // Every text cell, the header's too, is neutralized against formula injection (csvCast).
      let buf = `\ufeff${stringifySync([[...columns]], { cast: csvCast })}`;
      const batches = (rows as Partial<BatchedRows>)[ROW_BATCHES];
      for await (const batch of batches ?? oneByOne(rows)) {
        // Extra cells are dropped, as the columns option of the stream does.
        buf += stringifySync(
          batch.map((r) => (r.length > width ? r.slice(0, width) : r)),
          { cast: csvCast },
        );
        if (buf.length >= CSV_CHUNK) {
          yield Buffer.from(buf);
          buf = '';
        }
      }
      yield Buffer.from(buf);
    })(),
    { objectMode: false },
  );
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
  // A withheld segment (disclosure control) says so in one row, with no numbers.
  if (l.suppressed)
    return [['withheld', '', '', l.suppressed.message.th, l.suppressed.message.en, '', null, null, null]];
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
  for (const r of levelRowsOf(l)) ws.addRow(r);
  const notes = wb.addWorksheet('narrative');
  for (const [i, th] of l.narrative.th.entries()) notes.addRow([th, l.narrative.en[i] ?? '']);
  return xlsxBuffer(wb);
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
    if (stat.suppressed) {
      const m = stat.suppressed.message;
      out.push([value, '', 'withheld', stat.suppressed.reason, m.th, m.en, null, null, null, null]);
      continue;
    }
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
        // Withheld extremes say so, rather than an empty cell a reader could take for "no data".
        const [th, en] =
          stat.summary.extremesWithheld && (k === 'min' || k === 'max')
            ? ['ไม่เปิดเผย (เป็นค่าของหน่วยงานเดียว)', "withheld (one agency's own value)"]
            : ['', ''];
        out.push([value, '', 'summary', k, th, en, null, stat.summary.n, null, stat.summary[k]]);
      }
    }
  }
  return out;
}

const BATCH = 250;
/** Rows per FETCH from the server-side cursor: a few megabytes in memory at a time, 100 round trips for 2 million. */
const FETCH_ROWS = 20_000;

type ResponseRow = Awaited<ReturnType<typeof repo.rawResponseBatch>>[number];
type AnswerRow = Awaited<ReturnType<typeof repo.answersOfResponses>>[number];
interface ResponseWithAnswers {
  response: ResponseRow;
  answers: AnswerRow[];
}

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

/**
 * The same responses read through two server-side cursors (DECLARE/FETCH on a connection of its
 * own, one read-only transaction, so one snapshot): two round trips per 250 responses made a
 * national export take minutes. Answers come in response order, so a merge pairs them up; each
 * yield holds about FETCH_ROWS answers. Stopping early (a client gone) rolls back and frees the
 * connection.
 */
async function* cursorBatches(pool: pg.Pool, db: Db, cycleId: number) {
  const client = await pool.connect();
  let committed = false;
  let broken: Error | undefined;
  try {
    await client.query('begin transaction read only');
    for (const [name, q] of [
      ['raw_responses', repo.rawResponsesQuery(db, cycleId).compile()],
      ['raw_answers', repo.rawAnswersQuery(db, cycleId).compile()],
    ] as const) {
      await client.query(`declare ${name} no scroll cursor for ${q.sql}`, [...q.parameters]);
    }
    const fetch = async <T extends pg.QueryResultRow>(cursor: string) =>
      (await client.query<T>(`fetch ${FETCH_ROWS} from ${cursor}`)).rows;
    // The next batch of answers is asked for as soon as one arrives, so the server reads it while
    // this process encodes the last one (a rejection is kept for the await that takes it).
    const prefetch = () => {
      const p = fetch<AnswerRow>('raw_answers');
      p.catch(() => {});
      return p;
    };
    let pending: Promise<AnswerRow[]> | undefined = prefetch();
    let answers: AnswerRow[] = [];
    let next = 0;
    let out: ResponseWithAnswers[] = [];
    let held = 0;
    for (;;) {
      const responses = await fetch<ResponseRow>('raw_responses');
      for (const response of responses) {
        const own: AnswerRow[] = [];
        for (;;) {
          if (next === answers.length) {
            if (!pending) break;
            answers = await pending;
            next = 0;
            pending = answers.length === FETCH_ROWS ? prefetch() : undefined;
            if (answers.length === 0) break;
          }
          const a = answers[next] as AnswerRow;
          if (a.response_id !== response.id) {
            // Same filter, same snapshot: an answer can only belong to a later response.
            if (a.response_id < response.id)
              throw new Error(`raw export: answer of response ${a.response_id} out of order`);
            break;
          }
          own.push(a);
          next++;
        }
        out.push({ response, answers: own });
        held += own.length + 1;
        if (held >= FETCH_ROWS) {
          yield out;
          out = [];
          held = 0;
        }
      }
      if (responses.length < FETCH_ROWS) break;
    }
    if (out.length) yield out;
    await client.query('commit');
    committed = true;
  } finally {
    // Also reached when the consumer stops early or a query failed: end the transaction before the
    // connection goes back to the pool, or drop the connection when even that fails.
    if (!committed)
      await client.query('rollback').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
    client.release(broken);
  }
}

/** PostgreSQL streams through a cursor; the embedded database (no cursor streams) pages. */
const responsesOf = (db: Db, cycleId: number): AsyncIterable<ResponseWithAnswers[]> => {
  const pool = pgPoolOf(db);
  return pool ? cursorBatches(pool, db, cycleId) : responseBatches(db, cycleId);
};

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

/**
 * Rows that also offer themselves a batch at a time: csvStream takes the batches, so a 2-million-row
 * export costs one await per few thousand rows instead of one per row. Iterated as rows, it is the
 * same rows in the same order.
 */
const ROW_BATCHES = Symbol('rowBatches');
type BatchedRows = AsyncGenerator<Cell[]> & { [ROW_BATCHES]: AsyncIterable<Cell[][]> };

function batchedRows(batches: AsyncIterable<Cell[][]>): BatchedRows {
  const rows = (async function* () {
    for await (const b of batches) yield* b;
  })();
  return Object.assign(rows, { [ROW_BATCHES]: batches });
}

/** Told the number of responses of each batch once it is encoded (a background export's progress). */
export type RawProgress = (responses: number) => Promise<void>;

async function* longBatches(db: Db, cycleId: number, progress?: RawProgress): AsyncGenerator<Cell[][]> {
  for await (const batch of responsesOf(db, cycleId)) {
    const out: Cell[][] = [];
    for (const { response: r, answers } of batch) {
      for (const a of answers) {
        out.push([
          r.code,
          r.name_th,
          r.name_en,
          r.track,
          a.question_code,
          valueText(a.value),
          a.not_applicable ? a.not_applicable.justification : null,
          a.verification,
          a.coded_category,
        ]);
      }
    }
    yield out;
    await progress?.(batch.length);
  }
}

export const rawLongRows = (db: Db, cycleId: number, progress?: RawProgress): AsyncGenerator<Cell[]> =>
  batchedRows(longBatches(db, cycleId, progress));

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

async function* wideBatches(
  db: Db,
  cycleId: number,
  framework: Framework,
  progress?: RawProgress,
): AsyncGenerator<Cell[][]> {
  const { codes, names } = wideColumns(framework);
  const position = new Map(names.map((n, i) => [n, i]));
  for await (const batch of responsesOf(db, cycleId)) {
    const out: Cell[][] = [];
    for (const { response: r, answers } of batch) {
      const row: Cell[] = new Array(names.length).fill(null);
      for (const a of answers) {
        for (const col of codes.get(a.question_code) ?? []) {
          row[position.get(col.name) as number] = col.read(a.value, a.coded_category);
        }
      }
      out.push([r.code, r.name_th, r.name_en, r.track, r.status, ...row]);
    }
    yield out;
    await progress?.(batch.length);
  }
}

export const rawWideRows = (
  db: Db,
  cycleId: number,
  framework: Framework,
  progress?: RawProgress,
): AsyncGenerator<Cell[]> => batchedRows(wideBatches(db, cycleId, framework, progress));

export const wideHeader = (framework: Framework) => [
  'agency_code',
  'agency_name_th',
  'agency_name_en',
  'track',
  'status',
  ...wideColumns(framework).names,
];
