import type { Condition, Framework, Question } from '../schemas/framework';
import type { FrameworkIssue, FrameworkPath } from './framework-issue';

/**
 * Rules for FrameworkSchema.derivedIndicators, kept apart from the question rules: codes are
 * unique and never a question's; measures read number questions or earlier measures; conditions
 * read questions of the indicator's tracks or its measures; categories are unique with at most
 * one catch-all, last; the headline names a category.
 */

const NUMERIC = new Set(['number', 'percentage']);

const pathText = (path: FrameworkPath) =>
  path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? p : `${out}.${p}`), '');

export function derivedIndicatorIssues(fw: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add = (path: FrameworkPath, code: string, message: string, messageTh: string) =>
    issues.push({
      path,
      pathText: pathText(path),
      code,
      message: `${pathText(path)}: ${message}`,
      messageTh: `${pathText(path)}: ${messageTh}`,
    });
  const questions = new Map<string, Question>();
  for (const p of fw.pillars) for (const ind of p.indicators) for (const q of ind.questions) questions.set(q.code, q);
  const seen = new Set<string>();

  (fw.derivedIndicators ?? []).forEach((def, di) => {
    const base: FrameworkPath = ['derivedIndicators', di];
    if (questions.has(def.code) || seen.has(def.code)) {
      add(
        [...base, 'code'],
        'derived_code_taken',
        `code ${def.code} is already used by a question or another derived indicator.`,
        `รหัส ${def.code} ซ้ำกับคำถามหรือตัวชี้วัดอนุพันธ์อื่น`,
      );
    }
    seen.add(def.code);
    const measures = new Set<string>();
    const readable = (code: string, path: FrameworkPath, numeric: boolean) => {
      if (measures.has(code)) return;
      const q = questions.get(code);
      if (!q) {
        add(
          path,
          'derived_unknown_ref',
          `refers to ${code}, which is neither a question nor an earlier measure.`,
          `อ้างถึง ${code} ซึ่งไม่ใช่คำถามหรือตัวแปรที่นิยามไว้ก่อนหน้า`,
        );
        return;
      }
      if (!def.tracks.some((t) => q.tracks.includes(t))) {
        add(
          path,
          'derived_track',
          `question ${code} is not asked in any of the tracks ${def.tracks.join(', ')}.`,
          `คำถาม ${code} ไม่ได้ถามในกลุ่ม ${def.tracks.join(', ')}`,
        );
      }
      if (numeric && !NUMERIC.has(q.type)) {
        add(
          path,
          'derived_not_numeric',
          `question ${code} is of type ${q.type}; a ratio or difference needs a number or percentage question.`,
          `คำถาม ${code} เป็นชนิด ${q.type} อัตราส่วนหรือผลต่างต้องใช้คำถามตัวเลขหรือร้อยละ`,
        );
      }
    };
    const walk = (c: Condition, path: FrameworkPath) => {
      if ('all' in c)
        c.all.forEach((x, i) => {
          walk(x, [...path, 'all', i]);
        });
      else if ('any' in c)
        c.any.forEach((x, i) => {
          walk(x, [...path, 'any', i]);
        });
      else if ('not' in c) walk(c.not, [...path, 'not']);
      else readable(c.question, [...path, 'question'], false);
    };
    def.measures.forEach((m, mi) => {
      const mPath: FrameworkPath = [...base, 'measures', mi];
      if ('ratio' in m)
        m.ratio.forEach((c, i) => {
          readable(c, [...mPath, 'ratio', i], true);
        });
      else if ('difference' in m)
        m.difference.forEach((c, i) => {
          readable(c, [...mPath, 'difference', i], true);
        });
      else
        m.count.forEach((c, i) => {
          walk(c, [...mPath, 'count', i]);
        });
      if (measures.has(m.code) || questions.has(m.code)) {
        add(
          [...mPath, 'code'],
          'derived_code_taken',
          `measure ${m.code} clashes with a question or another measure.`,
          `ตัวแปร ${m.code} ซ้ำกับคำถามหรือตัวแปรอื่น`,
        );
      }
      measures.add(m.code);
    });
    walk(def.population, [...base, 'population']);
    const codes = new Set<string>();
    def.categories.forEach((c, ci) => {
      const cPath: FrameworkPath = [...base, 'categories', ci];
      if (codes.has(c.code))
        add([...cPath, 'code'], 'derived_category_duplicate', `category ${c.code} appears twice.`, `หมวด ${c.code} ซ้ำ`);
      codes.add(c.code);
      if (c.when) walk(c.when, [...cPath, 'when']);
      else if (ci !== def.categories.length - 1) {
        add(
          cPath,
          'derived_catch_all',
          `category ${c.code} has no "when" and so takes everyone left: it must be the last.`,
          `หมวด ${c.code} ไม่มีเงื่อนไข (when) จึงรับทุกหน่วยงานที่เหลือ ต้องอยู่ลำดับสุดท้าย`,
        );
      }
    });
    if (!codes.has(def.headline)) {
      add(
        [...base, 'headline'],
        'derived_headline',
        `headline ${def.headline} is not one of the categories.`,
        `headline ${def.headline} ไม่ใช่หมวดของตัวชี้วัดนี้`,
      );
    }
  });
  return issues;
}
