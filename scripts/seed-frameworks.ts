/**
 * Regenerates the seed frameworks' JSON from their workbooks: `npm run seeds:frameworks` after
 * editing `seeds/frameworks/dgrs-*.xlsx` (docs/framework-authoring.md). `--check` writes nothing and
 * exits 1 when a committed JSON is not what its workbook imports to.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { importSeedWorkbooks, seedFrameworkFile, seedFrameworkJson } from '../seeds/frameworks/seed-workbooks';
import { stableStringify } from '../shared/src/domain/framework-validate';

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, framework] of await importSeedWorkbooks()) {
  const file = seedFrameworkFile(name, 'json');
  const json = seedFrameworkJson(framework);
  const hash = createHash('sha256').update(stableStringify(framework)).digest('hex');
  const current = existsSync(file) && readFileSync(file, 'utf8') === json;
  if (!current && !check) writeFileSync(file, json);
  if (!current && check) stale++;
  console.log(
    `${name}: ${framework.code}, content hash ${hash}, ${current ? 'unchanged' : check ? 'STALE' : 'written'}`,
  );
}
if (stale > 0) {
  console.error(
    `${stale} seed framework JSON file(s) are not what their workbook imports to: run npm run seeds:frameworks`,
  );
  process.exit(1);
}
