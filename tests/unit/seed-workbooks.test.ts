import { validateFramework } from '@dg/shared/domain/framework-validate';
import { workbookToFramework } from '@dg/shared/domain/framework-workbook-import';
import type { Framework } from '@dg/shared/schemas/framework';
import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { frameworkWorkbookXlsx, readFrameworkWorkbook } from '../../server/src/modules/frameworks/framework-workbook';

const valid = (input: unknown, previous?: Framework): Framework => {
  const r = validateFramework(input, { previous });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.framework;
};

/**
 * The seed frameworks through a real XLSX file (ExcelJS writes it, ExcelJS reads it back): every
 * text, option, condition, criterion and level rule comes back deep-equal, not only hash-equal.
 */
describe('seed frameworks as XLSX workbooks', () => {
  const f2565 = valid(dgrs2565);
  const f2566 = valid(dgrs2566, f2565);
  it.each([
    ['2565', f2565, undefined],
    ['2566', f2566, f2565],
  ])(
    'exports the %s seed to XLSX and imports it back deep-equal',
    async (_year, seed, previous) => {
      const buffer = await frameworkWorkbookXlsx(seed, 'seed');
      const back = workbookToFramework(await readFrameworkWorkbook(buffer), { previous });
      if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 5)));
      expect(back.framework).toEqual(seed);
      // toEqual ignores undefined members; the JSON form must match exactly too.
      expect(JSON.stringify(back.framework)).toBe(JSON.stringify(seed));
    },
    60_000,
  );
});
