import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycle in server/src (type-only imports included: a cycle of types is still a module
 * pair a reader has to hold in mind at once). Relative imports only; packages cannot cycle back.
 */
const ROOT = path.resolve(import.meta.dirname, '../../server/src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function findCycles(all: string[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const f of all) {
    const text = fs.readFileSync(f, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) => resolve(f, m[1] as string)).filter((d) => d !== null);
    graph.set(f, deps);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open')
        cycles.push([...stack.slice(stack.indexOf(d)), d].map((p) => path.relative(ROOT, p)));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('server/src imports', () => {
  it('form no cycle', () => {
    expect(findCycles(files(ROOT))).toEqual([]);
  });
});
