import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../server/src/plugins/auth';
import { type Personas, setupPersonas } from '../support/fixtures';
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
  'GET /api/invitations/:token': 'public',
  'POST /api/invitations/:token/accept': 'public',
  'GET /api/analytics/cycles/:cycleId/response-rates': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/board': ['analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/not-submitted.csv': ['analyst', 'admin'],
  'GET /api/monitoring/cycles/:cycleId/not-submitted.xlsx': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels.csv': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/levels.xlsx': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/year-over-year': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/items/:questionCode.csv': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/indicators/:indicatorCode': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/agencies': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/raw/long.csv': ['analyst', 'admin'],
  'GET /api/analytics/cycles/:cycleId/raw/wide.csv': ['analyst', 'admin'],
  'GET /api/audit': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/queue': ['analyst', 'admin'],
  'GET /api/review/responses/:id': ['analyst', 'admin'],
  'POST /api/review/responses/:id/answers/:questionCode/verification': ['analyst', 'admin'],
  'POST /api/review/responses/:id/return': ['analyst', 'admin'],
  'POST /api/review/responses/:id/accept': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/coding': ['analyst', 'admin'],
  'GET /api/review/cycles/:cycleId/categories': ['analyst', 'admin'],
  'POST /api/review/cycles/:cycleId/categories': ['analyst', 'admin'],
  'PUT /api/review/responses/:id/answers/:questionCode/coding': ['analyst', 'admin'],
  'GET /api/audit/export.csv': ['analyst', 'admin'],
  'GET /api/cycles': 'authenticated',
  'GET /api/cycles/:cycleId/framework': 'authenticated',
  'GET /api/cycles/:cycleId/my-response': ['respondent', 'viewer'],
  'GET /api/responses/:id': ['respondent', 'viewer', 'analyst', 'admin'],
  'PUT /api/responses/:id/answers/:questionCode': ['respondent'],
  'GET /api/responses/:id/changes': ['respondent', 'viewer', 'analyst', 'admin'],
  'POST /api/responses/:id/presence': ['respondent'],
  'POST /api/responses/:id/submit': ['respondent'],
  'GET /api/responses/:id/result': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/responses/:id/export.xlsx': ['respondent', 'viewer', 'analyst', 'admin'],
  'POST /api/responses/:id/evidence': ['respondent'],
  'POST /api/responses/:id/evidence-url': ['respondent'],
  'GET /api/evidence/:id/download': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId/report.pdf': ['respondent', 'viewer', 'analyst', 'admin'],
  'GET /api/results/:cycleId/agency/:agencyId/report.xlsx': ['respondent', 'viewer', 'analyst', 'admin'],
  'POST /api/results/:cycleId/reports-zip': ['analyst', 'admin'],
  'GET /api/jobs/:id': ['analyst', 'admin'],
  'GET /api/jobs/:id/download': ['analyst', 'admin'],
  'DELETE /api/evidence/:id': ['respondent'],
  'GET /api/frameworks': ['analyst', 'admin'],
  'GET /api/frameworks/:id': ['analyst', 'admin'],
  'POST /api/frameworks/import': ['admin'],
  'GET /api/frameworks/:id/export.json': ['analyst', 'admin'],
  'GET /api/frameworks/:id/codebook.csv': ['analyst', 'admin'],
  'GET /api/frameworks/:id/codebook.xlsx': ['analyst', 'admin'],
  'GET /api/admin/cycles': ['analyst', 'admin'],
  'POST /api/admin/cycles': ['admin'],
  'PATCH /api/admin/cycles/:id': ['admin'],
  'POST /api/admin/cycles/:id/recompute': ['admin'],
  'PUT /api/admin/cycles/:id/agencies/:agencyId/deadline': ['admin'],
  'GET /api/agencies': ['analyst', 'admin'],
  'PATCH /api/admin/agencies/:id': ['admin'],
  'POST /api/admin/agencies/:id/merge': ['admin'],
  'GET /api/admin/agencies/:id/history': ['analyst', 'admin'],
  'POST /api/admin/cycles/:cycleId/import': ['admin'],
  'GET /api/admin/imports/:reportId/errors.csv': ['admin'],
};

type PersonaName = 'anonymous' | 'respondentA' | 'respondentB' | 'viewerA' | 'analyst' | 'admin';
const ROLE_OF: Record<Exclude<PersonaName, 'anonymous'>, string> = {
  respondentA: 'respondent',
  respondentB: 'respondent',
  viewerA: 'viewer',
  analyst: 'analyst',
  admin: 'admin',
};

let t: TestApp;
let personas: Personas;

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
});
afterAll(async () => t.close());

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
    expect(documented.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers each persona as the rule says', async () => {
    const failures: string[] = [];
    for (const [key, access] of Object.entries(EXPECTED)) {
      const [method, url] = key.split(' ') as [string, string];
      for (const persona of [
        'anonymous',
        'respondentA',
        'respondentB',
        'viewerA',
        'analyst',
        'admin',
      ] as PersonaName[]) {
        // Sign-out would revoke the persona's session for the rest of the run.
        if (key === 'POST /api/auth/logout' && persona !== 'anonymous') continue;
        const headers = persona === 'anonymous' ? {} : personas[persona].headers;
        const res = await t.app.inject({
          method: method as 'GET',
          url: concreteUrl(url),
          headers,
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        const role = persona === 'anonymous' ? null : ROLE_OF[persona];
        let expected: 'allowed' | 401 | 403;
        if (access === 'public') expected = 'allowed';
        else if (!role) expected = 401;
        else if (access === 'authenticated' || access.includes(role as never)) expected = 'allowed';
        else expected = 403;
        // A public route may still answer 401 for its own credential (the refresh cookie), never 403.
        const ok =
          access === 'public'
            ? res.statusCode !== 403 && res.statusCode < 500
            : expected === 'allowed'
              ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
              : res.statusCode === expected;
        if (!ok) failures.push(`${key} as ${persona}: got ${res.statusCode}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
