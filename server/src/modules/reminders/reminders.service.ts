import { randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type { ReminderCancelled } from '@dg/shared/schemas/reminder-schedule';
import type {
  ReminderKind,
  ReminderLog,
  ReminderPreview,
  ReminderRequest,
  ReminderSent,
  ReminderSkipReason,
  ReminderTarget,
} from '@dg/shared/schemas/reminders';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import type { JobRuntime } from '../jobs/runtime';
import * as monitoringRepo from '../monitoring/monitoring.repository';
import { cycleOrThrow } from '../monitoring/monitoring.service';
import { reminderMail } from './reminder-mail';
import * as repo from './reminders.repository';

export interface ReminderSettings {
  minIntervalHours: number;
  publicUrl: string;
}

const RECENT = 200;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function skipMessage(reason: ReminderSkipReason, hours: number, last: Date | null): string {
  switch (reason) {
    case 'recently-reminded': {
      const th = last
        ? new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: 'Asia/Bangkok',
          }).format(last)
        : '';
      return `เตือนไปแล้วเมื่อ ${th} (เตือนซ้ำได้เมื่อครบ ${hours} ชั่วโมง) · Reminded at ${last?.toISOString()}; not again within ${hours} hours`;
    }
    case 'submitted':
      return 'ส่งแบบสำรวจแล้ว · Already submitted';
    case 'not-invited':
      return 'ไม่ได้อยู่ในรอบการสำรวจนี้ · Not invited to this cycle';
    case 'no-recipient':
      return 'ไม่มีบัญชีผู้ใช้ที่ใช้งานอยู่ให้ส่งอีเมลถึง · No active account to mail';
  }
}

/**
 * Who a sending reaches: the requested agencies (default: every invited agency not submitted),
 * each either to be reminded or left out with the reason.
 */
async function plan(db: Db, cycleId: number, req: ReminderRequest, s: ReminderSettings): Promise<ReminderTarget[]> {
  const pending = await monitoringRepo.notSubmitted(db, cycleId);
  const pendingById = new Map(pending.map((r) => [r.agency_id, r]));
  const audience = req.audience ?? 'pending';
  const ids = req.agencyIds
    ? [...new Set(req.agencyIds)]
    : pending
        .filter((r) => audience === 'pending' || (audience === 'returned') === (r.status === 'returned'))
        .map((r) => r.agency_id);
  const others = await repo.agenciesIn(
    db,
    cycleId,
    ids.filter((id) => !pendingById.has(id)),
  );
  const othersById = new Map(others.map((a) => [a.id, a]));
  const unknown = ids.filter((id) => !pendingById.has(id) && !othersById.has(id));
  if (unknown.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `agencyIds: ไม่พบหน่วยงาน ${unknown.slice(0, 10).join(', ')} · No agency with id ${unknown.slice(0, 10).join(', ')}`,
      { field: 'agencyIds', unknown },
    );
  }
  const contacts = await monitoringRepo.contactsOf(db, ids);
  const last = await repo.lastReminded(db, cycleId, ids);
  const cutoff = Date.now() - s.minIntervalHours * 3_600_000;
  return ids.map((id): ReminderTarget => {
    const p = pendingById.get(id);
    const o = othersById.get(id);
    const recipients = contacts.filter((c) => c.agency_id === id).map((c) => c.email);
    const lastAt = last.get(id) ?? null;
    const kind: ReminderKind | null = p ? (p.status === 'returned' ? 'returned' : 'not_submitted') : null;
    const reason: ReminderSkipReason | null = !p
      ? o?.invited
        ? 'submitted'
        : 'not-invited'
      : lastAt && lastAt.getTime() > cutoff
        ? 'recently-reminded'
        : recipients.length === 0
          ? 'no-recipient'
          : null;
    return {
      agencyId: id,
      code: p?.code ?? o?.code ?? '',
      name: { th: p?.name_th ?? o?.name_th ?? '', en: p?.name_en ?? o?.name_en ?? '' },
      kind,
      recipients,
      lastRemindedAt: iso(lastAt),
      skip: reason ? { reason, message: skipMessage(reason, s.minIntervalHours, lastAt) } : null,
    };
  });
}

