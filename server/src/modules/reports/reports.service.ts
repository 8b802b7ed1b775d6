import { DomainError } from '@dg/shared/domain/errors';
import { ORG_TYPE_LABELS, ROLE_LABELS } from '@dg/shared/domain/segment-labels';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { FactFindingDiff, PillarBenchmark, ResultsDashboard, VerificationChange } from '@dg/shared/schemas/report';
import type { Result } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';
import { criteriaByIndicator } from './criteria-groups';
import { formatAnswer, optionLabel } from './format-answer';
import * as repo from './reports.repository';

export { formatAnswer };

const isStaff = (p: Principal) => p.role === 'analyst' || p.role === 'admin';

/** Respondents and viewers read their own agency only; checked before anything is looked up. */
export function assertAgencyAccess(principal: Principal, agencyId: number): void {
  if (isStaff(principal)) return;
  if (principal.agencyId === null || principal.agencyId !== agencyId) {
    throw new DomainError('FORBIDDEN', "Results of another agency's are not available to you");
  }
}

/** Median of the numbers, or null when there are none (a mean of the middle two for even counts). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Everything about a cycle that every agency's report of it shares: loaded once per request,
 * and once per bulk job for all 376 reports.
 */
export interface CycleContext {
  cycle: repo.CycleRow;
  framework: Framework;
  pillarRows: Awaited<ReturnType<typeof repo.listCyclePillars>>;
  previous: { id: number; fiscalYear: number; levels: Map<number, Map<string, number | null>> } | null;
  /** Topic-tagged single / yes_no questions: code -> agency -> option code. */
  factAnswers: Map<string, Map<number, string>>;
  factQuestions: Question[];
}

export async function loadCycleContext(db: Db, cycleId: number): Promise<CycleContext> {
  const cycle = await repo.findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  const framework = await frameworkByHash(db, cycle.framework_id, cycle.framework_hash);
  const pillarRows = await repo.listCyclePillars(db, cycleId);
  const prevCycle = await repo.findPreviousPublishedCycle(db, cycle.fiscal_year);
  let previous: CycleContext['previous'] = null;
  if (prevCycle) {
    const levels = new Map<number, Map<string, number | null>>();
    for (const r of await repo.listCyclePillars(db, prevCycle.id)) {
      const m = levels.get(r.agency_id) ?? new Map<string, number | null>();
      levels.set(r.agency_id, m);
      m.set(r.pillar_key, r.verified_level);
    }
    previous = { id: prevCycle.id, fiscalYear: prevCycle.fiscal_year, levels };
  }
  const factQuestions: Question[] = [];
  for (const p of framework.pillars)
    for (const ind of p.indicators)
      for (const q of ind.questions)
        if ((q.type === 'single' || q.type === 'yes_no') && q.topics?.length) factQuestions.push(q);
  const factAnswers = new Map<string, Map<number, string>>();
  const rows = await repo.listCycleAnswers(
    db,
    cycleId,
    factQuestions.map((q) => q.code),
  );
  for (const r of rows) {
    if (typeof r.value !== 'string') continue;
    const m = factAnswers.get(r.question_code) ?? new Map<number, string>();
    factAnswers.set(r.question_code, m);
    m.set(r.agency_id, r.value);
  }
  return { cycle, framework, pillarRows, previous, factAnswers, factQuestions };
}

