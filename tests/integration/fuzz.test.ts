/**
 * Property-based fuzzing of every route in the OpenAPI document: params, query and JSON bodies,
 * both shaped by the route's schema and hostile (random JSON, long and odd unicode strings,
 * out-of-range numbers, prototype-pollution keys), as an admin and as a respondent.
 * Properties: never a 5xx, and a request answered 4xx changes no stored data.
 * FUZZ_RUNS raises the number of requests (default 1500, bounded to about a minute on PGlite).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let p: Personas;
const known = { responseId: 0, cycleId: 0, frameworkId: 0, evidenceId: '' };
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  const imported = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  known.frameworkId = imported.row.id;
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: imported.row.id,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  known.cycleId = cycle.id;
  const mine = await t.app.inject({
    method: 'GET',
    url: `/api/cycles/${cycle.id}/my-response`,
    headers: p.respondentA.headers,
  });
  known.responseId = mine.json().response.id;
  for (const [code, value] of [
    ['POL_CIO', 'yes'],
    ['DG_DATASET_COUNT', 3],
    ['POL_OBSTACLES', 'งบประมาณไม่เพียงพอ'],
  ] as const) {
    await t.app.inject({
      method: 'PUT',
      url: `/api/responses/${known.responseId}/answers/${code}`,
      headers: p.respondentA.headers,
      payload: { value, notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() },
    });
  }
  const link = await t.app.inject({
    method: 'POST',
    url: `/api/responses/${known.responseId}/evidence-url`,
    headers: p.respondentA.headers,
    payload: { questionCode: 'POL_CIO', url: 'https://agency.go.th/cio.pdf' },
  });
  known.evidenceId = link.json().id;
}, 60_000);
afterAll(async () => t.close());

/** Stored data a rejected request must not change (audit, sessions, presence and login counters aside). */
const CHECKED: Record<string, string> = {
  ministries: '*',
  agencies: '*',
  agency_history: '*',
  frameworks: '*',
  cycles: '*',
  cycle_agencies: '*',
  users: 'id, email, display_name, password_hash, role, agency_id, disabled_at',
  invitations: '*',
  responses: '*',
  answers: '*',
  answer_saves: '*',
  evidence: '*',
  review_comments: '*',
  result_snapshots: '*',
  snapshot_pillars: '*',
  reason_categories: '*',
};

