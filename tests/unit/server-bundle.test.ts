// The product does not depend on its demo data: the production server bundle holds no seeds/
// code; seeding is the separate seed program (server/dist/seed.js) that `npm start` runs first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildServer, ENTRIES, seedInputsOf } from '../../scripts/build-server.mjs';

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown>; imports: unknown[] }> };
let dir: string;
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bundle-'));
  ({ metafile } = await buildServer({ outdir: path.join(dir, 'dist') }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('server bundle', () => {
  it('the server and the worker load nothing from seeds/', () => {
    const programs = (ENTRIES as { name: string; mayHoldSeeds?: boolean }[]).filter((e) => !e.mayHoldSeeds);
    expect(programs.map((e) => e.name)).toEqual(expect.arrayContaining(['server', 'worker']));
    for (const e of programs) expect(seedInputsOf(metafile, e.name, path.join(dir, 'dist')), e.name).toEqual([]);
  });

  it('the seed program carries the seeds (the check sees them where they are)', () => {
    const seeds: string[] = seedInputsOf(metafile, 'seed', path.join(dir, 'dist'));
    expect(seeds).toContain('seeds/seed.ts');
    expect(seeds.some((f) => f.startsWith('seeds/frameworks/'))).toBe(true);
  });

  it('no demo account password is in the server program or its chunks', () => {
    const out = path.join(dir, 'dist');
    const files = Object.keys(metafile.outputs)
      .map((f) => path.resolve(f))
      .filter((f) => f.endsWith('.js') && !f.endsWith(`${path.sep}seed.js`) && f.startsWith(out));
    const seedChunks = new Set(
      Object.entries(metafile.outputs)
        .filter(([, o]) => Object.keys(o.inputs).some((i) => i.startsWith('seeds/')))
        .map(([f]) => path.resolve(f)),
    );
    const serverFiles = files.filter((f) => !seedChunks.has(f));
    expect(serverFiles.length).toBeGreaterThan(1);
    for (const f of serverFiles) expect(readFileSync(f, 'utf8'), f).not.toContain('Admin-2566-demo');
  });
});
