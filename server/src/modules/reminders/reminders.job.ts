import type { Mailer } from '../../lib/mailer';
import type { JobContext, JobHandler, JobOutcome } from '../jobs/job-types';
import type * as jobsRepo from '../jobs/jobs.repository';
import { reminderMail } from './reminder-mail';
import * as repo from './reminders.repository';

interface Params {
  cycleId: number;
  reminderIds: number[];
}

/**
 * Mails a sending's scheduled reminders, one agency at a time, marking each sent or failed (with
 * the mail server's answer). Resumable: a slice that runs out of time continues with the rest, and
 * a reminder already marked is never mailed again.
 */
export function reminderJob(mailer: Mailer | null, publicUrl: string): JobHandler {
  return async (ctx: JobContext, job: jobsRepo.JobRow): Promise<JobOutcome> => {
    const { reminderIds } = job.params as Params;
    let done = job.done;
    for (;;) {
      const batch = await repo.scheduledForMail(ctx.db, reminderIds, 50);
      if (batch.length === 0) break;
      for (const r of batch) {
        if (Date.now() > ctx.deadline || ctx.stopping()) return { result: 'continue' };
        // The reminder stays locked while it is mailed: staff cancelling the sending meanwhile wait,
        // then find it sent; one cancelled first is never mailed.
        await ctx.db.transaction().execute(async (trx) => {
          if (!(await repo.claimScheduled(trx, r.id))) return;
          try {
            if (!mailer) throw new Error('Outgoing mail is not configured (SMTP_URL)');
            const deadline = r.deadline_override ?? r.closes_at;
            await mailer.send(
              reminderMail(r.recipients, {
                agencyName: { th: r.name_th, en: r.name_en },
                cycleName: { th: r.cycle_th, en: r.cycle_en },
                fiscalYear: r.fiscal_year,
                kind: r.kind,
                deadline: deadline ? new Date(deadline) : null,
                link: `${publicUrl}/questionnaire`,
                returnedItems: r.returned_items,
              }),
            );
            await repo.markReminder(trx, r.id, { status: 'sent', error: null });
          } catch (err) {
            const e = err as { response?: string; message?: string };
            await repo.markReminder(trx, r.id, {
              status: 'failed',
              error: (e.response ?? e.message ?? String(err)).slice(0, 500),
            });
          }
        });
        done += 1;
        await ctx.heartbeat(done);
      }
    }
    return { result: 'done', resultKey: '', fileName: '', done };
  };
}
