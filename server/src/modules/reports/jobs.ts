import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportJob } from '@dg/shared/schemas/report';
import archiver from 'archiver';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import type { PdfPrinter } from './pdf';
import type { Lang } from './report-html';
import { renderAgencyPdf } from './reports.render';
import * as repo from './reports.repository';
import { loadCycleContext } from './reports.service';

/**
 * Bulk report jobs, kept in this process's memory: a job runs and is readable only on the server
 * that started it (several servers behind a load balancer would need a shared job table and storage).
 */
interface Job {
  id: string;
  cycleId: number;
  status: ReportJob['status'];
  done: number;
  total: number;
  error?: string;
  file: string;
  createdBy: number;
  finishedAt?: number;
}

const TTL_MS = 60 * 60 * 1000;

export class ReportJobs {
  private jobs = new Map<string, Job>();
  private running = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly db: Db,
    private readonly printer: PdfPrinter,
    private readonly dir: string,
  ) {}

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  view(job: Job): ReportJob {
    return {
      id: job.id,
      status: job.status,
      done: job.done,
      total: job.total,
      ...(job.error ? { error: job.error } : {}),
      ...(job.status === 'done' ? { downloadUrl: `/api/jobs/${job.id}/download` } : {}),
    };
  }

  /** Starts generating every agency's PDF of the cycle into one ZIP; returns at once. */
  async start(principal: Principal, cycleId: number, lang: Lang, agencyIds?: number[]): Promise<Job> {
    this.sweep();
    const ctx = await loadCycleContext(this.db, cycleId);
    const agencies = (await repo.listCycleAgencyIds(this.db, cycleId)).filter(
      (a) => !agencyIds || agencyIds.includes(a.id),
    );
    fs.mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const job: Job = {
      id,
      cycleId,
      status: 'running',
      done: 0,
      total: agencies.length,
      file: path.join(this.dir, `${id}.zip`),
      createdBy: principal.userId,
    };
    this.jobs.set(id, job);
    const run = (async () => {
      const out = fs.createWriteStream(job.file);
      const zip = archiver('zip', { zlib: { level: 1 } });
      const finished = new Promise<void>((resolve, reject) => {
        out.on('close', resolve);
        out.on('error', reject);
        zip.on('error', reject);
      });
      zip.pipe(out);
      try {
        let next = 0;
        const worker = async () => {
          while (next < agencies.length) {
            if (this.closing) throw new Error('The server is shutting down');
            const a = agencies[next++] as (typeof agencies)[number];
            const { pdf, fileName } = await renderAgencyPdf(this.db, this.printer, principal, cycleId, a.id, lang, ctx);
            // PDFs are compressed already: stored, not deflated again.
            zip.append(pdf, { name: fileName, store: true });
            job.done++;
          }
        };
        await Promise.all(Array.from({ length: this.printer.concurrency }, worker));
        await zip.finalize();
        await finished;
        job.status = 'done';
      } catch (e) {
        job.status = 'failed';
        job.error = (e as Error).message;
        zip.abort();
        out.destroy();
        fs.rmSync(job.file, { force: true });
      } finally {
        job.finishedAt = Date.now();
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
  }

  /** Resolves when every running job has finished (tests, bench, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private sweep(): void {
    const now = Date.now();
    for (const j of this.jobs.values()) {
      if (j.finishedAt && now - j.finishedAt > TTL_MS) {
        fs.rmSync(j.file, { force: true });
        this.jobs.delete(j.id);
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.idle().catch(() => undefined);
    for (const j of this.jobs.values()) fs.rmSync(j.file, { force: true });
    this.jobs.clear();
  }
}
