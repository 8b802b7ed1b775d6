import type { Framework, Question } from '../schemas/framework';
import { type FrameworkIssue, type FrameworkPath, formatPath, stableStringify } from './framework-validate';

/** Reports one fixed thing if it changed; `what` / `whatTh` name it in English and Thai. */
type Fixed = (path: FrameworkPath, before: unknown, after: unknown, what: string, whatTh: string) => void;

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
  const fixed: Fixed = (path, before, after, what, whatTh) => {
    const was = stableStringify(before ?? null);
    const now = stableStringify(after ?? null);
    if (was === now) return;
    const pathText = formatPath(path);
    issues.push({
      path,
      pathText,
      code: 'correction_not_allowed',
      message: `${pathText}: a correction cannot change ${what} (was ${was}, now ${now})`,
      messageTh: `${pathText}: การแก้ไขต้องไม่เปลี่ยน${whatTh} (เดิม ${was} แก้เป็น ${now})`,
    });
  };

  fixed(['code'], current.code, corrected.code, 'the framework code', 'รหัสกรอบการประเมิน');
  fixed(['year'], current.year, corrected.year, 'the year', 'ปีงบประมาณ');
  fixed(
    ['previousCode'],
    current.previousCode,
    corrected.previousCode,
    'the previous framework',
    'กรอบการประเมินก่อนหน้า (previousCode)',
  );
  const keys = (f: Framework) => f.pillars.map((p) => `${p.key}#${p.number}`);
  if (stableStringify(keys(current)) !== stableStringify(keys(corrected))) {
    // Pillars no longer line up: comparing what is inside them would only add noise.
    fixed(
      ['pillars'],
      keys(current),
      keys(corrected),
      'the pillars (keys, numbers, order)',
      'ตัวชี้วัด (คีย์ หมายเลข และลำดับ)',
    );
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
      'ตัวชี้วัดย่อย (รหัสและลำดับ)',
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
        'คำถาม (รหัสและลำดับ)',
      );
      indicator.questions.forEach((q, qi) => {
        const old = prev.questions[qi];
        if (old && old.code === q.code) questionIssues([...qPath, qi], old, q, fixed);
      });
    });
  });
  return issues;
}

function questionIssues(path: FrameworkPath, before: Question, after: Question, fixed: Fixed) {
  fixed([...path, 'type'], before.type, after.type, 'the question type', 'ชนิดคำถาม');
  fixed([...path, 'tracks'], before.tracks, after.tracks, 'the respondent tracks', 'กลุ่มผู้ตอบ');
  fixed(
    [...path, 'required'],
    before.required,
    after.required,
    'whether the question is required',
    'การกำหนดว่าคำถามต้องตอบ (required)',
  );
  fixed([...path, 'showIf'], before.showIf, after.showIf, 'the display condition', 'เงื่อนไขการแสดงผล');
  fixed([...path, 'number'], before.number, after.number, 'the number format', 'รูปแบบตัวเลข');
  fixed(
    [...path, 'allowNotApplicable'],
    before.allowNotApplicable,
    after.allowNotApplicable,
    '"not applicable"',
    'ตัวเลือก "ไม่เกี่ยวข้อง" (allowNotApplicable)',
  );
  fixed([...path, 'evidence'], before.evidence, after.evidence, 'the evidence policy', 'ข้อกำหนดเรื่องหลักฐาน');
  const optionKeys = (q: Question) =>
    (q.options ?? []).map((o) => ({ code: o.code, exclusive: o.exclusive ?? false, other: o.other ?? false }));
  fixed(
    [...path, 'options'],
    optionKeys(before),
    optionKeys(after),
    'the options (codes, order, exclusive, other)',
    'ตัวเลือก (รหัส ลำดับ exclusive และ other)',
  );
  const rowCodes = (q: Question) => (q.rows ?? []).map((r) => r.code);
  fixed(
    [...path, 'rows'],
    rowCodes(before),
    rowCodes(after),
    'the matrix rows (codes, order)',
    'แถวของตาราง (รหัสและลำดับ)',
  );
}
