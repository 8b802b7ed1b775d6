import type { Principal } from '../../plugins/auth';
import type { Lang } from '../reports/report-html';
import { renderAgencyPdf } from '../reports/reports.render';
import * as reportsRepo from '../reports/reports.repository';
import { loadCycleContext } from '../reports/reports.service';
import type { JobContext, JobOutcome } from './job-types';
import type * as repo from './jobs.repository';

export interface PrerenderParams {
  cycleId: number;
}

/** Published reports read the same for every reader, so one system rendering serves them all. */
const SYSTEM: Principal = { userId: 0, email: 'system@localhost', role: 'admin', agencyId: null, sessionId: 'system' };
export const PRERENDER_LANG: Lang = 'th';

/** One key per agency and published snapshot: a correction after publication makes a new one. */
export const prerenderKeyOf = (cycleId: number, agencyId: number, snapshotId: string | number, lang: Lang) =>
  `report-c${cycleId}-a${agencyId}-s${String(snapshotId).toLowerCase()}-${lang}.pdf`;

/** Renders every agency's report of a published cycle into storage; the PDF route serves them. */
export async function runPrerender(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as PrerenderParams;
  const agencies = await reportsRepo.listCycleAgencyIds(ctx.db, p.cycleId);
  const cycleCtx = await loadCycleContext(ctx.db, p.cycleId);
  let done = 0;
  let next = 0;
  let cut = false;
  const lane = async () => {
    while (next < agencies.length) {
      if (Date.now() > ctx.deadline || ctx.stopping()) {
        cut = true;
        return;
      }
      const a = agencies[next++] as (typeof agencies)[number];
      const snap = await reportsRepo.findCurrentSnapshot(ctx.db, p.cycleId, a.id);
      if (!snap) continue;
      const key = prerenderKeyOf(p.cycleId, a.id, snap.id, PRERENDER_LANG);
      if (!(await ctx.storage.exists(key))) {
        const { pdf } = await renderAgencyPdf(ctx.db, ctx.printer, SYSTEM, p.cycleId, a.id, PRERENDER_LANG, cycleCtx);
        await ctx.storage.put(key, pdf);
      }
      await ctx.heartbeat(++done);
    }
  };
  await Promise.all(Array.from({ length: ctx.printer.concurrency }, lane));
  if (cut) return { result: 'continue' };
  return { result: 'done', resultKey: '', fileName: '', done };
}
