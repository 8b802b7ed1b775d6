import { PassThrough } from 'node:stream';
import archiver from 'archiver';
import type { JobContext, JobOutcome } from '../jobs/job-types';
import * as repo from '../jobs/jobs.repository';
import { loadNationalReportData } from './national-report.data';
import { nationalReportDocx } from './national-report.docx';
import { nationalReportHtml, nationalReportTemplates } from './national-report.html';
import type { Lang } from './national-report.kit';
import { buildNationalReportModel, nationalReportFileName } from './national-report.model';

export interface NationalReportParams {
  cycleId: number;
}

export const NATIONAL_REPORT_PARTS = [
  { lang: 'th', format: 'pdf' },
  { lang: 'th', format: 'docx' },
  { lang: 'en', format: 'pdf' },
  { lang: 'en', format: 'docx' },
] as const satisfies readonly { lang: Lang; format: 'pdf' | 'docx' }[];

/** Storage keys: lowercase, from the job id only. */
export const partKeyOf = (jobId: string, lang: Lang, format: 'pdf' | 'docx') =>
  `national-report-${jobId}-${lang}.${format}`;
export const zipKeyOf = (jobId: string) => `national-report-${jobId}.zip`;

/**
 * Builds the four files (Thai and English, PDF and DOCX) from one data load, each stored and recorded
 * as soon as it is made (a run cut short resumes without redoing them), then one ZIP of all four
 * as the job's download. The files stay: the cycle's report routes serve the latest build's.
 */
export async function runNationalReport(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as NationalReportParams;
  const done = new Set((await repo.listItems(ctx.db, job.id)).map((i) => i.item_key));
  const todo = NATIONAL_REPORT_PARTS.filter((x) => !done.has(`${x.lang}.${x.format}`));
  // The creation time, not now: a resumed run words the same date as its first slice.
  const data = await loadNationalReportData(ctx.db, p.cycleId, new Date(job.created_at));
  await ctx.heartbeat(1 + NATIONAL_REPORT_PARTS.length - todo.length);
  for (const part of todo) {
    if (Date.now() > ctx.deadline || ctx.stopping()) return { result: 'continue' };
    const model = buildNationalReportModel(data, part.lang);
    const body =
      part.format === 'pdf'
        ? await ctx.printer.print(nationalReportHtml(model), nationalReportTemplates(model))
        : await nationalReportDocx(model, (svgs) => ctx.printer.svgToPng(svgs));
    const storageKey = partKeyOf(job.id, part.lang, part.format);
    await ctx.storage.put(storageKey, body);
    await repo.recordItem(ctx.db, {
      jobId: job.id,
      itemKey: `${part.lang}.${part.format}`,
      storageKey,
      fileName: nationalReportFileName(data.cycle.fiscalYear, part.lang, part.format),
    });
    done.add(`${part.lang}.${part.format}`);
    await ctx.heartbeat(1 + done.size);
  }
  const outcome: JobOutcome = {
    result: 'done',
    resultKey: zipKeyOf(job.id),
    fileName: `dg-national-report-${data.cycle.fiscalYear + 543}.zip`,
    done: 1 + NATIONAL_REPORT_PARTS.length,
  };
  if (await ctx.storage.exists(zipKeyOf(job.id))) return outcome;
  const zip = archiver('zip', { zlib: { level: 6 } });
  const out = new PassThrough();
  zip.pipe(out);
  const put = ctx.storage.put(zipKeyOf(job.id), out);
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  const fill = (async () => {
    for (const item of await repo.listItems(ctx.db, job.id)) {
      const body = await ctx.storage.get(item.storage_key);
      if (!body) throw new Error(`The stored part ${item.file_name} is missing`);
      zip.append(body, { name: item.file_name });
      await new Promise<void>((resolve) => body.once('close', () => resolve()).once('end', () => resolve()));
    }
    await zip.finalize();
  })();
  await Promise.race([Promise.all([fill, put]), failed]);
  return outcome;
}
