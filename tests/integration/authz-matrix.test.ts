import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import type { Access } from '../../server/src/plugins/auth';
import { storeCompleteResponse } from '../support/complete-response';
import { insertUser, type Personas, type SignedIn, setupPersonas, signIn } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Every API route and who may call it. A route added to the server but not here fails this test,
 * so nobody ships an endpoint without deciding its access rule.
 */
const EXPECTED: Record<string, Access> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'authenticated',
  'GET /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'POST /api/admin/users/:id/reset-link': ['admin'],
  'POST /api/admin/invitations': ['admin'],
  'GET /api/admin/invitations': ['admin'],
  'POST /api/admin/invitations/:id/resend': ['admin'],
  'DELETE /api/admin/invitations/:id': ['admin'],
  'GET /api/admin/users/:id/personal-data': ['admin'],
  'GET /api/privacy/notice': 'authenticated',
  'POST /api/privacy/acknowledgement': 'authenticated',
  'GET /api/invitations/:token': 'public',
  'POST /api/invitations/:token/accept': 'public',
  'POST /api/auth/forgot-password': 'public',
  'GET /api/agency/users': ['cio'],
  'POST /api/agency/invitations': ['cio'],
  'PATCH /api/agency/users/:id': ['cio'],
  'POST /api/responses/:id/ready-for-signoff': ['respondent', 'cio'],
  'GET /api/analytics/cycles/:cycleId/response-rates': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/board': ['analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/not-submitted': ['analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/not-submitted.csv': ['analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/not-submitted.xlsx': ['analyst', 'admin'],
  'GET /api/reminders/cycles/:cycleId': ['analyst', 'admin'],
  'POST /api/reminders/cycles/:cycleId/preview': ['analyst', 'admin'],
  'POST /api/reminders/cycles/:cycleId/send': ['analyst', 'admin'],
  'POST /api/reminders/cycles/:cycleId/sendings/:jobId/cancel': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels.csv': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/year-over-year': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode.csv': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/response-rates.csv': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/response-rates.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/year-over-year.csv': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/year-over-year.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/open-data.zip': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/indicators/:indicatorCode': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/agencies': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode/agencies': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/raw/long.csv': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/raw/wide.csv': ['analyst', 'admin'],
  'GET /api/audit': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/queue': ['analyst', 'admin'],
  'GET /api/review/responses/:id': ['analyst', 'admin'],
  'POST /api/review/responses/:id/answers/:questionCode/verification': ['analyst', 'admin'],
  'POST /api/review/responses/:id/evidence/:evidenceId/verification': ['analyst', 'admin'],
  'POST /api/review/responses/:id/return': ['analyst', 'admin'],
  'POST /api/review/responses/:id/accept': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/coding': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/categories': ['analyst', 'admin'],
  'POST /api/review/cycles/:cycleId/categories': ['analyst', 'admin'],
  'PUT /api/review/responses/:id/answers/:questionCode/coding': ['analyst', 'admin'],
  'POST /api/review/cycles/:cycleId/bulk': ['analyst', 'admin'],
  'GET /api/review/analysts': ['analyst', 'admin'],
  'PUT /api/review/assignments': ['analyst', 'admin'],
  'POST /api/review/assignments/reassign': ['analyst', 'admin'],
  'GET /api/audit/export.csv': ['analyst', 'admin'],
  'GET /api/cycles': 'authenticated',
  'GET /api/cycles/:cycleId/framework': 'authenticated',
  'GET /api/cycles/:cycleId/my-response': ['respondent', 'cio', 'viewer'],
  'GET /api/responses/:id': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'PUT /api/responses/:id/answers/:questionCode': ['respondent', 'cio'],
  'GET /api/responses/:id/changes': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'POST /api/responses/:id/presence': ['respondent', 'cio'],
  'POST /api/responses/:id/events/ticket': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  // The stream's credential is its ticket (EventSource sends no headers): tests/integration/co-editing.test.ts.
  'GET /api/responses/:id/events': 'public',
  'POST /api/responses/:id/submit': ['respondent', 'cio'],
  'GET /api/responses/:id/result': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/responses/:id/export.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'POST /api/responses/:id/evidence': ['respondent', 'cio'],
  'POST /api/responses/:id/evidence-url': ['respondent', 'cio'],
  'GET /api/evidence/:id/download': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/evidence/:id/preview': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId/report.pdf': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId/report.xlsx': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'POST /api/results/:cycleId/reports-zip': ['analyst', 'admin'],
  'GET /api/jobs': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/jobs/:id': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/jobs/:id/download': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'DELETE /api/evidence/:id': ['respondent', 'cio'],
  'GET /api/frameworks': ['analyst', 'admin'],
  'GET /api/frameworks/:id': ['analyst', 'admin'],
  'POST /api/frameworks/import': ['admin'],
  'POST /api/admin/frameworks/:id/corrections': ['admin'],
  'GET /api/frameworks/:id/export.json': ['analyst', 'admin'],
  'GET /api/frameworks/:id/codebook.csv': ['analyst', 'admin'],
  'GET /api/frameworks/:id/codebook.xlsx': ['analyst', 'admin'],
  'GET /api/frameworks/:id/export.xlsx': ['analyst', 'admin'],
  'POST /api/frameworks/import.xlsx': ['admin'],
  'POST /api/frameworks/:id/import.xlsx': ['admin'],
  'POST /api/frameworks/:id/copy': ['admin'],
  'GET /api/frameworks/:id/changes': ['analyst', 'admin'],
  'GET /api/frameworks/:id/draft': ['admin'],
  'PUT /api/frameworks/:id/draft': ['admin'],
  'POST /api/frameworks/:id/trial': ['admin'],
  'GET /api/frameworks/:id/trial': ['admin'],
  'PUT /api/frameworks/:id/trial/:track/answers': ['admin'],
  'DELETE /api/frameworks/:id/trial': ['admin'],
  'GET /api/admin/cycles': ['analyst', 'admin'],
  'POST /api/admin/cycles': ['admin'],
  'PATCH /api/admin/cycles/:id': ['admin'],
  'POST /api/admin/cycles/:id/recompute-job': ['admin'],
  'PUT /api/admin/cycles/:id/agencies/:agencyId/deadline': ['admin'],
  'GET /api/admin/cycles/:id/disclosure': ['analyst', 'admin'],
  'PUT /api/admin/cycles/:id/disclosure': ['admin'],
  'GET /api/analytics/targets': ['respondent', 'cio', 'viewer', 'analyst', 'admin'],
  'GET /api/admin/cycles/:cycleId/targets': ['analyst', 'admin'],
  'PUT /api/admin/cycles/:cycleId/targets/:code': ['admin'],
  'DELETE /api/admin/cycles/:cycleId/targets/:code': ['admin'],
  'GET /api/agencies': ['analyst', 'admin'],
  'GET /api/agencies/page': ['analyst', 'admin'],
  'PATCH /api/admin/agencies/:id': ['admin'],
  'POST /api/admin/agencies/:id/merge': ['admin'],
  'GET /api/admin/agencies/:id/history': ['analyst', 'admin'],
  'POST /api/admin/cycles/:cycleId/import': ['admin'],
  'GET /api/admin/imports/:reportId/errors.csv': ['admin'],
  'POST /api/auth/mfa/verify': 'public',
  'POST /api/auth/mfa/enrol/start': 'public',
  'POST /api/auth/mfa/enrol/finish': 'public',
  'GET /api/auth/mfa': 'authenticated',
  'POST /api/auth/mfa/setup': 'authenticated',
  'POST /api/auth/mfa/confirm': 'authenticated',
  'POST /api/auth/mfa/recovery-codes': 'authenticated',
  'POST /api/auth/mfa/disable': 'authenticated',
  'DELETE /api/admin/users/:id/mfa': ['admin'],
  'GET /api/auth/providers': 'public',
  // public (issue 21): published cycles' results, no sign-in
  'GET /api/public/cycles': 'public',
  'GET /api/public/cycles/:year': 'public',
  'GET /api/public/cycles/:year/levels': 'public',
  'GET /api/public/cycles/:year/items': 'public',
  'GET /api/public/cycles/:year/items/:code': 'public',
  'GET /api/public/cycles/:year/indicators/:code': 'public',
  'GET /api/public/cycles/:year/open-data.zip': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'POST /api/admin/onboarding': ['admin'],
  'GET /api/admin/onboarding': ['admin'],
  'GET /api/admin/onboarding/:id': ['admin'],
  'POST /api/admin/onboarding/:id/resend': ['admin'],
  // report branch: the national report
  'POST /api/admin/cycles/:id/national-report': ['analyst', 'admin'],
  'GET /api/admin/cycles/:id/national-report': ['analyst', 'admin'],
  'GET /api/admin/cycles/:id/national-report/file': ['analyst', 'admin'],
  'GET /api/public/cycles/:year/national-report': 'public',
};

