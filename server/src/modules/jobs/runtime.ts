import { randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import type { Principal } from '../../plugins/auth';
import { CHROMIUM_PATH, PdfPrinter, type PdfPriority } from '../reports/pdf';
import { cleanupJobs } from './cleanup';
import type { JobContext, JobHandler } from './job-types';
import * as repo from './jobs.repository';
import type { JobKind, QueueMessage } from './queue';

/** What a job's code gets: the database, the file store, the printer and its lease. */
export interface RuntimeOptions {
  db: Db;
  storage: Storage;
  boss: PgBoss;
  sliceSeconds: number;
  jobsPerUser: number;
  handlers: Record<JobKind, JobHandler>;
  /** Expired jobs and their files are removed on this timer by every process that works jobs. */
  cleanup?: { intervalSeconds: number; retentionHours: number };
  log?: (msg: string) => void;
  /** 'idle' in the separate worker process (background rendering yields to the API); see PdfPriority. */
  pdfPriority?: PdfPriority;
}

export interface JobExtra {
  total?: number;
  cacheKey?: string;
  startAfter?: Date;
  id?: string;
}

/**
 * Starts jobs (any app server) and runs them (a process that calls work(): the app itself on the
 * embedded database, else `npm run worker`). The job's row is the truth every server reports;
 * the queue only delivers "run job X", at least once, again after a crash.
 */
export class JobRuntime {
  private printer: PdfPrinter | null = null;
  private closing = false;
  private cleanupTimer: NodeJS.Timeout | null = null;
  private readonly leaseSeconds: number;

  constructor(private readonly o: RuntimeOptions) {
    // Long enough that a live run's heartbeat (after every report) never lets it lapse.
    this.leaseSeconds = Math.max(20, o.sliceSeconds * 2);
  }

  /**
   * Records the job and queues it; refuses a user's job beyond the limit with 429. A job with
   * `startAfter` waits on the queue until then. `id` lets the caller record the job's id beside
   * its own rows first.
   */
  async enqueue(
    principal: Principal | null,
    kind: JobKind,
    params: unknown,
    extra: JobExtra = {},
  ): Promise<repo.JobRow> {
    const row = await this.o.db.transaction().execute((trx) => this.record(trx, principal, kind, params, extra));
    await this.dispatch(row, extra.startAfter);
    return row;
  }

  /**
   * Records the job inside the caller's transaction, refusing a user's job beyond the limit with
   * 429, so the caller's own rows and the job commit or roll back together. Call dispatch() after
   * the commit.
   */
  async record(
    trx: Db,
    principal: Principal | null,
    kind: JobKind,
    params: unknown,
    extra: JobExtra = {},
  ): Promise<repo.JobRow> {
    if (principal) {
      await repo.lockUser(trx, principal.userId);
      const active = await repo.countActive(trx, principal.userId);
      if (active >= this.o.jobsPerUser) {
        throw new DomainError(
          'RATE_LIMITED',
          `มีงานเบื้องหลังค้างอยู่ ${active} งาน (ได้ไม่เกิน ${this.o.jobsPerUser} งานพร้อมกัน) กรุณารอให้งานหนึ่งเสร็จก่อน · You have ${active} background jobs queued or running; at most ${this.o.jobsPerUser} at once. Wait for one to finish.`,
          { active, limit: this.o.jobsPerUser },
        );
      }
    }
    return repo.insertJob(trx, {
      id: extra.id ?? randomUUID(),
      kind,
      createdBy: principal?.userId ?? null,
      params,
      total: extra.total ?? 0,
      cacheKey: extra.cacheKey,
    });
  }

  /** Queues a recorded job (after its commit: on the embedded database the queue shares the one connection). */
  async dispatch(row: repo.JobRow, startAfter?: Date): Promise<void> {
    await this.send(row.kind as JobKind, row.id, startAfter).catch(async (e: unknown) => {
      await repo.failJob(this.o.db, row.id, `Could not queue the job: ${(e as Error).message}`);
      throw e;
    });
  }

  private async send(kind: JobKind, jobId: string, startAfter?: Date): Promise<void> {
    const msg: QueueMessage = { jobId };
    await this.o.boss.send(kind, msg, startAfter ? { startAfter } : {});
  }

  /** Removes expired jobs now (null when another process is doing it). */
  cleanupNow() {
    return cleanupJobs(this.o.db, this.o.storage, this.o.cleanup?.retentionHours ?? 168);
  }

  private startCleanup(): void {
    const every = this.o.cleanup?.intervalSeconds ?? 0;
    if (every <= 0 || this.cleanupTimer) return;
    this.cleanupTimer = setInterval(() => {
      this.cleanupNow().then(
        (r) => {
          if (r?.jobs) this.o.log?.(`job cleanup removed ${r.jobs} jobs and ${r.files} files`);
        },
        (e: unknown) => this.o.log?.(`job cleanup failed: ${(e as Error).message}`),
      );
    }, every * 1000);
    this.cleanupTimer.unref();
  }

  /** Works every queue in this process. */
  async work(): Promise<void> {
    this.startCleanup();
    for (const kind of Object.keys(this.o.handlers) as JobKind[]) {
      await this.o.boss.work<QueueMessage>(
        kind,
        { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
        async ([job]) => {
          if (job) await this.run(kind, job);
        },
      );
    }
  }

  private async run(kind: JobKind, msg: PgBoss.JobWithMetadata<QueueMessage>): Promise<void> {
    const { db } = this.o;
    const id = msg.data.jobId;
    const row = await repo.acquireLease(db, id, this.leaseSeconds);
    if (!row) {
      const now = await repo.findJob(db, id);
      if (!now || now.status === 'done' || now.status === 'failed') return; // nothing left to do
      // Another run holds the lease (a duplicate delivery): try again later.
      throw new Error(`Job ${id} is being run elsewhere`);
    }
    const ctx: JobContext = {
      db,
      storage: this.o.storage,
      printer: this.pdfPrinter(),
      deadline: Date.now() + this.o.sliceSeconds * 1000,
      heartbeat: async (done) => {
        await repo.renewLease(db, id, this.leaseSeconds, done);
      },
      stopping: () => this.closing,
    };
    try {
      const out = await this.o.handlers[kind](ctx, row);
      if (out.result === 'done') {
        await repo.finishJob(db, id, out);
        this.o.log?.(`job ${kind} ${id} done`);
      } else {
        // The next slice runs as a new delivery; the lease is released only after it is queued.
        await this.send(kind, id);
        await repo.releaseLease(db, id);
      }
    } catch (e) {
      const message = (e as Error).message;
      const last = msg.retryCount >= msg.retryLimit || e instanceof DomainError;
      if (last) await repo.failJob(db, id, message);
      else await repo.releaseLease(db, id, message);
      if (!last) throw e;
    }
  }

  private pdfPrinter(): PdfPrinter {
    this.printer ??= new PdfPrinter(
      Number(process.env.REPORT_PDF_CONCURRENCY) || 2,
      CHROMIUM_PATH,
      this.o.pdfPriority ?? 'normal',
    );
    return this.printer;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    // Lets running jobs store their current piece and hand over; unfinished work resumes on a retry.
    await this.o.boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
    await this.printer?.close();
  }
}
