import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import type { PdfPrinter } from '../reports/pdf';
import type * as repo from './jobs.repository';

/** What a job handler is given and returns; apart from the runtime so handlers and cleanup do not import it. */
export interface JobContext {
  db: Db;
  storage: Storage;
  printer: PdfPrinter;
  /** After this time (ms since epoch) a job starts no new piece of work and returns 'continue'. */
  deadline: number;
  /** Extends the lease (call after each piece) and records progress. */
  heartbeat(done?: number): Promise<void>;
  /** True once the process is stopping: return 'continue' as soon as the current piece is stored. */
  stopping(): boolean;
}

export type JobOutcome =
  | { result: 'done'; resultKey: string; fileName: string; done?: number }
  | { result: 'continue' };
export type JobHandler = (ctx: JobContext, job: repo.JobRow) => Promise<JobOutcome>;