type PersonaName =
  | 'anonymous'
  | 'respondentA'
  | 'respondentB'
  | 'cioA'
  | 'cioB'
  | 'viewerA'
  | 'viewerB'
  | 'analyst'
  | 'admin';
const ROLE_OF: Record<Exclude<PersonaName, 'anonymous'>, string> = {
  respondentA: 'respondent',
  respondentB: 'respondent',
  cioA: 'cio',
  cioB: 'cio',
  viewerA: 'viewer',
  viewerB: 'viewer',
  analyst: 'analyst',
  admin: 'admin',
};

/** Personas of agency B: agency A's resources must be refused to them. */
const OTHER_AGENCY = new Set<PersonaName>(['respondentB', 'cioB', 'viewerB']);

/**
 * Routes whose resource belongs to one agency. They are called with real ids of agency A's response,
 * evidence and result, so respondent B and viewer B must be refused (403, or 404 that hides the
 * resource) while respondent A gets through. `payload` is a valid body, so B's refusal comes from the agency scope and
 * not from input validation. An agency-scoped route missing here fails the test.
 */
interface ScopedCall {
  url: (persona: PersonaName) => string;
  payload?: () => { body: string | Buffer | object; contentType?: string };
}
const PDF = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(32), Buffer.from('\n%%EOF\n')]);
const SCOPED: Record<string, ScopedCall> = {
  'GET /api/responses/:id': { url: () => `/api/responses/${real.responseA}` },
  'PUT /api/responses/:id/answers/:questionCode': {
    url: () => `/api/responses/${real.responseA}/answers/DG_STATUS`,
    payload: () => ({
      body: { value: null, notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() },
    }),
  },
  'GET /api/responses/:id/changes': { url: () => `/api/responses/${real.responseA}/changes` },
  'POST /api/responses/:id/presence': {
    url: () => `/api/responses/${real.responseA}/presence`,
    payload: () => ({ body: {} }),
  },
  'POST /api/responses/:id/events/ticket': { url: () => `/api/responses/${real.responseA}/events/ticket` },
  // Without a ticket: refused (never a stream, which would hold the call open).
  'GET /api/responses/:id/events': { url: () => `/api/responses/${real.responseA}/events?ticket=none` },
  'POST /api/responses/:id/submit': { url: () => `/api/responses/${real.responseA}/submit` },
  'POST /api/responses/:id/ready-for-signoff': { url: () => `/api/responses/${real.responseA}/ready-for-signoff` },
  'GET /api/responses/:id/result': { url: () => `/api/responses/${real.responseA}/result` },
  'GET /api/responses/:id/export.xlsx': { url: () => `/api/responses/${real.responseA}/export.xlsx` },
  'POST /api/responses/:id/evidence': {
    url: () => `/api/responses/${real.responseA}/evidence`,
    payload: () => {
      const m = multipart({ questionCode: 'DG_STATUS' }, { name: 'plan.pdf', content: PDF() });
      return { body: m.payload, contentType: m.contentType };
    },
  },
  'POST /api/responses/:id/evidence-url': {
    url: () => `/api/responses/${real.responseA}/evidence-url`,
    payload: () => ({ body: { questionCode: 'DG_STATUS', url: 'https://data.go.th/dataset/a' } }),
  },
  'GET /api/evidence/:id/download': { url: () => `/api/evidence/${real.evidenceA}/download` },
  'GET /api/evidence/:id/preview': { url: () => `/api/evidence/${real.evidenceA}/preview` },
  // Its own file: respondent A and CIO A each really delete one, after B has been refused.
  'DELETE /api/evidence/:id': {
    url: (p) => `/api/evidence/${p === 'cioA' ? real.evidenceToDeleteByCio : real.evidenceToDelete}`,
  },
  // Restoring an enabled account changes nothing, yet only agency A's CIO gets that far.
  'PATCH /api/agency/users/:id': {
    url: () => `/api/agency/users/${real.coordinatorA}`,
    payload: () => ({ body: { disabled: false } }),
  },
  'GET /api/results/:cycleId/agency/:agencyId': {
    url: () => `/api/results/${real.resultsCycleId}/agency/${personas.agencyA}`,
  },
  'GET /api/results/:cycleId/agency/:agencyId/report.pdf': {
    url: () => `/api/results/${real.resultsCycleId}/agency/${personas.agencyA}/report.pdf`,
  },
  'GET /api/results/:cycleId/agency/:agencyId/report.xlsx': {
    url: () => `/api/results/${real.resultsCycleId}/agency/${personas.agencyA}/report.xlsx`,
  },
};
const isAgencyScoped = (key: string) =>
  /^\w+ \/api\/(responses|evidence|agency\/users)\/:id\b|\/agency\/:agencyId\b/.test(key);

