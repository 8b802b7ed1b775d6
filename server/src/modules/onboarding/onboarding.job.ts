import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { invitationMail, type Mailer } from '../../lib/mailer';
import { csvCast } from '../../lib/spreadsheet';
import { newOpaqueToken } from '../../lib/tokens';
import { writeAudit } from '../audit/audit.repository';
import type { JobContext, JobHandler, JobOutcome } from '../jobs/job-types';
import type * as jobsRepo from '../jobs/jobs.repository';
import { INVITE_TTL_HOURS } from '../users/users.service';
import * as repo from './onboarding.repository';
import { contactStatus } from './onboarding.service';

interface Params {
  batchId: string;
}

/** A refusal by the receiving side (5xx: no such mailbox, policy) is a bounce; anything else may pass on retry. */
function classify(err: unknown): { status: 'bounced' | 'failed'; message: string } {
  const e = err as { responseCode?: number; response?: string; message?: string };
  const message = (e.response ?? e.message ?? String(err)).slice(0, 500);
  return { status: e.responseCode && e.responseCode >= 500 ? 'bounced' : 'failed', message };
}

/**
 * Mails a batch's queued invitations, one at a time, each token made just before its mail so none
 * is stored raw. Resumable: a slice that runs out of time continues with the rest.
 */
export function onboardingJob(mailer: Mailer | null, publicUrl: string): JobHandler {
  return async (ctx: JobContext, job: jobsRepo.JobRow): Promise<JobOutcome> => {
    const { batchId } = job.params as Params;
    const batch = await repo.findBatch(ctx.db, batchId);
    if (!batch) throw new Error(`Onboarding batch ${batchId} no longer exists`);
    let done = job.done;
    for (;;) {
      const queued = await repo.queuedContacts(ctx.db, batchId, 50);
      if (queued.length === 0) break;
      for (const c of queued) {
        if (Date.now() > ctx.deadline || ctx.stopping()) return { result: 'continue' };
        const { raw, hash } = newOpaqueToken();
        const invitationId = randomUUID();
        const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3_600_000);
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('invitations')
            .values({
              id: invitationId,
              kind: 'invite',
              token_hash: hash,
              email: c.email,
              role: c.role,
              agency_id: c.agency_id,
              display_name: c.display_name,
              expires_at: expiresAt,
              created_by: batch.created_by,
            })
            .execute();
          await writeAudit(trx, {
            actorUserId: batch.created_by,
            action: 'invitation.create',
            entityType: 'invitation',
            entityId: invitationId,
            agencyId: c.agency_id,
            after: { email: c.email, role: c.role, agencyId: c.agency_id },
            meta: { onboardingBatch: batchId, row: c.row_number },
          });
        });
        try {
          if (!mailer) throw new Error('Outgoing mail is not configured (SMTP_URL)');
          await mailer.send(invitationMail(c.email, `${publicUrl}/invite/${raw}`, expiresAt.toISOString(), 'invite'));
          await repo.markContact(ctx.db, c.id, { mail_status: 'sent', mail_error: null, invitation_id: invitationId });
        } catch (err) {
          const outcome = classify(err);
          // The link never reached anyone: it must not stay usable.
          await ctx.db.deleteFrom('invitations').where('id', '=', invitationId).execute();
          await repo.markContact(ctx.db, c.id, {
            mail_status: outcome.status,
            mail_error: outcome.message,
            invitation_id: null,
          });
        }
        done += 1;
        await ctx.heartbeat(done);
      }
    }
    const contacts = await repo.contactsOf(ctx.db, [batchId]);
    const csv = stringify(
      [
        ['row', 'agency_code', 'name', 'email', 'role', 'status', 'error'],
        ...contacts.map((c) => [
          c.row_number,
          c.agency_code,
          c.display_name,
          c.email,
          c.role,
          contactStatus(c),
          c.mail_error ?? '',
        ]),
      ],
      { cast: csvCast },
    );
    const key = `onboarding-${batchId}-${job.id}.csv`;
    await ctx.storage.put(key, Buffer.concat([Buffer.from('\ufeff'), Buffer.from(csv)]));
    return {
      result: 'done',
      resultKey: key,
      fileName: `onboarding-${batch.created_at.toISOString().slice(0, 10)}.csv`,
      done,
    };
  };
}
