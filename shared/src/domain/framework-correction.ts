import type { Framework, Question } from '../schemas/framework';
import { type FrameworkIssue, type FrameworkPath, formatPath, stableStringify } from './framework-validate';

/**
 * What a correction of a frozen framework may change. Answers are already stored against the
 * framework, so everything an answer is keyed by or validated against must stay as it is:
 *
 * fixed:   code, year, previousCode; pillar keys and numbers and their order; indicator codes and
 *          which pillar holds them; question codes, types, tracks, required, display conditions,
 *          number specs, "not applicable" and evidence policies, and where each question sits;
 *          option and matrix-row codes, their order and the exclusive / other flags.
 * free:    every text (titles, names, level names, help, labels, actions), the overall method and
 *          its rationale, minApplicableShare, pillar weights and scoring (mode, cut points,
 *          optional share), criteria (conditions, weights, levels), options' maturity, topics,
 *          and the pillar mapping to the previous framework (previousKey, changedFromPrevious).
 *
 * Returns one issue per fixed thing that changed, with the path in the corrected document.
 */
export function correctionIssues(current: Framework, corrected: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const fixed = (path: FrameworkPath, before: unknown, after: unknown, what: string) => {
    if (stableStringify(before ?? null) === stableStringify(after ?? null)) return;
    const pathText = formatPath(path);
    issues.push({
      path,
      pathText,
      code: 'correction_not_allowed',
      message: `${pathText}: a correction cannot change ${what} (was ${stableStringify(before ?? null)}, now ${stableStringify(after ?? null)})`,
    });
  };

  fixed(['code'], current.code, corrected.code, 'the framework code');
  fixed(['year'], current.year, corrected.year, 'the year');
  fixed(['previousCode'], current.previousCode, corrected.previousCode, 'the previous framework');
  const keys = (f: Framework) => f.pillars.map((p) => `${p.key}#${p.number}`);
  if (stableStringify(keys(current)) !== stableStringify(keys(corrected))) {
    // Pillars no longer line up: comparing what is inside them would only add noise.
    fixed(['pillars'], keys(current), keys(corrected), 'the pillars (keys, numbers, order)');
    return issues;
  }

  corrected.pillars.forEach((pillar, pi) => {
    const before = current.pillars[pi];
    if (!before) return;
    const base: FrameworkPath = ['pillars', pi, 'indicators'];
    fixed(
      base,
      before.indicators.map((i) => i.code),
      pillar.indicators.map((i) => i.code),
      'the indicators (codes, order)',
    );
    pillar.indicators.forEach((indicator, ii) => {
      const prev = before.indicators[ii];
      if (!prev || prev.code !== indicator.code) return;
      const qPath: FrameworkPath = [...base, ii, 'questions'];
      fixed(
        qPath,
        prev.questions.map((q) => q.code),
        indicator.questions.map((q) => q.code),
        'the questions (codes, order)',
      );
      indicator.questions.forEach((q, qi) => {
        const old = prev.questions[qi];
        if (old && old.code === q.code) questionIssues([...qPath, qi], old, q, fixed);
      });
    });
  });
  return issues;
}

function questionIssues(
  path: FrameworkPath,
  before: Question,
  after: Question,
  fixed: (path: FrameworkPath, before: unknown, after: unknown, what: string) => void,
) {
  fixed([...path, 'type'], before.type, after.type, 'the question type');
  fixed([...path, 'tracks'], before.tracks, after.tracks, 'the respondent tracks');
  fixed([...path, 'required'], before.required, after.required, 'whether the question is required');
  fixed([...path, 'showIf'], before.showIf, after.showIf, 'the display condition');
  fixed([...path, 'number'], before.number, after.number, 'the number format');
  fixed([...path, 'allowNotApplicable'], before.allowNotApplicable, after.allowNotApplicable, '"not applicable"');
  fixed([...path, 'evidence'], before.evidence, after.evidence, 'the evidence policy');
  const optionKeys = (q: Question) =>
    (q.options ?? []).map((o) => ({ code: o.code, exclusive: o.exclusive ?? false, other: o.other ?? false }));
  fixed([...path, 'options'], optionKeys(before), optionKeys(after), 'the options (codes, order, exclusive, other)');
  const rowCodes = (q: Question) => (q.rows ?? []).map((r) => r.code);
  fixed([...path, 'rows'], rowCodes(before), rowCodes(after), 'the matrix rows (codes, order)');
}