const cycleValues = (frameworkId: number) => ({
  fiscal_year: 2023,
  name_th: 'การสำรวจ 2566',
  name_en: 'Survey 2023',
  framework_id: frameworkId,
  status: 'open' as const,
  opens_at: new Date(Date.now() - 86_400_000),
  closes_at: new Date(Date.now() + 30 * 86_400_000),
});

let t: TestApp;
let personas: Personas & { viewerB: SignedIn; cioA: SignedIn; cioB: SignedIn };
const real = {
  cycleId: 0,
  resultsCycleId: 0,
  responseA: 0,
  evidenceA: '',
  evidenceToDelete: '',
  evidenceToDeleteByCio: '',
  /** A coordinator of agency A that only agency A's CIO may manage. */
  coordinatorA: 0,
};

async function uploadEvidence(who: SignedIn): Promise<string> {
  const m = multipart({ questionCode: 'DG_STATUS' }, { name: 'plan.pdf', content: PDF() });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/responses/${real.responseA}/evidence`,
    headers: { ...who.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
  if (res.statusCode !== 201) throw new Error(`evidence upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  const base = await setupPersonas(t.app, t.db);
  await insertUser(t.db, 'viewer.b@test.go.th', 'viewer', base.agencyB);
  await insertUser(t.db, 'cio.a@test.go.th', 'cio', base.agencyA);
  await insertUser(t.db, 'cio.b@test.go.th', 'cio', base.agencyB);
  real.coordinatorA = (await insertUser(t.db, 'coordinator.a@test.go.th', 'respondent', base.agencyA)).id;
  personas = {
    ...base,
    viewerB: await signIn(t.app, 'viewer.b@test.go.th'),
    cioA: await signIn(t.app, 'cio.a@test.go.th'),
    cioB: await signIn(t.app, 'cio.b@test.go.th'),
  };
  // Agency A's own data. The cycle's id is far from the placeholder 1 the other routes use.
  const { row, framework } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  const cycle = await t.db
    .insertInto('cycles')
    .values({ ...cycleValues(row.id), id: 7001 })
    .returningAll()
    .executeTakeFirstOrThrow();
  real.cycleId = cycle.id;
  const mine = await t.app.inject({
    method: 'GET',
    url: `/api/cycles/${cycle.id}/my-response`,
    headers: personas.respondentA.headers,
  });
  real.responseA = mine.json().response.id;
  real.evidenceA = await uploadEvidence(personas.respondentA);
  real.evidenceToDelete = await uploadEvidence(personas.respondentA);
  real.evidenceToDeleteByCio = await uploadEvidence(personas.cioA);
  // A second cycle where agency A has submitted, so its results exist: a 404 there means a refusal.
  const submitted = await t.db
    .insertInto('cycles')
    .values({ ...cycleValues(row.id), id: 7002, fiscal_year: 2022, name_en: 'Survey 2022 (submitted)' })
    .returningAll()
    .executeTakeFirstOrThrow();
  real.resultsCycleId = submitted.id;
  const other = await t.app.inject({
    method: 'GET',
    url: `/api/cycles/${submitted.id}/my-response`,
    headers: personas.respondentA.headers,
  });
  const otherId = other.json().response.id as number;
  await storeCompleteResponse(t.db, framework, otherId);
  const submit = await t.app.inject({
    method: 'POST',
    url: `/api/responses/${otherId}/submit`,
    headers: personas.respondentA.headers,
  });
  if (submit.statusCode !== 200) throw new Error(`submit failed: ${submit.statusCode} ${submit.body}`);
});
afterAll(async () => t.close());

