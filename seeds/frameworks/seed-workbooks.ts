import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFrameworkWorkbook } from '../../server/src/modules/frameworks/framework-workbook';
import { workbookToFramework } from '../../shared/src/domain/framework-workbook-import';
import type { Framework } from '../../shared/src/schemas/framework';

/**
 * The seed frameworks' source is their XLSX workbook (`dgrs-2566.xlsx`), the file DGA's survey team
 * edits; the JSON beside it is generated from it by `npm run seeds:frameworks` and committed, so the
 * seed program and the tests load plain data (esbuild bundles it) without reading a spreadsheet.
 * In load order: a framework's predecessor comes first, as the importer checks continuity against it.
 */
export const SEED_FRAMEWORKS = [
  { name: 'dgrs-2565', previous: null },
  { name: 'dgrs-2566', previous: 'dgrs-2565' },
] as const;
export type SeedFrameworkName = (typeof SEED_FRAMEWORKS)[number]['name'];

export const seedFrameworkFile = (name: SeedFrameworkName, ext: 'xlsx' | 'json') =>
  fileURLToPath(new URL(`./${name}.${ext}`, import.meta.url));

/** The committed JSON form: the validated framework, two-space indented, so a diff reads by line. */
export const seedFrameworkJson = (framework: Framework) => `${JSON.stringify(framework, null, 2)}\n`;

/** One seed workbook through the same importer as an upload; any problem fails with its cell named. */
export async function importSeedWorkbook(name: SeedFrameworkName, previous?: Framework): Promise<Framework> {
  const data = await readFrameworkWorkbook(readFileSync(seedFrameworkFile(name, 'xlsx')));
  const result = workbookToFramework(data, { previous });
  if (!result.ok) {
    const lines = result.issues.map((i) => `${i.sheet}!${i.column ?? ''}${i.row ?? ''}: ${i.message}`);
    throw new Error(`${name}.xlsx has ${result.issues.length} problem(s):\n${lines.join('\n')}`);
  }
  return result.framework;
}

/** Every seed workbook imported, each with its predecessor, keyed by name. */
export async function importSeedWorkbooks(): Promise<Map<SeedFrameworkName, Framework>> {
  const out = new Map<SeedFrameworkName, Framework>();
  for (const { name, previous } of SEED_FRAMEWORKS) {
    out.set(name, await importSeedWorkbook(name, previous ? out.get(previous) : undefined));
  }
  return out;
}
