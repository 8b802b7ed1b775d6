import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * One API contract: every route of the OpenAPI document names its params, query, body and
 * response schemas by objects exported from shared/src/schemas/, the same objects the client
 * types itself from. A schema written inline in a route file is a new object and fails here.
 */
const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../shared/src/schemas');

async function sharedExports(): Promise<Map<unknown, string>> {
  const named = new Map<unknown, string>();
  for (const file of fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(SCHEMA_DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (value && typeof value === 'object') named.set(value, `${file}:${name}`);
    }
  }
  return named;
}

describe('API contract', () => {
  let t: TestApp;
  let shared: Map<unknown, string>;
  beforeAll(async () => {
    t = await createTestApp();
    shared = await sharedExports();
  }, 120_000);
  afterAll(async () => t?.close());

  it('every OpenAPI route takes its params, query, body and responses from shared/src/schemas/', async () => {
    await t.app.ready();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.length).toBeGreaterThan(80);

    const byRoute = new Map(
      t.app.routeContracts.map((r) => [`${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`, r.schema]),
    );
    const problems: string[] = [];
    for (const route of documented) {
      if (!byRoute.has(route)) {
        problems.push(`${route}: in the OpenAPI document but not declared`);
        continue;
      }
      const schema = byRoute.get(route) ?? {};
      for (const part of ['params', 'querystring', 'body'] as const) {
        const s = schema[part];
        if (s !== undefined && !shared.has(s)) problems.push(`${route} ${part}: not an export of shared/src/schemas/`);
      }
      const responses = (schema.response ?? {}) as Record<string, unknown>;
      if (Object.keys(responses).length === 0) problems.push(`${route}: no response schema`);
      for (const [status, s] of Object.entries(responses)) {
        if (!shared.has(s)) problems.push(`${route} ${status}: response is not an export of shared/src/schemas/`);
      }
    }
    expect(problems).toEqual([]);
  });
});
