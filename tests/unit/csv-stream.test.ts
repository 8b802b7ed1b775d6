import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { stringify } from 'csv-stringify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvStream } from '../../server/src/modules/analytics/analytics.export';
import { neutralizeCell } from '../../shared/src/domain/spreadsheet-cells';

type Cell = string | number | null;

/** csv-stringify's own stream, record by record (bytes, BOM included): what csvStream must match. */
function reference(columns: string[], rows: Cell[][]) {
  const csv = stringify({ bom: true, header: true, columns: columns.map(neutralizeCell) });
  Readable.from(rows.map((r) => r.map((v) => (typeof v === 'string' ? neutralizeCell(v) : v)))).pipe(csv);
  return buffer(csv).then((b) => b.toString('latin1'));
}

const tricky = fc.constantFrom(
  '',
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  'a,b',
  'say "hi"',
  '=1+1',
  '-2',
  ' x ',
  'ไทย',
  '\u2028',
);
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '=', 'ก') }),
  tricky,
  fc.double(),
  fc.integer(),
  fc.constant(null),
);

describe('csvStream', () => {
  it('writes the bytes csv-stringify writes, whatever the cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cellArb, { maxLength: 7 }), { maxLength: 30 }),
        async (columns, rows) => {
          const ours = (await buffer(csvStream(columns, rows))).toString('latin1');
          expect(ours).toBe(await reference(columns, rows));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes large exports in chunks, not one write per record', async () => {
    const rows: Cell[][] = Array.from({ length: 20_000 }, (_, i) => [`r${i}`, i, i % 3 ? null : 'a,"b"']);
    const chunks = await csvStream(['a', 'b', 'c'], rows).toArray();
    expect(chunks.length).toBeLessThan(20);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(await reference(['a', 'b', 'c'], rows));
  });
});
