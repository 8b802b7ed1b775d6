import type { Framework, Indicator, Pillar, Question, Track } from '../schemas/framework';

/**
 * Structural edits of a draft in the editor: add or remove questions, indicators and pillars.
 * Each returns a new document; what an edit breaks (a condition reading a removed question, an
 * empty indicator) is left for the shared validator to name, so the editor shows it at once.
 */

const allCodes = (fw: Framework) =>
  new Set(fw.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions.map((q) => q.code))));

/** A fresh question code: NEW_Q_1, NEW_Q_2, ... not used anywhere in the framework. */
export function freshQuestionCode(fw: Framework, stem = 'NEW_Q'): string {
  const used = allCodes(fw);
  for (let n = 1; ; n++) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** A yes/no question meeting a level-1 criterion of its pillar, so a new part is valid as added. */
export function newQuestion(fw: Framework, pillarKey: string, tracks: Track[]): Question {
  const code = freshQuestionCode(fw);
  return {
    code,
    type: 'yes_no',
    text: { th: 'คำถามใหม่', en: 'New question' },
    required: true,
    tracks: [...tracks],
    allowNotApplicable: false,
    evidence: 'none',
    criteria: [
      {
        code,
        label: { th: 'เกณฑ์ใหม่', en: 'New criterion' },
        when: { question: code, op: 'eq', value: 'yes' },
        pillar: pillarKey,
        level: 1,
        weight: 1,
        required: false,
        action: { th: 'ดำเนินการตามเกณฑ์ใหม่', en: 'Meet the new criterion' },
      },
    ],
  } as Question;
}

/** A new pillar's first question: one option per level, so every level can be reached from the start. */
function levelQuestion(fw: Framework, pillarKey: string): Question {
  return {
    code: freshQuestionCode(fw),
    type: 'single',
    text: { th: 'คำถามใหม่ (ระดับ 1-5)', en: 'New question (levels 1-5)' },
    required: true,
    tracks: ['department', 'province'],
    allowNotApplicable: false,
    evidence: 'none',
    options: fw.levels.map((l) => ({
      code: `level_${l.level}`,
      label: { th: `ระดับ ${l.level}: ${l.name.th}`, en: `Level ${l.level}: ${l.name.en}` },
      maturity: {
        pillar: pillarKey,
        level: l.level,
        weight: 1,
        required: false,
        action: { th: `ดำเนินการให้ถึงระดับ ${l.level}`, en: `Reach level ${l.level}` },
      },
    })),
  } as Question;
}

const tracksOf = (p: Pillar): Track[] => {
  const set = new Set(p.indicators.flatMap((i) => i.questions.flatMap((q) => q.tracks)));
  return set.size > 0 ? [...set] : ['department', 'province'];
};

/** Adds a question after `afterIndex` (or at the end) of an indicator; returns the new code. */
export function addQuestion(fw: Framework, pi: number, ii: number, afterIndex?: number): string {
  const pillar = fw.pillars[pi];
  const indicator = pillar?.indicators[ii];
  if (!pillar || !indicator) throw new Error(`No indicator ${pi}/${ii}`);
  const after = afterIndex === undefined ? undefined : indicator.questions[afterIndex];
  const q = newQuestion(fw, pillar.key, after?.tracks ?? tracksOf(pillar));
  indicator.questions.splice(afterIndex === undefined ? indicator.questions.length : afterIndex + 1, 0, q);
  return q.code;
}

export function removeQuestion(fw: Framework, pi: number, ii: number, qi: number): void {
  fw.pillars[pi]?.indicators[ii]?.questions.splice(qi, 1);
}

/** Adds an indicator (with one new question) at the end of a pillar; returns the new question's code. */
export function addIndicator(fw: Framework, pi: number): string {
  const pillar = fw.pillars[pi];
  if (!pillar) throw new Error(`No pillar ${pi}`);
  const numbers = pillar.indicators.map((i) => Number(i.code.split('.')[1]) || 0);
  const indicator: Indicator = {
    code: `P${pillar.number}.${Math.max(0, ...numbers) + 1}`,
    name: { th: 'ตัวชี้วัดใหม่', en: 'New indicator' },
    questions: [newQuestion(fw, pillar.key, tracksOf(pillar))],
  };
  pillar.indicators.push(indicator);
  return indicator.questions[0]?.code ?? '';
}

export function removeIndicator(fw: Framework, pi: number, ii: number): void {
  fw.pillars[pi]?.indicators.splice(ii, 1);
}

/** Adds a pillar (one indicator, one question) after the last; returns the new question's code. */
export function addPillar(fw: Framework): string {
  const number = Math.max(0, ...fw.pillars.map((p) => p.number)) + 1;
  const key = `P${number}`;
  const pillar: Pillar = {
    key,
    number,
    name: { th: 'มิติใหม่', en: 'New pillar' },
    levelNames: fw.levels.map((l) => ({ ...l.name })),
    weight: 1,
    scoring: { mode: 'staged', minOptionalShare: 0 },
    indicators: [],
  };
  fw.pillars.push(pillar);
  pillar.indicators.push({
    code: `P${number}.1`,
    name: { th: 'ตัวชี้วัดใหม่', en: 'New indicator' },
    questions: [levelQuestion(fw, key)],
  });
  return pillar.indicators[0]?.questions[0]?.code ?? '';
}

export function removePillar(fw: Framework, pi: number): void {
  fw.pillars.splice(pi, 1);
}
