/**
 * The practical limit for an autosave on this machine: a bare Fastify route doing the same
 * single-row answer upsert through `pg`, with no auth, validation, locking, idempotency or audit.
 * Started as a child process by bench/load-bench.ts (DATABASE_URL, PORT, POOL_MAX).
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 20) });
pool.on('error', () => {});
const app = Fastify({ logger: false });

app.put<{ Params: { id: string; code: string }; Body: { value: unknown; userId: number } }>(
  '/bare/:id/:code',
  async (req) => {
    const { rows } = await pool.query(
      `insert into answers (response_id, question_code, value, revision, updated_by, updated_at)
       values ($1, $2, $3, 1, $4, now())
       on conflict (response_id, question_code)
       do update set value = excluded.value, revision = answers.revision + 1,
                     updated_by = excluded.updated_by, updated_at = now()
       returning revision, updated_at`,
      [Number(req.params.id), req.params.code, JSON.stringify(req.body.value), req.body.userId],
    );
    return { questionCode: req.params.code, revision: rows[0].revision, updatedAt: rows[0].updated_at };
  },
);

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`listening ${(app.server.address() as { port: number }).port}`);
process.once('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
