/**
 * The real app on a private PostgreSQL cluster (tests/support/pg-cluster.ts), for the recovery
 * tests: a database of its own, migrated, with the 2566 framework in an open cycle, respondents
 * who save through the real autosave API, and a reader that checks what the API returns.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { buildApp } from '../../server/src/app';
import { type DatabaseHandle, type Db, openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { loadConfig } from '../../server/src/plugins/config';
import { insertAgency, insertUser, signIn } from './fixtures';

const DAY = 86_400_000;
const JWT_SECRET = 'recovery-secret-recovery-secret-0123456789';
/** Number questions every department answers (as in faults.test.ts). */
export const NUMBER_CODES = ['DG_DATASET_COUNT', 'OD_DATASETS_PUBLISHED', 'SKILL_TRAINING_HOURS', 'SA_STAFF_TOTAL'];

export interface AppOnCluster {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

/** The URL of database `name` on the cluster whose `postgres` database is at `clusterUrl`. */
export const databaseUrl = (clusterUrl: string, name: string) => clusterUrl.replace(/\/postgres$/, `/${name}`);

/** buildApp over a `pg` pool on `databaseUrl` (what DATABASE_URL gives the server), migrated. */
export async function startAppOn(databaseUrl: string): Promise<AppOnCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-recovery-'));
  const database: DatabaseHandle = await openDatabase({ databaseUrl, dataDir, poolMax: 6 });
  // The server migrates at start (server.ts); a restored or promoted database is already current.
  await migrateToLatest(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000',
    SHED_EVENT_LOOP_DELAY_MS: '0',
  });
  const app = await buildApp({ config, database });
  return {
    app,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Respondent {
  email: string;
  responseId: number;
  /** The last acknowledged revision per question (the client's base revision for the next save). */
  revisions: Map<string, number>;
}

/** The 2566 framework in an open cycle and one signed-in respondent per agency code. */
export async function seedSurvey(t: AppOnCluster, agencyCodes: string[]): Promise<Respondent[]> {
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: row.id,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people: Respondent[] = [];
  for (const code of agencyCodes) {
    const agency = await insertAgency(t.db, code);
    const email = `${code.toLowerCase()}@recovery.go.th`;
    await insertUser(t.db, email, 'respondent', agency.id);
    const who = await signIn(t.app, email);
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/my-response`, headers: who.headers });
    if (res.statusCode !== 200) throw new Error(`my-response: ${res.statusCode} ${res.body}`);
    people.push({ email, responseId: res.json().response.id, revisions: new Map() });
  }
  return people;
}

export interface Acked {
  responseId: number;
  code: string;
  value: number;
  revision: number;
}

/** One autosave per respondent and question through PUT /api/responses/:id/answers/:code; only
 *  2xx answers count as acknowledged. Anything else fails the test. */
export async function saveRound(t: AppOnCluster, people: Respondent[], round: number): Promise<Acked[]> {
  const acked: Acked[] = [];
  await Promise.all(
    people.map(async (p, i) => {
      const who = await signIn(t.app, p.email);
      for (const [j, code] of NUMBER_CODES.entries()) {
        const value = round * 100 + i * 10 + j;
        const res = await t.app.inject({
          method: 'PUT',
          url: `/api/responses/${p.responseId}/answers/${code}`,
          headers: who.headers,
          payload: {
            value,
            notApplicable: null,
            baseRevision: p.revisions.get(code) ?? 0,
            idempotencyKey: randomUUID(),
          },
        });
        if (res.statusCode !== 200) throw new Error(`save ${code} of ${p.email}: ${res.statusCode} ${res.body}`);
        const revision = res.json().revision as number;
        p.revisions.set(code, revision);
        acked.push({ responseId: p.responseId, code, value, revision });
      }
    }),
  );
  return acked;
}

/** The latest acknowledged answer per response and question. */
export function latest(acked: Acked[]): Map<string, Acked> {
  const out = new Map<string, Acked>();
  for (const a of acked) {
    const key = `${a.responseId}:${a.code}`;
    const prev = out.get(key);
    if (!prev || a.revision > prev.revision) out.set(key, a);
  }
  return out;
}

/** What GET /api/responses/:id returns for the tracked questions, keyed like latest(). */
export async function readAnswers(t: AppOnCluster, people: Respondent[]): Promise<Map<string, Acked>> {
  const out = new Map<string, Acked>();
  for (const p of people) {
    const who = await signIn(t.app, p.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/responses/${p.responseId}`, headers: who.headers });
    if (res.statusCode !== 200) throw new Error(`read ${p.responseId}: ${res.statusCode} ${res.body}`);
    for (const a of res.json().answers as { questionCode: string; value: number; revision: number }[]) {
      if (!NUMBER_CODES.includes(a.questionCode)) continue;
      out.set(`${p.responseId}:${a.questionCode}`, {
        responseId: p.responseId,
        code: a.questionCode,
        value: a.value,
        revision: a.revision,
      });
    }
  }
  return out;
}
