import { share } from '@dg/shared/domain/analytics-math';
import { computeVisibility, readAnswers } from '@dg/shared/domain/conditions';
import { DomainError } from '@dg/shared/domain/errors';
import type { AnswerMap, AnswerValue } from '@dg/shared/schemas/answer';
import type { MonitoringBoard, NotSubmitted, TrendPoint } from '@dg/shared/schemas/monitoring';
import type { Db } from '../../db/database';
import { responseRates } from '../analytics/analytics.service';
import { trackFramework } from '../responses/framework-cache';
import * as repo from './monitoring.repository';

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000; // Thailand keeps UTC+7 all year (no DST).
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Asia/Bangkok calendar date of an instant, YYYY-MM-DD. */
export const bangkokDate = (d: Date): string => new Date(d.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);

const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : (typeof d === 'string' ? new Date(d) : d).toISOString();

const asDate = (d: Date | string | null | undefined): Date | null =>
  d == null ? null : typeof d === 'string' ? new Date(d) : d;

export async function cycleOrThrow(db: Db, cycleId: number): Promise<repo.MonitoringCycle> {
  const cycle = await repo.findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  return cycle;
}

/**
 * Cumulative started and submitted responses per Bangkok day, every day from the first event to
 * the last (days without events repeat the previous totals). A response counts as started on its
 * started_at (falling back to its first known activity when a start time was never recorded) and
 * as submitted on its submitted_at if it is submitted or verified now: a returned response is not,
 * so the last point equals today's counts.
 */
export function dailyTrend(events: Awaited<ReturnType<typeof repo.trendEvents>>): TrendPoint[] {
  const startedPerDay = new Map<string, number>();
  const submittedPerDay = new Map<string, number>();
  const bump = (m: Map<string, number>, day: string) => m.set(day, (m.get(day) ?? 0) + 1);
  for (const e of events) {
    const started =
      asDate(e.started_at) ?? asDate(e.submitted_at) ?? asDate(e.last_activity_at) ?? asDate(e.created_at);
    if (started) bump(startedPerDay, bangkokDate(started));
    if (e.status === 'submitted' || e.status === 'verified') {
      const at = asDate(e.submitted_at) ?? asDate(e.last_activity_at) ?? asDate(e.created_at);
      if (at) bump(submittedPerDay, bangkokDate(at));
    }
  }
  const days = [...startedPerDay.keys(), ...submittedPerDay.keys()].sort();
  if (days.length === 0) return [];
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const out: TrendPoint[] = [];
  let started = 0;
  let submitted = 0;
  for (let t = first; t <= last; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    started += startedPerDay.get(date) ?? 0;
    submitted += submittedPerDay.get(date) ?? 0;
    out.push({ date, started, submitted });
  }
  return out;
}

/**
 * Agencies still to chase, with their exact progress: required questions visible under the
 * show-if logic given the answers saved so far, and how many of those hold a value or a
 * "not applicable".
 */
export async function notSubmittedList(db: Db, cycle: repo.MonitoringCycle): Promise<NotSubmitted[]> {
  const rows = await repo.notSubmitted(db, cycle.id);
  const responseIds = rows.map((r) => r.response_id).filter((id): id is number => id !== null);
  const answers = new Map<number, AnswerMap>();
  for (const a of await repo.answersOf(db, responseIds)) {
    let m = answers.get(a.response_id);
    if (!m) {
      m = {};
      answers.set(a.response_id, m);
    }
    m[a.question_code] = {
      value: (a.value ?? null) as AnswerValue | null,
      ...(a.not_applicable ? { notApplicable: a.not_applicable } : {}),
      verification: a.verification,
    };
  }
  const out: NotSubmitted[] = [];
  for (const r of rows) {
    let required = 0;
    let answered = 0;
    if (cycle.framework_hash) {
      const { plan } = (await trackFramework(db, cycle.framework_id, cycle.framework_hash, r.track)).compiled;
      const map = (r.response_id !== null && answers.get(r.response_id)) || {};
      const readings = readAnswers(plan, map);
      const visible = computeVisibility(plan, readings);
      plan.questions.forEach((q, i) => {
        if (visible[i] !== 1 || q.required === false) return;
        required++;
        const reading = readings[i];
        if (reading?.present || reading?.notApplicable) answered++;
      });
    }
    const deadline = r.deadline_override ?? r.closes_at;
    out.push({
      agencyId: r.agency_id,
      responseId: r.response_id,
      code: r.code,
      name: { th: r.name_th, en: r.name_en },
      track: r.track,
      ministry: r.ministry_code
        ? {
            code: r.ministry_code,
            name: { th: r.ministry_th ?? r.ministry_code, en: r.ministry_en ?? r.ministry_code },
          }
        : null,
      status: r.status,
      answered,
      required,
      progress: share(answered, required).percent,
      lastActivityAt: iso(r.last_activity_at),
      deadline: iso(deadline),
      deadlineOverridden: r.deadline_override != null,
    });
  }
  return out;
}

export async function board(db: Db, cycleId: number): Promise<MonitoringBoard> {
  const cycle = await cycleOrThrow(db, cycleId);
  const [rates, events, notSubmitted] = await Promise.all([
    responseRates(db, cycle.id),
    repo.trendEvents(db, cycle.id),
    notSubmittedList(db, cycle),
  ]);
  return {
    cycle: {
      id: cycle.id,
      fiscalYear: cycle.fiscal_year,
      name: { th: cycle.name_th, en: cycle.name_en },
      status: cycle.status,
      closesAt: iso(cycle.closes_at),
    },
    rates,
    trend: dailyTrend(events),
    notSubmitted,
    generatedAt: new Date().toISOString(),
  };
}
