import type { Option, Question } from '../schemas/framework';
import type { LocalizedText } from '../schemas/i18n';

/**
 * Answer words that name no practice: a criterion called only this ("มี/ใช่") tells an agency
 * neither what it met nor what it missed. Compared after trimming, lowercasing and dropping spaces.
 */
const BARE_WORDS = new Set(
  [
    'มี',
    'ใช่',
    'มี/ใช่',
    'ไม่มี',
    'ไม่ใช่',
    'ไม่มี/ไม่ใช่',
    'ไม่',
    'มีแล้ว',
    'ใช่แล้ว',
    'ดำเนินการแล้ว',
    'ยังไม่มี',
    'ไม่ได้ดำเนินการ',
    'yes',
    'no',
    'true',
    'false',
    'yes/no',
    'none',
    'other',
    'n/a',
    'na',
  ].map((w) => norm(w)),
);

function norm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.!?]+/g, '');
}

/** True when `text` is an answer word rather than the name of a practice. */
export function isBareOptionWord(text: string): boolean {
  return text.trim() === '' || BARE_WORDS.has(norm(text));
}

/** A yes/no question read as a statement: "หน่วยงานมี X หรือไม่" -> "มี X"; the English question as is. */
function statementOf(text: LocalizedText): LocalizedText {
  const th = text.th
    .trim()
    .replace(/\s*หรือไม่\s*$/, '')
    .replace(/^หน่วยงาน(?=\S)/, '');
  return { th: th || text.th, en: text.en };
}

/**
 * The one name of an option-based criterion, used by the engine's results and so by the results
 * screen, the PDF and the XLSX: the framework's explicit criterion label, else the option's label.
 * Frameworks stored before criterion labels existed may still name a yes/no criterion "มี/ใช่";
 * their question, read as a statement, names it instead.
 */
export function optionCriterionLabel(question: Pick<Question, 'text'>, option: Option): LocalizedText {
  const explicit = option.maturity?.label;
  if (explicit) return explicit;
  if (isBareOptionWord(option.label.th) || isBareOptionWord(option.label.en)) return statementOf(question.text);
  return option.label;
}
