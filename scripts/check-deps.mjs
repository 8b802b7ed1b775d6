// Fails when code imports a package its workspace does not declare as a dependency, the mistake
// that works in a developer's checkout (npm hoists every package to the root node_modules) and
// breaks an install made with `npm ci --omit=dev`, where root devDependencies are absent.
// Also fails on type packages among dependencies and on dependencies nothing imports.
// Imports are read by esbuild, so type-only imports (erased at build) are not runtime imports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

// --root: another tree laid out like this repository (tests/unit/check-deps.test.ts).
const { values: args } = parseArgs({ options: { root: { type: 'string' } } });
const root = args.root ? path.resolve(args.root) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `dirs` are the workspace's own code; `bundles` are workspace sources its build inlines, whose
 * package imports then come from the bundle, so they must be this workspace's dependencies too.
 * seeds/ and migrations/ run in the server workspace's programs (seed.js; compiled migrations).
 */
const WORKSPACES = [
  { name: 'server', dirs: ['server/src', 'seeds', 'migrations'], bundles: ['shared/src'] },
  { name: 'shared', dirs: ['shared/src'], bundles: [] },
  { name: 'client', dirs: ['client/src'], bundles: ['shared/src'] },
];

const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const rootManifest = readJson('package.json');
const workspaceNames = new Map(WORKSPACES.map((w) => [readJson(`${w.name}/package.json`).name, w.name]));
const builtins = new Set(builtinModules);

function sourceFiles(dir) {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(e.name) && !/\.(test|d)\.[mt]?[jt]sx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Packages a stylesheet takes files from (`url('@fontsource/…')`, `@import 'pkg/…'`): Vite bundles them. */
function cssImports(dir) {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.css'))
    .map((e) => {
      const file = path.relative(root, path.join(e.parentPath, e.name));
      const text = readFileSync(path.join(root, file), 'utf8');
      const specs = [...text.matchAll(/(?:url\(|@import)\s*['"]?([^'")\s;]+)/g)].map((m) => m[1]).filter(isBare);
      return [file, new Set(specs)];
    });
}

const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const isBare = (spec) => !/^(\.|\/|node:|data:|https?:)/.test(spec) && !builtins.has(packageOf(spec));

/** Package imports per file: static, dynamic and re-exports (esbuild), and require/require.resolve. */
async function importsOf(files) {
  const found = new Map(files.map((f) => [f, new Set()]));
  await esbuild.build({
    entryPoints: files.map((f) => path.join(root, f)),
    bundle: true,
    write: false,
    outdir: path.join(root, '.tmp/check-deps'),
    format: 'esm',
    platform: 'neutral',
    jsx: 'automatic',
    logLevel: 'silent',
    plugins: [
      {
        name: 'collect-imports',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (isBare(args.path)) found.get(path.relative(root, args.importer))?.add(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  // createRequire(import.meta.url) lookups (fonts) are invisible to a bundler.
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/\brequire(?:\.resolve)?\(\s*[`'"]([^`'"$]+)/g)) {
      if (m[1] && isBare(m[1])) found.get(file)?.add(m[1]);
    }
  }
  return found;
}

function whereDeclared(pkg) {
  const places = [];
  for (const w of WORKSPACES) {
    const m = readJson(`${w.name}/package.json`);
    if (m.dependencies?.[pkg]) places.push(`a dependency of ${w.name}`);
    if (m.devDependencies?.[pkg]) places.push(`a devDependency of ${w.name}`);
  }
  if (rootManifest.devDependencies?.[pkg]) places.push('a devDependency of the root package.json');
  return places.length ? `it is ${places.join(' and ')}` : 'it is declared nowhere';
}

const problems = [];
const summary = [];
for (const w of WORKSPACES) {
  const manifest = readJson(`${w.name}/package.json`);
  const deps = manifest.dependencies ?? {};
  const own = w.dirs.flatMap(sourceFiles);
  const bundled = w.bundles.flatMap(sourceFiles);
  const imports = await importsOf([...own, ...bundled]);
  for (const [file, specs] of w.dirs.flatMap(cssImports)) imports.set(file, specs);
  const used = new Set();
  /** Undeclared package -> the files importing it. */
  const missing = new Map();
  for (const [file, specs] of imports) {
    for (const spec of specs) {
      const pkg = packageOf(spec);
      used.add(pkg);
      const workspace = workspaceNames.get(pkg);
      if (workspace) {
        // Workspace packages export TypeScript sources: they are inlined by the bundlers
        // (Vite, scripts/build-server.mjs), never imported at run time.
        if (workspace === w.name || !w.bundles.includes(`${workspace}/src`)) {
          problems.push(`${file} imports ${spec}, but the ${w.name} build does not bundle ${workspace}/src`);
        }
        continue;
      }
      if (!deps[pkg]) missing.set(pkg, [...(missing.get(pkg) ?? []), file]);
    }
  }
  for (const [pkg, files] of missing) {
    const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
    problems.push(
      `${w.name}: ${pkg} is imported by ${shown}, but is not in ${w.name}/package.json "dependencies" (${whereDeclared(pkg)}; an install with --omit=dev has only dependencies)`,
    );
  }
  for (const pkg of Object.keys(deps)) {
    if (pkg.startsWith('@types/')) {
      problems.push(`${w.name}/package.json: ${pkg} is a type package: move it to "devDependencies"`);
    } else if (!used.has(pkg)) {
      problems.push(`${w.name}/package.json: nothing in ${w.dirs.join(', ')} imports ${pkg}: remove it`);
    }
  }
  summary.push(`${w.name} ${used.size} packages in ${own.length} files`);
}

if (problems.length) {
  console.error(`check-deps: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-deps: every runtime import is a declared dependency (${summary.join('; ')})`);