async function checksum(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, cols] of Object.entries(CHECKED)) {
    const r = await sql<{ h: string }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
      from (select ${sql.raw(cols)} from ${sql.table(table)}) x`.execute(t.db);
    out[table] = r.rows[0]?.h ?? '';
  }
  return out;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
};

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '__proto__',
    'constructor',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '\u0000',
    '\u202e\u0e01\u0e34\u0e4a',
    '😀'.repeat(50),
    'ก'.repeat(5000),
    'x'.repeat(70_000),
    'NaN',
    '-1',
    '1e309',
    '2147483648',
    '9007199254740993',
    'null',
    'true',
    '2023-02-30T25:61:00Z',
  ),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(-1, 0, 2147483648, Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, 0.5),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[[[[]]]]]) },
);

/** Values shaped by a JSON schema (valid more often than not), with hostile leaves now and then. */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return hostileValue;
  const shaped = shapedFrom(s, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}

function shapedFrom(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromSchema(a, depth + 1)));
  if (s.allOf?.length) return fromSchema(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'object': {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) record[k] = fromSchema(v, depth + 1);
        return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      }
      case 'array':
        return fc.array(fromSchema(s.items, depth + 1), { maxLength: 4 });
      case 'integer':
        return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'string':
        if (s.format === 'uuid') return fc.oneof(fc.uuid(), fc.constant(known.evidenceId));
        if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        if (s.format === 'date') return fc.constantFrom('2023-09-30', '2024-02-29');
        if (s.format === 'email') return fc.emailAddress();
        if (s.format === 'uri') return fc.webUrl();
        return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
      default:
        return hostileValue;
    }
  })();
  return s.nullable || (Array.isArray(s.type) && s.type.includes('null')) ? fc.option(base, { nil: null }) : base;
}

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema?: JsonSchema }[];
  body?: JsonSchema;
}

const paramValue = (name: string, schema: JsonSchema | undefined): fc.Arbitrary<string> => {
  const good =
    name === 'id' || name === 'responseId'
      ? [known.responseId, known.evidenceId, 1, 2]
      : name === 'cycleId'
        ? [known.cycleId]
        : name === 'frameworkId'
          ? [known.frameworkId]
          : name === 'questionCode'
            ? ['POL_CIO', 'DG_DATASET_COUNT', 'POL_OBSTACLES']
            : [1];
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...good) },
      { weight: 2, arbitrary: shapedFrom(schema ?? {}, 0) },
      { weight: 2, arbitrary: hostileString },
      { weight: 1, arbitrary: hostileNumber },
    )
    .map((v) => encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')));
};

/** Raw JSON texts that JSON.stringify cannot produce: own __proto__ keys and deep nesting. */
const rawBodies = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"},"value":1}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"value":{"__proto__":{"isAdmin":true}},"baseRevision":0,"idempotencyKey":"00000000-0000-4000-8000-000000000000","notApplicable":null}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"a":1,"a":2}',
  '{not json',
  '',
  'null',
  '"\\ud800"',
);

// Chromium-rendered reports and background ZIP jobs are covered by their own tests and are slow.
const SKIP = /\/reports?\b.*\.(pdf|zip)|\/pdf\b|\/zip\b|\/jobs\b/;

it('survives fuzzed params, queries and bodies on every route: no 5xx, no change on 4xx', async () => {
  const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(docs.statusCode).toBe(200);
  const doc = docs.json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Operation['params'];
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [route, methods] of Object.entries(doc.paths)) {
    if (!route.startsWith('/api/') || route.startsWith('/api/docs') || SKIP.test(route)) continue;
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path: route,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  expect(ops.length).toBeGreaterThan(30);

  const request = fc.noShrink(
    fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => {
      const op = ops[i] as Operation;
      const pathArbs = Object.fromEntries(
        op.params.filter((x) => x.in === 'path').map((x) => [x.name, paramValue(x.name, x.schema)]),
      );
      const queryArbs = Object.fromEntries(
        op.params
          .filter((x) => x.in === 'query')
          .map((x) => [x.name, fc.oneof(shapedFrom(x.schema ?? {}, 0), hostileString, hostileNumber)]),
      );
      const body: fc.Arbitrary<{ json?: unknown; raw?: string } | undefined> =
        op.method === 'GET' || op.method === 'DELETE'
          ? fc.constant(undefined)
          : fc.oneof(
              { weight: 5, arbitrary: fromSchema(op.body).map((json) => ({ json })) },
              { weight: 2, arbitrary: hostileValue.map((json) => ({ json })) },
              { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw })) },
            );
      return fc.record({
        op: fc.constant(op),
        who: fc.constantFrom<'admin' | 'respondent' | 'analyst' | 'anonymous'>(
          'admin',
          'respondent',
          'respondent',
          'analyst',
          'anonymous',
        ),
        path: fc.record(pathArbs),
        query: fc.record(queryArbs, { requiredKeys: [] }),
        body,
      });
    }),
  );

  let before = await checksum();
  const failures: string[] = [];
  const seen: Record<string, number> = {};
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(request, async ({ op, who, path: params, query, body }) => {
      const url =
        op.path.replace(/\{(\w+)\}/g, (_, n) => String(params[n] ?? '1')) +
        (Object.keys(query).length
          ? `?${new URLSearchParams(
              Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
            )}`
          : '');
      const signed: SignedIn | undefined =
        who === 'admin' ? p.admin : who === 'respondent' ? p.respondentA : who === 'analyst' ? p.analyst : undefined;
      const res = await t.app.inject({
        method: op.method as 'GET',
        url,
        headers: {
          ...(signed?.headers ?? {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: body.raw ?? JSON.stringify(body.json) ?? 'null' } : {}),
      });
      seen[`${Math.floor(res.statusCode / 100)}xx`] = (seen[`${Math.floor(res.statusCode / 100)}xx`] ?? 0) + 1;
      const label = `${op.method} ${url.slice(0, 200)} as ${who} body=${(body?.raw ?? JSON.stringify(body?.json) ?? '').slice(0, 300)}`;
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${label}: ${res.body.slice(0, 300)}`);
      const after = await checksum();
      if (res.statusCode >= 400 && res.statusCode < 500) {
        const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
        if (changed.length) failures.push(`${res.statusCode} changed ${changed.join(', ')}: ${label}`);
      }
      before = after;
    }),
    {
      numRuns: Number(process.env.FUZZ_RUNS ?? 1500),
      interruptAfterTimeLimit: Number(process.env.FUZZ_SECONDS ?? 25) * 1000,
    },
  );
  expect(failures).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  console.log(
    `fuzz: ${Object.values(seen).reduce((a, b) => a + b, 0)} requests over ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(seen)}`,
  );
}, 90_000);
