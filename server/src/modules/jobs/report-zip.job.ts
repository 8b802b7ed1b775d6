import { PassThrough } from 'node:stream';
import { formatYear } from '@dg/shared/domain/dates';
import archiver from 'archiver';
import type { Principal } from '../../plugins/auth';
import type { Lang } from '../reports/report-html';
import { renderAgencyPdf } from '../reports/reports.render';
import * as reportsRepo from '../reports/reports.repository';
import { loadCycleContext } from '../reports/reports.service';
import type { JobContext, JobOutcome } from './job-types';
import * as repo from './jobs.repository';

export interface ReportZipParams {
  cycleId: number;
  lang: Lang;
  agencyIds?: number[];
  /** Who asked: the reports show what this user may see. */
  principal: Principal;
}

/** Storage keys: lowercase, from ids only. */
export const itemKeyOf = (jobId: string, agencyId: number) => `job-${jobId}-a${agencyId}.pdf`;
export const zipKeyOf = (jobId: string) => `job-${jobId}.zip`;

export async function reportZipAgencies(ctx: Pick<JobContext, 'db'>, p: ReportZipParams) {
  return (await reportsRepo.listCycleAgencyIds(ctx.db, p.cycleId)).filter(
    (a) => !p.agencyIds || p.agencyIds.includes(a.id),
  );
}

/**
 * Every agency's PDF into one ZIP. Each PDF is stored and recorded as soon as it is rendered, so
 * a run cut short (deadline, shutdown, crash) is resumed by the next one without rendering it again;
 * the ZIP is assembled from the stored PDFs once all are there.
 */
export async function runReportZip(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as ReportZipParams;
  const agencies = await reportZipAgencies(ctx, p);
  const items = new Map((await repo.listItems(ctx.db, job.id)).map((i) => [i.item_key, i]));
  const todo = agencies.filter((a) => !items.has(String(a.id)));
  let done = agencies.length - todo.length;
  if (todo.length) {
    const cycleCtx = await loadCycleContext(ctx.db, p.cycleId);
    let next = 0;
    let cut = false;
    const lane = async () => {
      while (next < todo.length) {
        if (Date.now() > ctx.deadline || ctx.stopping()) {
          cut = true;
          return;
        }
        const a = todo[next++] as (typeof todo)[number];
        const { pdf, fileName } = await renderAgencyPdf(
          ctx.db,
          ctx.printer,
          p.principal,
          p.cycleId,
          a.id,
          p.lang,
          cycleCtx,
        );
        const storageKey = itemKeyOf(job.id, a.id);
        await ctx.storage.put(storageKey, pdf);
        await repo.recordItem(ctx.db, { jobId: job.id, itemKey: String(a.id), storageKey, fileName });
        await ctx.heartbeat(++done);
      }
    };
    await Promise.all(Array.from({ length: ctx.printer.concurrency }, lane));
    if (cut) return { result: 'continue' };
  }
  const c = await reportsRepo.findCycle(ctx.db, p.cycleId);
  const outcome: JobOutcome = {
    result: 'done',
    resultKey: zipKeyOf(job.id),
    fileName: `dg-readiness-reports-${formatYear(c?.fiscal_year ?? 0, p.lang)}-cycle-${p.cycleId}.zip`,
    done: agencies.length,
  };
  // A run that stored the ZIP but stopped before recording it: the ZIP is whole (stored atomically).
  if (await ctx.storage.exists(zipKeyOf(job.id))) return outcome;
  const stored = await repo.listItems(ctx.db, job.id);
  const wanted = new Set(agencies.map((a) => String(a.id)));
  const zip = archiver('zip', { zlib: { level: 1 } });
  const out = new PassThrough();
  zip.pipe(out);
  const put = ctx.storage.put(zipKeyOf(job.id), out);
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  const fill = (async () => {
    for (const item of stored) {
      if (!wanted.has(item.item_key)) continue;
      const body = await ctx.storage.get(item.storage_key);
      if (!body) throw new Error(`The stored report ${item.file_name} is missing`);
      // PDFs are compressed already: stored, not deflated again.
      zip.append(body, { name: item.file_name, store: true });
      await new Promise<void>((resolve) => body.once('close', () => resolve()).once('end', () => resolve()));
    }
    await zip.finalize();
  })();
  await Promise.race([Promise.all([fill, put]), failed]);
  // The single PDFs are in the ZIP now; their records stay (they count renders).
  for (const item of stored) await ctx.storage.delete(item.storage_key);
  return outcome;
}
