import type { CycleSummary } from '../schemas/questionnaire';

/**
 * The cycle a respondent's questionnaire opens on: the open one, or the newest one when none is open.
 * The server picks it too when it hands the questionnaire's first reads out with the session.
 */
export function pickCycle(cycles: readonly CycleSummary[]): CycleSummary | null {
  const open = cycles.filter((c) => c.status === 'open').sort((a, b) => b.fiscalYear - a.fiscalYear);
  if (open[0]) return open[0];
  const visible = cycles.filter((c) => c.status !== 'draft').sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id);
  return visible[0] ?? null;
}