type Expected = 'allowed' | 401 | 403 | 'other agency';

function concreteUrl(url: string): string {
  return url
    .replace(/:id\b/g, '999999')
    .replace(/:agencyId\b/g, String(personas.agencyA))
    .replace(/:token\b/g, 'x'.repeat(43))
    .replace(/:[a-zA-Z]+/g, '1');
}

describe('authorization matrix', () => {
  it('covers every route the server declares, and every route declares a rule', async () => {
    await t.app.ready();
    const declared = Object.fromEntries(t.app.routeAccess.map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(Object.keys(declared).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [key, access] of Object.entries(EXPECTED)) expect(declared[key], key).toEqual(access);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // The orchestrator probes live outside /api (public, no rate limit) and are documented too.
    expect(documented.sort()).toEqual([...Object.keys(EXPECTED), 'GET /livez', 'GET /readyz'].sort());
    for (const probe of ['/livez', '/readyz']) {
      expect((await t.app.inject({ method: 'GET', url: probe })).statusCode, probe).toBe(200);
    }
  });

  // PDF reports for four personas included: generous on a busy machine.
  it('answers each persona as the rule says', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const [key, access] of Object.entries(EXPECTED)) {
      const [method, url] = key.split(' ') as [string, string];
      const scoped = SCOPED[key];
      if (isAgencyScoped(key) && !scoped) failures.push(`${key}: agency-scoped route without a SCOPED entry`);
      const seen: { persona: PersonaName; expected: Expected; status: number }[] = [];
      // Agency B before A, so B meets agency A's resources before A changes or deletes them.
      for (const persona of [
        'anonymous',
        'respondentB',
        'cioB',
        'viewerB',
        'respondentA',
        'cioA',
        'viewerA',
        'analyst',
        'admin',
      ] as PersonaName[]) {
        // Sign-out would revoke the persona's session for the rest of the run.
        if (key === 'POST /api/auth/logout' && persona !== 'anonymous') continue;
        const headers = persona === 'anonymous' ? {} : personas[persona].headers;
        const body = scoped?.payload?.();
        const res = await t.app.inject({
          method: method as 'GET',
          url: scoped ? scoped.url(persona) : concreteUrl(url),
          headers: body?.contentType ? { ...headers, 'content-type': body.contentType } : headers,
          ...(body ? { payload: body.body } : method === 'GET' || scoped ? {} : { payload: {} }),
        });
        const role = persona === 'anonymous' ? null : ROLE_OF[persona];
        let expected: Expected;
        if (access === 'public') expected = 'allowed';
        else if (!role) expected = 401;
        else if (access === 'authenticated' || access.includes(role as never)) {
          expected = scoped && OTHER_AGENCY.has(persona) ? 'other agency' : 'allowed';
        } else expected = 403;
        seen.push({ persona, expected, status: res.statusCode });
        // A public route may still answer 401 for its own credential (the refresh cookie), never 403.
        const ok =
          access === 'public'
            ? res.statusCode !== 403 && res.statusCode < 500
            : expected === 'allowed'
              ? res.statusCode !== 401 &&
                res.statusCode !== 403 &&
                res.statusCode < 500 &&
                // A SCOPED call names objects that exist: 404 there would hide a wrong refusal.
                !(scoped && res.statusCode === 404)
              : expected === 'other agency'
                ? res.statusCode === 403 || res.statusCode === 404
                : res.statusCode === expected;
        if (!ok) failures.push(`${key} as ${persona}: got ${res.statusCode}, expected ${expected}`);
      }
      // A 404 counts as allowed only where the object truly does not exist: everyone allowed to
      // call the route then gets the same 404. One allowed persona getting 404 while another
      // allowed one gets through is a check that answers 404 to the wrong principal.
      const allowed = seen.filter((x) => x.expected === 'allowed' && access !== 'public');
      const found = allowed.filter((x) => x.status !== 404);
      if (found.length > 0) {
        for (const x of allowed.filter((a) => a.status === 404)) {
          failures.push(`${key} as ${x.persona}: 404 where ${found.map((f) => f.persona).join(', ')} found it`);
        }
      }
      // Hiding another agency's object behind 404 is fine only if the object is there for its owner.
      if (seen.some((x) => x.expected === 'other agency') && found.length === 0) {
        failures.push(`${key}: no privileged persona got past 404, so the other agency's refusal proves nothing`);
      }
    }
    expect(failures).toEqual([]);
  });
});