export async function preview(
  db: Db,
  cycleId: number,
  req: ReminderRequest,
  s: ReminderSettings,
): Promise<ReminderPreview> {
  const cycle = await cycleOrThrow(db, cycleId);
  const targets = await plan(db, cycle.id, req, s);
  const first = targets.find((t) => !t.skip) ?? targets[0];
  const returnedItems =
    first?.kind === 'returned' ? await repo.returnedItemsOf(db, cycle.id, first.agencyId) : undefined;
  const mail = reminderMail(first?.recipients ?? [], {
    returnedItems,
    agencyName: first?.name ?? { th: '(หน่วยงาน)', en: '(agency)' },
    cycleName: { th: cycle.name_th, en: cycle.name_en },
    fiscalYear: cycle.fiscal_year,
    kind: first?.kind ?? 'not_submitted',
    deadline: cycle.closes_at ? new Date(cycle.closes_at) : null,
    link: `${s.publicUrl}/questionnaire`,
  });
  const toSend = targets.filter((t) => !t.skip).length;
  return {
    subject: mail.subject,
    text: mail.text,
    minIntervalHours: s.minIntervalHours,
    toSend,
    skipped: targets.length - toSend,
    targets,
  };
}

/**
 * Records a reminder per agency to remind and queues the mail job. Agencies reminded within the
 * interval, submitted or not invited are left out (listed with the reason); if nobody is left,
 * the request is refused (409) saying why. Agencies without an account are recorded as such.
 */
export async function send(
  db: Db,
  jobs: JobRuntime,
  actor: { principal: Principal; ip: string | null },
  cycleId: number,
  req: ReminderRequest,
  s: ReminderSettings,
): Promise<ReminderSent> {
  const cycle = await cycleOrThrow(db, cycleId);
  const sendAt = sendTime(req.sendAt);
  const later = sendAt.getTime() > Date.now();
  const jobId = randomUUID();
  const { scheduled, skipped, job } = await db.transaction().execute(async (trx) => {
    await repo.lockCycle(trx, cycle.id);
    const targets = await plan(trx, cycle.id, req, s);
    const toMail = targets.filter((t) => !t.skip);
    const noRecipient = targets.filter((t) => t.skip?.reason === 'no-recipient');
    if (toMail.length === 0) {
      const reasons = [...new Set(targets.map((t) => t.skip?.message).filter(Boolean))];
      throw new DomainError(
        'CONFLICT',
        targets.length === 0
          ? 'ไม่มีหน่วยงานที่ต้องเตือน · No agency to remind'
          : `ไม่มีหน่วยงานที่เตือนได้ตอนนี้ · None of the ${targets.length} selected agencies can be reminded now: ${reasons.slice(0, 3).join('; ')}`,
        { reason: 'nothing-to-remind', skipped: targets.slice(0, 100) },
      );
    }
    const rows = await repo.insertReminders(trx, [
      ...toMail.map((t) => ({
        cycleId: cycle.id,
        agencyId: t.agencyId,
        kind: t.kind ?? 'not_submitted',
        recipients: t.recipients,
        status: 'scheduled' as const,
        createdBy: actor.principal.userId,
        scheduledFor: sendAt,
        jobId,
      })),
      // Recorded too, so the board shows the agency could not be reached.
      ...noRecipient.map((t) => ({
        cycleId: cycle.id,
        agencyId: t.agencyId,
        kind: t.kind ?? 'not_submitted',
        recipients: [],
        status: 'no_recipient' as const,
        createdBy: actor.principal.userId,
        scheduledFor: sendAt,
        jobId,
      })),
    ]);
    const mailIds = new Set(toMail.map((t) => t.agencyId));
    for (const r of rows) {
      const t = targets.find((x) => x.agencyId === r.agency_id);
      await writeAudit(trx, {
        actorUserId: actor.principal.userId,
        ip: actor.ip,
        action: 'reminder.send',
        entityType: 'reminder',
        entityId: r.id,
        agencyId: r.agency_id,
        after: {
          cycleId: cycle.id,
          kind: t?.kind,
          recipients: t?.recipients.length ?? 0,
          sendAt: later ? sendAt.toISOString() : undefined,
        },
        meta: mailIds.has(r.agency_id) ? undefined : { skipped: 'no-recipient' },
      });
    }
    const scheduled = rows.filter((r) => mailIds.has(r.agency_id)).map((r) => r.id);
    // The job is recorded in the same transaction: when the user's job limit refuses it (429),
    // the reminders and their audit entries roll back too, so none stays 'scheduled' without a job.
    // A sending for later waits on the queue; it is nobody's running job meanwhile, so it does not
    // take one of the user's background-job places (the reminders record who scheduled it).
    const job = await jobs.record(
      trx,
      later ? null : actor.principal,
      'reminder-mail',
      { cycleId: cycle.id, reminderIds: scheduled },
      { total: scheduled.length, id: jobId },
    );
    return { scheduled, skipped: targets.filter((t) => t.skip), job };
  });
  await jobs.dispatch(job, later ? sendAt : undefined).catch(async (e: unknown) => {
    // Not queued: the reminders will never be mailed, so they say so rather than stay 'scheduled'.
    await repo.failSending(db, cycle.id, jobId, `Could not queue the mail job: ${(e as Error).message}`);
    throw e;
  });
  return { jobId: job.id, sendAt: sendAt.toISOString(), queued: scheduled.length, skipped };
}

