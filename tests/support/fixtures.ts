import type { Role } from '@dg/shared/schemas/auth';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/src/db/database';
import { hashPassword } from '../../server/src/lib/passwords';

export const PASSWORD = 'Correct-horse-42';

export async function insertAgency(db: Db, code: string, track: 'department' | 'province' = 'department') {
  return db
    .insertInto('agencies')
    .values({
      code,
      track,
      name_th: `หน่วยงาน ${code}`,
      name_en: `Agency ${code}`,
      ministry_code: null,
      org_type: track === 'department' ? 'government_agency' : null,
      role: track === 'department' ? 'service' : null,
      region: null,
      merged_into_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let passwordHash: Promise<string> | undefined;

export async function insertUser(db: Db, email: string, role: Role, agencyId: number | null = null) {
  passwordHash ??= hashPassword(PASSWORD);
  return db
    .insertInto('users')
    .values({
      email,
      display_name: email.split('@')[0] ?? email,
      role,
      agency_id: agencyId,
      password_hash: await passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SignedIn {
  token: string;
  cookie: string;
  headers: { authorization: string };
}

export function refreshCookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'dg_refresh');
  if (!c) throw new Error('no refresh cookie set');
  return c.value;
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const token = res.json().accessToken as string;
  return { token, cookie: refreshCookieOf(res), headers: { authorization: `Bearer ${token}` } };
}

export interface Personas {
  agencyA: number;
  agencyB: number;
  respondentA: SignedIn;
  respondentB: SignedIn;
  viewerA: SignedIn;
  analyst: SignedIn;
  admin: SignedIn;
}

/** Two agencies and one account per role, all signed in. */
export async function setupPersonas(app: FastifyInstance, db: Db): Promise<Personas> {
  const a = await insertAgency(db, 'TA01');
  const b = await insertAgency(db, 'TB01');
  await insertUser(db, 'resp.a@test.go.th', 'respondent', a.id);
  await insertUser(db, 'resp.b@test.go.th', 'respondent', b.id);
  await insertUser(db, 'viewer.a@test.go.th', 'viewer', a.id);
  await insertUser(db, 'analyst@test.dga.or.th', 'analyst');
  await insertUser(db, 'admin@test.dga.or.th', 'admin');
  return {
    agencyA: a.id,
    agencyB: b.id,
    respondentA: await signIn(app, 'resp.a@test.go.th'),
    respondentB: await signIn(app, 'resp.b@test.go.th'),
    viewerA: await signIn(app, 'viewer.a@test.go.th'),
    analyst: await signIn(app, 'analyst@test.dga.or.th'),
    admin: await signIn(app, 'admin@test.dga.or.th'),
  };
}