export function questionIndex(framework: Framework): Map<string, Question> {
  const m = new Map<string, Question>();
  for (const p of framework.pillars) for (const ind of p.indicators) for (const q of ind.questions) m.set(q.code, q);
  return m;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The dashboard of one agency in one cycle, as the principal may see it. */
export async function agencyDashboard(
  db: Db,
  principal: Principal,
  cycleId: number,
  agencyId: number,
  context?: CycleContext,
): Promise<ResultsDashboard> {
  // The cycle first (its existence is no secret), then the agency scope, before any agency data is read.
  const ctx = context ?? (await loadCycleContext(db, cycleId));
  assertAgencyAccess(principal, agencyId);
  const { cycle, framework } = ctx;
  const staff = isStaff(principal);
  if (cycle.status === 'draft' && !staff) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  const agency = await repo.findAgency(db, agencyId);
  if (!agency) throw new DomainError('NOT_FOUND', `Agency ${agencyId} not found`);
  const snap = await repo.findCurrentSnapshot(db, cycleId, agencyId);
  if (!snap) throw new DomainError('NOT_FOUND', 'The agency has no submitted result in this cycle yet');

  const official = cycle.status === 'published';
  const showVerified = official || staff;
  const selfAssessed = snap.self_result as Result;
  const verified = snap.verified_result as Result;
  const result = showVerified ? verified : selfAssessed;

  // Peer groups: departments of the same organization type and role; all provinces. The national
  // comparison is the agency's own track: departments and provinces answer different questionnaires.
  const samePeer = (r: { track: string; org_type: string | null; role: string | null }) =>
    r.track === agency.track &&
    (agency.track === 'province' || (r.org_type === agency.org_type && r.role === agency.role));
  const peerLevels = new Map<string, number[]>();
  const nationalLevels = new Map<string, number[]>();
  const peerAgencies = new Set<number>();
  const nationalAgencies = new Set<number>();
  for (const r of ctx.pillarRows) {
    if (r.track !== agency.track) continue;
    nationalAgencies.add(r.agency_id);
    if (samePeer(r)) peerAgencies.add(r.agency_id);
    if (r.verified_level === null) continue;
    const nat = nationalLevels.get(r.pillar_key) ?? [];
    nat.push(r.verified_level);
    nationalLevels.set(r.pillar_key, nat);
    if (samePeer(r)) {
      const peer = peerLevels.get(r.pillar_key) ?? [];
      peer.push(r.verified_level);
      peerLevels.set(r.pillar_key, peer);
    }
  }
  const prevLevels = ctx.previous?.levels.get(agencyId);
  const benchmarks: PillarBenchmark[] = result.pillars.map((p) => {
    const fp = framework.pillars.find((x) => x.key === p.key);
    const previousKey = fp?.previousKey ?? null;
    const prev = previousKey && prevLevels ? prevLevels.get(previousKey) : undefined;
    return {
      key: p.key,
      number: p.number,
      name: p.name,
      peerMedian: showVerified ? median(peerLevels.get(p.key) ?? []) : null,
      nationalMedian: showVerified ? median(nationalLevels.get(p.key) ?? []) : null,
      previousLevel: (prev ?? null) as PillarBenchmark['previousLevel'],
      previousKey,
      changedFromPrevious: fp?.changedFromPrevious ?? null,
    };
  });

  const questions = questionIndex(framework);
  const answers = await repo.listAnswers(db, snap.response_id);
  const verificationChanges: VerificationChange[] = [];
  if (showVerified) {
    const byCode = new Map(answers.map((a) => [a.question_code, a]));
    for (const vp of verified.pillars) {
      const sp = selfAssessed.pillars.find((x) => x.key === vp.key);
      if (!sp || sp.level === vp.level) continue;
      const codes = [...new Set(vp.criteria.filter((c) => c.state === 'rejected').map((c) => c.questionCode))];
      for (const a of answers)
        if (a.verification === 'rejected' && !codes.includes(a.question_code)) {
          // Rejected answers the criteria read indirectly still belong to the pillar's questions.
          const owner = framework.pillars.find((p) =>
            p.indicators.some((i) => i.questions.some((q) => q.code === a.question_code)),
          );
          if (owner?.key === vp.key) codes.push(a.question_code);
        }
      verificationChanges.push({
        pillarKey: vp.key,
        pillarName: vp.name,
        selfLevel: sp.level,
        verifiedLevel: vp.level,
        answers: codes
          .map((code) => byCode.get(code))
          .filter((a): a is NonNullable<typeof a> => !!a && a.verification === 'rejected')
          .map((a) => {
            const q = questions.get(a.question_code);
            return {
              questionCode: a.question_code,
              question: q?.text ?? { th: a.question_code, en: a.question_code },
              answer: formatAnswer(q, a.value, a.not_applicable),
              reason: a.verification_reason,
              comment: a.verification_comment,
            };
          }),
      });
    }
  }

  const factFinding: FactFindingDiff[] = [];
  if (showVerified) {
    for (const q of ctx.factQuestions) {
      if (!q.tracks.includes(agency.track)) continue;
      const answers = ctx.factAnswers.get(q.code);
      const mine = answers?.get(agencyId);
      if (!answers || mine === undefined) continue;
      const counts = new Map<string, number>();
      let n = 0;
      for (const [aid, v] of answers) {
        if (aid === agencyId || !peerAgencies.has(aid)) continue;
        counts.set(v, (counts.get(v) ?? 0) + 1);
        n++;
      }
      if (n === 0) continue;
      const [mode, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [
        string,
        number,
      ];
      if (mode === mine) continue;
      factFinding.push({
        questionCode: q.code,
        question: q.text,
        topics: q.topics ?? [],
        agencyAnswer: optionLabel(q, mine),
        peerModalAnswer: optionLabel(q, mode),
        peerModalShare: count / n,
        peerAnswered: n,
      });
    }
  }

  const peerDescription: LocalizedText =
    agency.track === 'province'
      ? { th: 'จังหวัดทั้งหมด', en: 'All provinces' }
      : {
          th: `${ORG_TYPE_LABELS[agency.org_type ?? '']?.th ?? agency.org_type ?? '-'} · ${ROLE_LABELS[agency.role ?? '']?.th ?? agency.role ?? '-'}`,
          en: `${ORG_TYPE_LABELS[agency.org_type ?? '']?.en ?? agency.org_type ?? '-'} · ${ROLE_LABELS[agency.role ?? '']?.en ?? agency.role ?? '-'}`,
        };

  return {
    agency: {
      id: agency.id,
      code: agency.code,
      name: { th: agency.name_th, en: agency.name_en },
      track: agency.track,
      orgType: agency.org_type,
      role: agency.role,
    },
    cycle: {
      id: cycle.id,
      fiscalYear: cycle.fiscal_year,
      name: { th: cycle.name_th, en: cycle.name_en },
      status: cycle.status,
      publishedAt: iso(cycle.published_at),
    },
    official,
    label: official ? 'official' : 'preview',
    snapshot: { id: String(snap.id), revision: snap.revision, createdAt: new Date(snap.created_at).toISOString() },
    basis: showVerified ? 'verified' : 'self',
    result,
    selfAssessed,
    verified: showVerified ? verified : null,
    peerGroup: { description: peerDescription, size: peerAgencies.size },
    nationalSize: nationalAgencies.size,
    previousCycle: ctx.previous && prevLevels ? { id: ctx.previous.id, fiscalYear: ctx.previous.fiscalYear } : null,
    benchmarks,
    benchmarksAvailable: showVerified,
    verificationChanges,
    factFinding,
    criteria: criteriaByIndicator(framework, result, answers),
  };
}