const MAX_AHEAD_DAYS = 90;

/** The time to send at: now when not given (or just past); refused when long past or too far ahead. */
function sendTime(at: string | undefined): Date {
  const now = Date.now();
  if (!at) return new Date(now);
  const t = new Date(at).getTime();
  if (t < now - 5 * 60_000) {
    throw new DomainError('VALIDATION_FAILED', 'sendAt: เวลาส่งผ่านไปแล้ว · The send time is in the past', {
      field: 'sendAt',
    });
  }
  if (t > now + MAX_AHEAD_DAYS * 86_400_000) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `sendAt: ตั้งเวลาส่งได้ไม่เกิน ${MAX_AHEAD_DAYS} วัน · The send time may be at most ${MAX_AHEAD_DAYS} days ahead`,
      { field: 'sendAt' },
    );
  }
  return new Date(Math.max(t, now));
}

/** Cancels a scheduled sending: its reminders not yet mailed are never mailed (409 once all have gone). */
export async function cancel(
  db: Db,
  actor: { principal: Principal; ip: string | null },
  cycleId: number,
  jobId: string,
): Promise<ReminderCancelled> {
  const cycle = await cycleOrThrow(db, cycleId);
  return db.transaction().execute(async (trx) => {
    const rows = await repo.cancelSending(trx, cycle.id, jobId, actor.principal.userId);
    if (rows.length === 0) {
      const any = await trx
        .selectFrom('reminders')
        .select('id')
        .where('cycle_id', '=', cycle.id)
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      if (!any) throw new DomainError('NOT_FOUND', `ไม่พบการส่งเตือน · No reminder sending ${jobId} in this cycle`);
      throw new DomainError(
        'CONFLICT',
        'การส่งเตือนนี้ส่งไปแล้วหรือยกเลิกแล้ว · This sending has already gone or was cancelled',
        {
          reason: 'not-scheduled',
        },
      );
    }
    for (const r of rows) {
      await writeAudit(trx, {
        actorUserId: actor.principal.userId,
        ip: actor.ip,
        action: 'reminder.cancel',
        entityType: 'reminder',
        entityId: r.id,
        agencyId: r.agency_id,
        after: { cycleId: cycle.id, jobId },
      });
    }
    return { cancelled: rows.length };
  });
}

export async function log(db: Db, cycleId: number, s: ReminderSettings): Promise<ReminderLog> {
  const cycle = await cycleOrThrow(db, cycleId);
  const [latest, rows, pending] = await Promise.all([
    repo.latestPerAgency(db, cycle.id),
    repo.recent(db, cycle.id, RECENT),
    repo.pendingSendings(db, cycle.id),
  ]);
  return {
    minIntervalHours: s.minIntervalHours,
    latest: latest.map((l) => ({
      agencyId: l.agency_id,
      lastRemindedAt: new Date(l.at).toISOString(),
      status: l.status as ReminderLog['latest'][number]['status'],
      count: l.n,
    })),
    recent: rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agencyCode: r.code,
      agencyName: { th: r.name_th, en: r.name_en },
      kind: r.kind,
      status: r.status,
      recipients: r.recipients,
      error: r.error,
      createdAt: new Date(r.created_at).toISOString(),
      scheduledFor: new Date(r.scheduled_for).toISOString(),
      sentAt: iso(r.sent_at),
      createdBy: r.created_by ? { id: r.created_by, name: r.display_name ?? `#${r.created_by}` } : null,
    })),
    pending: pending.map((p) => ({
      jobId: p.job_id ?? '',
      scheduledFor: new Date(p.scheduled_for).toISOString(),
      count: p.n,
      createdBy: p.created_by ? { id: p.created_by, name: p.display_name ?? `#${p.created_by}` } : null,
    })),
  };
}
