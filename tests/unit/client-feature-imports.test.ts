// A ratchet on imports from one client feature folder into another (the developers' guide forbids
// them: shared code moves to components/ or lib/). The allowed list may only shrink.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const features = path.join(root, 'client/src/features');

/** Cross-feature imports still to move, as `file -> imported module`. */
const ALLOWED = new Set(['audit/audit-page.tsx -> ../admin/api', 'imports/import-page.tsx -> ../admin/api']);

function crossFeatureImports(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(features, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(features, file).split(path.sep).join('/');
    const feature = rel.split('/')[0];
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = path.relative(features, path.resolve(path.dirname(file), m[1] as string)).split(path.sep)[0];
      if (target && !target.startsWith('..') && target !== feature) found.push(`${rel} -> ${m[1]}`);
    }
  }
  return found.sort();
}

describe('client feature folders', () => {
  it('import nothing from another feature beyond the allowed list', () => {
    expect(crossFeatureImports().filter((i) => !ALLOWED.has(i))).toEqual([]);
  });
  it('the allowed list holds only imports that still exist (lower it when one is moved)', () => {
    const now = new Set(crossFeatureImports());
    expect([...ALLOWED].filter((i) => !now.has(i))).toEqual([]);
  });
});
