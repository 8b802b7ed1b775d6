import { readFileSync } from 'node:fs';
import { stableStringify, validateFramework } from '@dg/shared/domain/framework-validate';
import { workbookToFramework } from '@dg/shared/domain/framework-workbook-import';
import type { Framework } from '@dg/shared/schemas/framework';
import { beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import {
  importSeedWorkbooks,
  SEED_FRAMEWORKS,
  type SeedFrameworkName,
  seedFrameworkFile,
  seedFrameworkJson,
} from '../../seeds/frameworks/seed-workbooks';
import { frameworkWorkbookXlsx, readFrameworkWorkbook } from '../../server/src/modules/frameworks/framework-workbook';
import { frameworkHash } from '../../server/src/modules/frameworks/frameworks.repository';

/**
 * The seed frameworks' source is the committed XLSX workbook DGA edits; the committed JSON the
 * seed program loads is generated from it (npm run seeds:frameworks). Both files are read as
 * committed, through a real XLSX reader (ExcelJS), so an edited workbook without regenerated JSON fails here.
 */
describe('seed frameworks: the committed workbooks and the JSON generated from them', () => {
  let imported: Map<SeedFrameworkName, Framework>;
  beforeAll(async () => {
    imported = await importSeedWorkbooks();
  }, 120_000);
  const modules: Record<SeedFrameworkName, Framework> = { 'dgrs-2565': dgrs2565, 'dgrs-2566': dgrs2566 };

  it.each(SEED_FRAMEWORKS.map((s) => [s.name, s.previous] as const))(
    'the committed %s JSON is what its committed workbook imports to (run npm run seeds:frameworks when not)',
    (name) => {
      const framework = imported.get(name);
      if (!framework) throw new Error(`${name} not imported`);
      expect(readFileSync(seedFrameworkFile(name, 'json'), 'utf8')).toBe(seedFrameworkJson(framework));
      // The module the seed program and the tests import serves that same document.
      expect(stableStringify(modules[name])).toBe(stableStringify(framework));
    },
  );

  it.each(SEED_FRAMEWORKS.map((s) => [s.name, s.previous] as const))(
    'the %s workbook round-trips: export(import(workbook)) imports to the same content hash',
    async (name, previousName) => {
      const framework = imported.get(name);
      if (!framework) throw new Error(`${name} not imported`);
      const previous = previousName ? imported.get(previousName) : undefined;
      const buffer = await frameworkWorkbookXlsx(framework, frameworkHash(framework));
      const back = workbookToFramework(await readFrameworkWorkbook(buffer), { previous });
      if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 5)));
      expect(frameworkHash(back.framework)).toBe(frameworkHash(framework));
      // Not only hash-equal: the JSON form matches exactly, member order included.
      expect(JSON.stringify(back.framework)).toBe(JSON.stringify(framework));
    },
    60_000,
  );

  it('the seed modules validate unchanged, so an import stores the hash the JSON has', () => {
    const a = validateFramework(dgrs2565);
    if (!a.ok) throw new Error(JSON.stringify(a.issues.slice(0, 3)));
    const b = validateFramework(dgrs2566, { previous: a.framework });
    if (!b.ok) throw new Error(JSON.stringify(b.issues.slice(0, 3)));
    expect(frameworkHash(a.framework)).toBe(frameworkHash(dgrs2565));
    expect(frameworkHash(b.framework)).toBe(frameworkHash(dgrs2566));
    expect(dgrs2566.previousCode).toBe(dgrs2565.code);
  });
});
