import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve('scripts/check-deps.mjs');

/** Runs scripts/check-deps.mjs on a tree; exit code and output. */
async function checkDeps(root?: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...(root ? ['--root', root] : [])]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

function write(root: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

const json = (v: unknown) => JSON.stringify(v);

describe('scripts/check-deps.mjs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-check-deps-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('passes on this repository', async () => {
    const r = await checkDeps();
    expect(r.out).toContain('every runtime import is a declared dependency');
    expect(r.code).toBe(0);
  });

  it('fails on runtime imports a production install would miss, type packages and unused dependencies', async () => {
    write(root, {
      'package.json': json({
        name: 'fixture',
        workspaces: ['shared', 'server', 'client'],
        devDependencies: { 'playwright-core': '1' },
      }),
      'shared/package.json': json({ name: '@dg/shared', dependencies: { zod: '4' } }),
      'shared/src/schemas/thing.ts': "import { z } from 'zod';\nexport const Thing = z.string();\n",
      'server/package.json': json({
        name: '@dg/server',
        dependencies: { fastify: '5', 'pino-pretty': '13', '@types/pg': '8' },
      }),
      // The PDF printer's mistake: a root devDependency loaded at run time, plus a font found by require.resolve.
      'server/src/pdf.ts': [
        "import { createRequire } from 'node:module';",
        "import Fastify from 'fastify';",
        "import type { Browser } from 'only-types';",
        "import { Thing } from '@dg/shared/schemas/thing';",
        'const require = createRequire(import.meta.url);',
        "export const font = () => require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf');",
        "export const launch = async (b?: Browser) => [b, Thing, Fastify, (await import('playwright-core')).chromium];",
        '',
      ].join('\n'),
      'client/package.json': json({ name: '@dg/client', dependencies: { react: '19', zod: '4' } }),
      'client/src/main.tsx': 'export const App = () => <div />;\n',
    });
    const r = await checkDeps(root);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'server: playwright-core is imported by server/src/pdf.ts, but is not in server/package.json "dependencies" (it is a devDependency of the root package.json',
    );
    expect(r.out).toContain('server: @expo-google-fonts/sarabun is imported by server/src/pdf.ts');
    // Shared code is bundled into the server: its imports come from the server's install.
    expect(r.out).toContain('server: zod is imported by shared/src/schemas/thing.ts');
    expect(r.out).toContain('server/package.json: @types/pg is a type package: move it to "devDependencies"');
    expect(r.out).toContain(
      'server/package.json: nothing in server/src, seeds, migrations imports pino-pretty: remove it',
    );
    // Type-only imports are erased at build time; declared dependencies and the JSX runtime pass.
    expect(r.out).not.toContain('only-types');
    expect(r.out).not.toMatch(/fastify is imported|react is imported/);
    expect(r.out).toContain('5 problem(s)');
  });
});
