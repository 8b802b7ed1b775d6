// Bundles the server for production: `node server/dist/server.js` runs without tsx or the sources.
// npm packages stay external (installed by `npm ci --omit=dev`); the workspace @dg/shared, which
// exports TypeScript sources, is bundled in, as is everything server/src imports. seeds/ (the demo
// data and the seed frameworks) goes into seed.js only: the build fails when another program
// (the server, the worker) would carry any of it.
import { existsSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'server/dist');

/**
 * Every program the image runs, in one place: name (server/dist/<name>.js) and source. An entry
 * named here is built; a missing source fails the build.
 */
export const ENTRIES = [
  { name: 'server', source: 'server/src/server.ts' },
  { name: 'migrate', source: 'server/src/cli/migrate.ts' },
  { name: 'seed', source: 'server/src/cli/seed.ts', mayHoldSeeds: true },
  { name: 'worker', source: 'server/src/worker.ts' },
];

/**
 * The source files under seeds/ that the output `entry` (server, seed...) loads, through the chunks
 * it imports, statically or dynamically, read from esbuild's metafile.
 */
export function seedInputsOf(metafile, entry, dir = outdir) {
  const outputs = metafile.outputs;
  const key = (file) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const byKey = new Map(Object.entries(outputs).map(([file, out]) => [key(file), out]));
  const start = key(path.join(dir, `${entry}.js`));
  if (!byKey.has(start)) throw new Error(`build: no output ${start} in the metafile`);
  const seen = new Set();
  const seeds = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const out = byKey.get(file);
    if (!out) return;
    for (const input of Object.keys(out.inputs)) if (/^seeds\//.test(key(input))) seeds.add(key(input));
    for (const imp of out.imports) if (!imp.external) visit(key(imp.path));
  };
  visit(start);
  return [...seeds].sort();
}

/** Node 20.19 is the oldest runtime supported (engines); the image runs Node 24. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  logLevel: 'warning',
  // Modules that ask where they are (lib/paths.ts) learn they run from server/dist.
  define: { DG_BUNDLED: 'true' },
};

/** `packages: 'external'` would leave @dg/shared/* as imports of TypeScript files Node cannot run. */
const bundleWorkspace = {
  name: 'bundle-dg-shared',
  setup(build) {
    build.onResolve({ filter: /^@dg\/shared\// }, (args) => {
      const base = path.join(root, 'shared/src', args.path.slice('@dg/shared/'.length));
      const file = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
      if (!file) return { errors: [{ text: `${args.path} is not a module of shared/src` }] };
      return { path: file };
    });
  },
};

export async function buildServer({ outdir: dir = outdir } = {}) {
  const entries = ENTRIES.filter((e) => {
    if (existsSync(path.join(root, e.source))) return true;
    if (e.optional) return false;
    throw new Error(`build: entry ${e.name} (${e.source}) does not exist`);
  });
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const { metafile } = await esbuild.build({
    ...common,
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, path.join(root, e.source)])),
    outdir: dir,
    metafile: true,
    // Code shared by the entries goes into chunks beside them (same folder, so the same paths).
    splitting: true,
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    plugins: [bundleWorkspace],
  });
  // The product must not depend on its demo data: only the seed program may load seeds/.
  for (const e of entries.filter((e) => !e.mayHoldSeeds)) {
    const seeds = seedInputsOf(metafile, e.name, dir);
    if (seeds.length) throw new Error(`build: server/dist/${e.name}.js would load seeds/: ${seeds.join(', ')}`);
  }
  // Migrations are loaded by file name at run time (server/src/db/migrate.ts), so each is
  // compiled to its own module under server/dist/migrations.
  const migrations = (await readdir(path.join(root, 'migrations'))).filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f));
  await esbuild.build({
    ...common,
    entryPoints: migrations.map((f) => path.join(root, 'migrations', f)),
    outdir: path.join(dir, 'migrations'),
    plugins: [bundleWorkspace],
  });
  const ms = Math.round(performance.now() - started);
  console.log(
    `build: ${path.relative(root, dir)}/{${entries.map((e) => `${e.name}.js`).join(',')}} and ${migrations.length} migrations in ${ms} ms`,
  );
  return { metafile, entries };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
}
