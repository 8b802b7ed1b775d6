import type { z } from 'zod';
import type { Condition, Framework, Question, Track } from '../schemas/framework';
import { FrameworkSchema } from '../schemas/framework';
import { checkCriterionLabels } from './framework-criterion-labels';
import { derivedIndicatorIssues } from './framework-validate-derived';

export type FrameworkPath = (string | number)[];

export interface FrameworkIssue {
  path: FrameworkPath;
  /** e.g. `pillars[2].indicators[0].questions[3].showIf` */
  pathText: string;
  code: string;
  /** English; API clients and tests match on it, so its wording is kept stable. */
  message: string;
  /** The same problem in Thai, for the admin UI. */
  messageTh: string;
}

export type FrameworkValidation = { ok: true; framework: Framework } | { ok: false; issues: FrameworkIssue[] };

export interface ValidateFrameworkOptions {
  /** The framework this one continues; enables the previousKey / previousCode checks. */
  previous?: Framework;
  /** A document accepted earlier: rules for authoring added since (criterion names) are not re-applied. */
  stored?: boolean;
}

const OPTION_TYPES = new Set(['single', 'multiple', 'staged', 'reason', 'matrix', 'yes_no']);
const OPTION_VALUE_OPS = new Set(['eq', 'neq', 'in', 'includes', 'excludes', 'stage_at_least']);
const NUMERIC_OPS = new Set(['gte', 'lte', 'gt', 'lt']);
const NUMERIC_TYPES = new Set(['number', 'percentage']);
const ALL_LEVELS_ABOVE_ONE = [2, 3, 4, 5] as const;

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

function issue(path: FrameworkPath, code: string, message: string, messageTh: string): FrameworkIssue {
  return { path, pathText: formatPath(path), code, message, messageTh };
}

/**
 * Deterministic JSON: object keys sorted, undefined members dropped (as JSON.stringify does),
 * so two structurally equal frameworks hash the same whatever order their keys were written in.
 */
export function stableStringify(value: unknown): string {
  return serialize(value, false) ?? 'null';
}

function serialize(value: unknown, inArray: boolean): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON(), inArray);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('stableStringify: BigInt is not JSON-serializable');
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? 'null' : undefined;
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => serialize(item, true) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = serialize(record[key], false);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

interface QuestionEntry {
  question: Question;
  path: FrameworkPath;
  /** Position in document order across the whole framework. */
  index: number;
}

/** Option codes a question accepts as an answer; yes_no without options implies yes/no. */
function optionCodesOf(question: Question): Set<string> {
  if (question.type === 'yes_no' && (question.options === undefined || question.options.length === 0)) {
    return new Set(['yes', 'no']);
  }
  return new Set((question.options ?? []).map((o) => o.code));
}

function leafConditions(
  condition: Condition,
  path: FrameworkPath,
  out: { leaf: Extract<Condition, { question: string }>; path: FrameworkPath }[] = [],
) {
  if ('all' in condition) {
    condition.all.forEach((c, i) => {
      leafConditions(c, [...path, 'all', i], out);
    });
  } else if ('any' in condition) {
    condition.any.forEach((c, i) => {
      leafConditions(c, [...path, 'any', i], out);
    });
  } else if ('not' in condition) leafConditions(condition.not, [...path, 'not'], out);
  else out.push({ leaf: condition, path });
  return out;
}

function describeQuestion(entry: QuestionEntry): string {
  return `question ${entry.question.code} (${formatPath(entry.path)})`;
}

function describeQuestionTh(entry: QuestionEntry): string {
  return `คำถาม ${entry.question.code} (${formatPath(entry.path)})`;
}

const JSON_TYPE_TH: Record<string, string> = {
  string: 'ข้อความ (string)',
  number: 'ตัวเลข (number)',
  int: 'จำนวนเต็ม (integer)',
  boolean: 'ค่าตรรกะ (boolean)',
  array: 'อาร์เรย์ (array)',
  object: 'ออบเจกต์ (object)',
  record: 'ออบเจกต์ (object)',
  null: 'null',
};
const typeTh = (type: string) => JSON_TYPE_TH[type] ?? type;
const jsonTypeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** A Thai rendering of a zod issue: the common codes are translated, anything else keeps zod's English text. */
function zodMessageTh(zi: z.core.$ZodIssue): string {
  switch (zi.code) {
    case 'invalid_type':
      return zi.input === undefined
        ? `ไม่ได้ระบุค่า ต้องเป็น${typeTh(zi.expected)}`
        : `ชนิดข้อมูลไม่ถูกต้อง ต้องเป็น${typeTh(zi.expected)} แต่ได้รับ${typeTh(jsonTypeOf(zi.input))}`;
    case 'too_small':
    case 'too_big': {
      const small = zi.code === 'too_small';
      const bound = String(small ? zi.minimum : zi.maximum);
      if (zi.origin === 'array' || zi.origin === 'set')
        return zi.exact ? `ต้องมี ${bound} รายการพอดี` : `ต้องมี${small ? 'อย่างน้อย' : 'ไม่เกิน'} ${bound} รายการ`;
      if (zi.origin === 'string')
        return zi.exact ? `ต้องยาว ${bound} ตัวอักษรพอดี` : `ต้องยาว${small ? 'อย่างน้อย' : 'ไม่เกิน'} ${bound} ตัวอักษร`;
      if (zi.origin === 'number' || zi.origin === 'int') {
        const relation = small ? (zi.inclusive ? 'ไม่น้อยกว่า' : 'มากกว่า') : zi.inclusive ? 'ไม่เกิน' : 'น้อยกว่า';
        return `ต้องมีค่า${relation} ${bound}`;
      }
      break;
    }
    case 'invalid_format':
      if (zi.format === 'regex' && zi.pattern !== undefined) {
        // A schema-specific hint (e.g. "Code must be UPPER_SNAKE") is kept; zod's generic text only repeats the pattern.
        const hint = zi.message.includes(zi.pattern) ? '' : ` (${zi.message})`;
        return `รูปแบบไม่ถูกต้อง ต้องตรงกับรูปแบบ ${zi.pattern}${hint}`;
      }
      return `รูปแบบ ${zi.format} ไม่ถูกต้อง`;
    case 'invalid_value':
      return `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${zi.values.map((v) => stableStringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `มีฟิลด์ที่ไม่รู้จัก: ${zi.keys.join(', ')}`;
    case 'invalid_union':
      return 'ข้อมูลไม่ตรงกับรูปแบบใดที่อนุญาต';
    case 'not_multiple_of':
      return `ต้องเป็นผลคูณของ ${zi.divisor}`;
    default:
      break;
  }
  return `รูปแบบข้อมูลไม่ถูกต้อง: ${zi.message}`;
}

/**
 * Validates a framework in two passes: the zod schema first (shape), then the semantic rules
 * the schema cannot express (uniqueness, references, ordering, level coverage). Semantic rules
 * run only on a schema-valid framework, because they rely on its parsed defaults.
 */
export function validateFramework(input: unknown, opts: ValidateFrameworkOptions = {}): FrameworkValidation {
  // reportInput: tells a missing member from one of the wrong type, for the Thai message.
  const parsed = FrameworkSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((zi) => {
      const path = zi.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const where = path.length > 0 ? formatPath(path) : '(root)';
      return issue(path, 'schema', `${where}: ${zi.message}`, `${where}: ${zodMessageTh(zi)}`);
    });
    return { ok: false, issues };
  }
  const framework = parsed.data;
  const issues = semanticIssues(framework, opts);
  return issues.length === 0 ? { ok: true, framework } : { ok: false, issues };
}

function semanticIssues(fw: Framework, opts: ValidateFrameworkOptions): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add: AddIssue = (path, code, message, messageTh) => issues.push(issue(path, code, message, messageTh));

  // Levels 1..5 in order: every level name in the UI and reports is looked up by position.
  fw.levels.forEach((l, i) => {
    if (l.level !== i + 1) {
      add(
        ['levels', i, 'level'],
        'levels_order',
        `levels[${i}] is level ${l.level} but must be level ${i + 1}: the levels array must list 1..5 in order.`,
        `levels[${i}] เป็นระดับ ${l.level} แต่ต้องเป็นระดับ ${i + 1}: อาร์เรย์ levels ต้องเรียงระดับ 1..5 ตามลำดับ`,
      );
    }
  });

  const pillarKeys = new Map<string, number>();
  const pillarNumbers = new Map<number, number>();
  const indicatorCodes = new Map<string, string>();
  const questions = new Map<string, QuestionEntry>();
  const ordered: QuestionEntry[] = [];

  fw.pillars.forEach((pillar, pi) => {
    const pPath: FrameworkPath = ['pillars', pi];
    const seenKey = pillarKeys.get(pillar.key);
    if (seenKey !== undefined) {
      add(
        [...pPath, 'key'],
        'duplicate_pillar_key',
        `Pillar key ${pillar.key} is already used by pillars[${seenKey}]; pillar keys must be unique.`,
        `คีย์ตัวชี้วัด ${pillar.key} ถูกใช้แล้วที่ pillars[${seenKey}] คีย์ตัวชี้วัดต้องไม่ซ้ำกัน`,
      );
    } else pillarKeys.set(pillar.key, pi);
    const seenNumber = pillarNumbers.get(pillar.number);
    if (seenNumber !== undefined) {
      add(
        [...pPath, 'number'],
        'duplicate_pillar_number',
        `Pillar number ${pillar.number} is already used by pillars[${seenNumber}]; pillar numbers must be unique.`,
        `หมายเลขตัวชี้วัด ${pillar.number} ถูกใช้แล้วที่ pillars[${seenNumber}] หมายเลขตัวชี้วัดต้องไม่ซ้ำกัน`,
      );
    } else pillarNumbers.set(pillar.number, pi);

    const { mode, cutPoints } = pillar.scoring;
    if (mode === 'score' || mode === 'hybrid') {
      if (cutPoints === undefined) {
        add(
          [...pPath, 'scoring', 'cutPoints'],
          'cut_points_missing',
          `Pillar ${pillar.key} uses ${mode} scoring and needs 4 cutPoints (minimum scores for levels 2..5).`,
          `ตัวชี้วัด ${pillar.key} คิดคะแนนแบบ ${mode} จึงต้องกำหนด cutPoints 4 ค่า (คะแนนขั้นต่ำของระดับ 2..5)`,
        );
      } else {
        const inRange = cutPoints.every((c) => c >= 0 && c <= 100);
        const ascending = cutPoints.every((c, i) => i === 0 || c > (cutPoints[i - 1] as number));
        if (!inRange || !ascending) {
          add(
            [...pPath, 'scoring', 'cutPoints'],
            'cut_points_invalid',
            `Pillar ${pillar.key} cutPoints [${cutPoints.join(', ')}] must be strictly ascending and within 0..100.`,
            `cutPoints [${cutPoints.join(', ')}] ของตัวชี้วัด ${pillar.key} ต้องเรียงจากน้อยไปมากโดยแต่ละค่ามากกว่าค่าก่อนหน้า และอยู่ในช่วง 0..100`,
          );
        }
      }
    }

    pillar.indicators.forEach((indicator, ii) => {
      const iPath: FrameworkPath = [...pPath, 'indicators', ii];
      const seenIndicator = indicatorCodes.get(indicator.code);
      if (seenIndicator !== undefined) {
        add(
          [...iPath, 'code'],
          'duplicate_indicator_code',
          `Indicator code ${indicator.code} is already used at ${seenIndicator}; indicator codes must be unique.`,
          `รหัสตัวชี้วัดย่อย ${indicator.code} ถูกใช้แล้วที่ ${seenIndicator} รหัสตัวชี้วัดย่อยต้องไม่ซ้ำกัน`,
        );
      } else indicatorCodes.set(indicator.code, formatPath(iPath));
      // Only plain keys (P1, P12) can be checked; lettered keys (P6a) have no indicator prefix of their own.
      if (/^P[0-9]+$/.test(pillar.key) && !indicator.code.startsWith(`${pillar.key}.`)) {
        add(
          [...iPath, 'code'],
          'indicator_pillar_mismatch',
          `Indicator ${indicator.code} sits in pillar ${pillar.key}; its code must start with "${pillar.key}.".`,
          `ตัวชี้วัดย่อย ${indicator.code} อยู่ในตัวชี้วัด ${pillar.key} รหัสจึงต้องขึ้นต้นด้วย "${pillar.key}."`,
        );
      }
      indicator.questions.forEach((question, qi) => {
        const entry: QuestionEntry = { question, path: [...iPath, 'questions', qi], index: ordered.length };
        ordered.push(entry);
        const seen = questions.get(question.code);
        if (seen !== undefined) {
          add(
            [...entry.path, 'code'],
            'duplicate_question_code',
            `Question code ${question.code} is already used by ${describeQuestion(seen)}; question codes must be unique across the whole framework.`,
            `รหัสคำถาม ${question.code} ถูกใช้แล้วโดย${describeQuestionTh(seen)} รหัสคำถามต้องไม่ซ้ำกันทั้งกรอบการประเมิน`,
          );
        } else questions.set(question.code, entry);
      });
    });
  });

  for (const entry of ordered) checkQuestionShape(entry, add);

  const criterionCodes = new Map<string, string>();
  // Tracks -> pillar -> levels evidenced, for the level coverage rule.
  const coverage = new Map<string, Set<number>>();
  const coverKey = (track: Track, pillar: string) => `${track}|${pillar}`;
  const dependsOn = new Map<string, Set<string>>();

  const claimCriterionCode = (code: string, path: FrameworkPath) => {
    const seen = criterionCodes.get(code);
    if (seen !== undefined) {
      add(
        path,
        'duplicate_criterion_code',
        `Criterion code ${code} is already used at ${seen}; criterion codes must be unique (option criteria are named QUESTION.option).`,
        `รหัสเกณฑ์ ${code} ถูกใช้แล้วที่ ${seen} รหัสเกณฑ์ต้องไม่ซ้ำกัน (เกณฑ์ของตัวเลือกมีรหัสในรูป QUESTION.option)`,
      );
    } else criterionCodes.set(code, formatPath(path));
  };
  const checkPillarRef = (pillar: string, path: FrameworkPath, q: Question) => {
    if (!pillarKeys.has(pillar)) {
      add(
        path,
        'unknown_pillar',
        `Question ${q.code} credits pillar ${pillar}, which this framework does not define (pillars: ${[...pillarKeys.keys()].join(', ')}).`,
        `คำถาม ${q.code} นับผลเข้าตัวชี้วัด ${pillar} ซึ่งไม่มีในกรอบการประเมินนี้ (ตัวชี้วัดที่มี: ${[...pillarKeys.keys()].join(', ')})`,
      );
    }
  };
  const recordCoverage = (q: Question, pillar: string, level: number) => {
    for (const track of q.tracks) {
      const key = coverKey(track, pillar);
      let set = coverage.get(key);
      if (set === undefined) {
        set = new Set();
        coverage.set(key, set);
      }
      set.add(level);
    }
  };

  for (const entry of ordered) {
    const q = entry.question;
    (q.options ?? []).forEach((option, oi) => {
      if (option.maturity === undefined) return;
      const mPath: FrameworkPath = [...entry.path, 'options', oi, 'maturity'];
      claimCriterionCode(`${q.code}.${option.code}`, [...entry.path, 'options', oi, 'code']);
      checkPillarRef(option.maturity.pillar, [...mPath, 'pillar'], q);
      recordCoverage(q, option.maturity.pillar, option.maturity.level);
    });
    (q.criteria ?? []).forEach((criterion, ci) => {
      const cPath: FrameworkPath = [...entry.path, 'criteria', ci];
      claimCriterionCode(criterion.code, [...cPath, 'code']);
      checkPillarRef(criterion.pillar, [...cPath, 'pillar'], q);
      recordCoverage(q, criterion.pillar, criterion.level);
      checkCondition(criterion.when, [...cPath, 'when'], entry, questions, 'criterion', add);
    });
    if (q.showIf !== undefined) {
      const refs = checkCondition(q.showIf, [...entry.path, 'showIf'], entry, questions, 'showIf', add);
      dependsOn.set(q.code, refs);
    }
  }

  checkCycles(ordered, dependsOn, add);
  issues.push(...derivedIndicatorIssues(fw));
  if (!opts.stored) checkCriterionLabels(fw, add);

  // Every track a pillar asks questions in must be able to tell levels 2..5 apart.
  fw.pillars.forEach((pillar, pi) => {
    const tracks = new Set<Track>();
    for (const indicator of pillar.indicators)
      for (const q of indicator.questions) for (const t of q.tracks) tracks.add(t);
    for (const track of tracks) {
      const levels = coverage.get(coverKey(track, pillar.key)) ?? new Set<number>();
      const missing = ALL_LEVELS_ABOVE_ONE.filter((l) => !levels.has(l));
      if (missing.length > 0) {
        add(
          ['pillars', pi],
          'pillar_level_without_criteria',
          `Pillar ${pillar.key} has ${track}-track questions but no criterion for level ${missing.join(', ')} in that track; an agency could never be placed at that level.`,
          `ตัวชี้วัด ${pillar.key} มีคำถามสำหรับกลุ่มผู้ตอบ ${track} แต่ไม่มีเกณฑ์ของระดับ ${missing.join(', ')} ในกลุ่มนั้น หน่วยงานจึงไม่มีทางได้ระดับดังกล่าว`,
        );
      }
    }
  });

  if (opts.previous !== undefined) {
    const previous = opts.previous;
    if (fw.previousCode !== previous.code) {
      add(
        ['previousCode'],
        'previous_code_mismatch',
        `previousCode is ${fw.previousCode === undefined ? 'missing' : `"${fw.previousCode}"`} but the previous framework given is "${previous.code}".`,
        `${fw.previousCode === undefined ? 'ไม่ได้ระบุ previousCode' : `previousCode คือ "${fw.previousCode}"`} แต่กรอบการประเมินก่อนหน้าที่ระบุคือ "${previous.code}"`,
      );
    }
    const previousKeys = new Set(previous.pillars.map((p) => p.key));
    fw.pillars.forEach((pillar, pi) => {
      if (pillar.previousKey !== undefined && !previousKeys.has(pillar.previousKey)) {
        add(
          ['pillars', pi, 'previousKey'],
          'unknown_previous_key',
          `Pillar ${pillar.key} continues previousKey ${pillar.previousKey}, which ${previous.code} does not define (its pillars: ${[...previousKeys].join(', ')}).`,
          `ตัวชี้วัด ${pillar.key} ต่อเนื่องจาก previousKey ${pillar.previousKey} ซึ่งไม่มีในกรอบ ${previous.code} (ตัวชี้วัดของกรอบนั้น: ${[...previousKeys].join(', ')})`,
        );
      }
    });
  }

  return issues;
}

type AddIssue = (path: FrameworkPath, code: string, message: string, messageTh: string) => void;
/** Where a condition sits, in both languages: "showIf of question X" / "เงื่อนไขการแสดงผล (showIf) ของคำถาม X". */
type Where = { en: string; th: string };

function checkQuestionShape(entry: QuestionEntry, add: AddIssue) {
  const q = entry.question;
  const options = q.options ?? [];
  const seenOptions = new Set<string>();
  options.forEach((option, oi) => {
    if (seenOptions.has(option.code)) {
      add(
        [...entry.path, 'options', oi, 'code'],
        'duplicate_option_code',
        `Question ${q.code} lists option ${option.code} more than once; option codes must be unique within a question.`,
        `คำถาม ${q.code} มีตัวเลือก ${option.code} มากกว่าหนึ่งครั้ง รหัสตัวเลือกในคำถามเดียวกันต้องไม่ซ้ำกัน`,
      );
    }
    seenOptions.add(option.code);
  });
  if (OPTION_TYPES.has(q.type) && q.type !== 'yes_no' && options.length === 0) {
    add(
      [...entry.path, 'options'],
      'options_missing',
      `Question ${q.code} is of type ${q.type} and needs at least one option.`,
      `คำถาม ${q.code} เป็นชนิด ${q.type} ต้องมีตัวเลือกอย่างน้อยหนึ่งตัวเลือก`,
    );
  }
  if (q.type === 'yes_no' && options.length > 0) {
    const codes = options.map((o) => o.code).sort();
    if (codes.length !== 2 || codes[0] !== 'no' || codes[1] !== 'yes') {
      add(
        [...entry.path, 'options'],
        'yes_no_options_invalid',
        `yes_no question ${q.code} has options [${options.map((o) => o.code).join(', ')}]; they must be exactly yes and no (or omitted).`,
        `คำถามชนิด yes_no ${q.code} มีตัวเลือก [${options.map((o) => o.code).join(', ')}] ตัวเลือกต้องเป็น yes และ no เท่านั้น (หรือไม่ต้องระบุ)`,
      );
    }
  }
  if (q.type === 'matrix') {
    const rows = q.rows ?? [];
    if (rows.length === 0)
      add(
        [...entry.path, 'rows'],
        'matrix_rows_missing',
        `Matrix question ${q.code} needs at least one row.`,
        `คำถามแบบตาราง (matrix) ${q.code} ต้องมีอย่างน้อยหนึ่งแถว`,
      );
    const seenRows = new Set<string>();
    rows.forEach((row, ri) => {
      if (seenRows.has(row.code)) {
        add(
          [...entry.path, 'rows', ri, 'code'],
          'duplicate_row_code',
          `Matrix question ${q.code} lists row ${row.code} more than once.`,
          `คำถามแบบตาราง (matrix) ${q.code} มีแถว ${row.code} มากกว่าหนึ่งครั้ง`,
        );
      }
      seenRows.add(row.code);
    });
  }
  if (q.type === 'multiple') {
    const exclusive = options.filter((o) => o.exclusive === true);
    if (exclusive.length > 1) {
      add(
        [...entry.path, 'options'],
        'multiple_exclusive_count',
        `Multiple-choice question ${q.code} has ${exclusive.length} exclusive options (${exclusive.map((o) => o.code).join(', ')}); at most one "none of these" option is allowed.`,
        `คำถามเลือกได้หลายข้อ ${q.code} มีตัวเลือกแบบเลือกได้ข้อเดียว (exclusive) ${exclusive.length} ตัว (${exclusive.map((o) => o.code).join(', ')}) ตัวเลือก "ไม่มีข้อใดข้างต้น" มีได้ไม่เกินหนึ่งตัว`,
      );
    }
  }
  if (q.type === 'reason') {
    const others = options.filter((o) => o.other === true);
    if (others.length !== 1) {
      add(
        [...entry.path, 'options'],
        'reason_other_count',
        `Reason question ${q.code} has ${others.length} "other, specify" options; it needs exactly one (other: true) so unlisted reasons can be coded later.`,
        `คำถามเหตุผล ${q.code} มีตัวเลือก "อื่น ๆ (โปรดระบุ)" ${others.length} ตัว ต้องมีหนึ่งตัวพอดี (other: true) เพื่อให้จัดกลุ่มเหตุผลที่ไม่อยู่ในรายการได้ภายหลัง`,
      );
    }
  }
  const spec = q.number;
  if (spec?.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
    add(
      [...entry.path, 'number'],
      'number_range_invalid',
      `Question ${q.code} has number.min ${spec.min} greater than number.max ${spec.max}.`,
      `คำถาม ${q.code} กำหนด number.min ${spec.min} มากกว่า number.max ${spec.max}`,
    );
  }
}

/** Checks one condition tree; returns the codes of the questions it reads. */
function checkCondition(
  condition: Condition,
  path: FrameworkPath,
  owner: QuestionEntry,
  questions: Map<string, QuestionEntry>,
  kind: 'showIf' | 'criterion',
  add: AddIssue,
): Set<string> {
  const refs = new Set<string>();
  for (const { leaf, path: leafPath } of leafConditions(condition, path)) {
    refs.add(leaf.question);
    const where: Where =
      kind === 'showIf'
        ? {
            en: `showIf of question ${owner.question.code}`,
            th: `เงื่อนไขการแสดงผล (showIf) ของคำถาม ${owner.question.code}`,
          }
        : {
            en: `criterion condition of question ${owner.question.code}`,
            th: `เงื่อนไขของเกณฑ์ในคำถาม ${owner.question.code}`,
          };
    const target = questions.get(leaf.question);
    if (target === undefined) {
      add(
        leafPath,
        'condition_unknown_question',
        `The ${where.en} refers to question ${leaf.question}, which does not exist in this framework.`,
        `${where.th} อ้างถึงคำถาม ${leaf.question} ซึ่งไม่มีในกรอบการประเมินนี้`,
      );
      continue;
    }
    if (kind === 'showIf' && target.index >= owner.index) {
      add(
        leafPath,
        'condition_forward_reference',
        `The ${where.en} refers to ${target.index === owner.index ? 'itself' : `${describeQuestion(target)}, which comes later`}; a display condition may only read questions asked before it.`,
        `${where.th} อ้างถึง${target.index === owner.index ? 'คำถามของตัวเอง' : `${describeQuestionTh(target)} ซึ่งอยู่ถัดไป`} เงื่อนไขการแสดงผลอ่านได้เฉพาะคำถามที่ถามก่อนหน้าเท่านั้น`,
      );
    } else if (kind === 'criterion' && target.index > owner.index) {
      add(
        leafPath,
        'condition_forward_reference',
        `The ${where.en} refers to ${describeQuestion(target)}, which comes later; a criterion may only read its own question or earlier ones.`,
        `${where.th} อ้างถึง${describeQuestionTh(target)} ซึ่งอยู่ถัดไป เกณฑ์อ่านได้เฉพาะคำถามของตนเองหรือคำถามที่อยู่ก่อนหน้าเท่านั้น`,
      );
    }
    const missingTracks = owner.question.tracks.filter((t) => !target.question.tracks.includes(t));
    if (missingTracks.length > 0) {
      add(
        leafPath,
        'condition_track_mismatch',
        `The ${where.en} reads question ${target.question.code}, which is not asked in the ${missingTracks.join(', ')} track; the condition could never be evaluated there.`,
        `${where.th} อ่านคำถาม ${target.question.code} ซึ่งไม่ได้ถามในกลุ่มผู้ตอบ ${missingTracks.join(', ')} จึงประเมินเงื่อนไขนี้ในกลุ่มดังกล่าวไม่ได้`,
      );
    }
    checkLeafValue(leaf, leafPath, target.question, where, add);
  }
  return refs;
}

function checkLeafValue(
  leaf: Extract<Condition, { question: string }>,
  path: FrameworkPath,
  target: Question,
  where: Where,
  add: AddIssue,
) {
  const { op, value } = leaf;
  if (op === 'answered') return;
  if (value === undefined) {
    add(
      [...path, 'value'],
      'condition_value_missing',
      `The ${where.en} uses operator ${op} without a value.`,
      `${where.th} ใช้ตัวดำเนินการ ${op} โดยไม่ระบุค่า (value)`,
    );
    return;
  }
  if (target.type === 'matrix') {
    const rowCodes = new Set((target.rows ?? []).map((r) => r.code));
    if (leaf.row === undefined) {
      add(
        [...path, 'row'],
        'condition_row_missing',
        `The ${where.en} reads matrix question ${target.code} without naming a row.`,
        `${where.th} อ่านคำถามแบบตาราง (matrix) ${target.code} โดยไม่ระบุแถว (row)`,
      );
    } else if (!rowCodes.has(leaf.row)) {
      add(
        [...path, 'row'],
        'condition_unknown_row',
        `The ${where.en} reads row ${leaf.row} of matrix question ${target.code}, which has rows [${[...rowCodes].join(', ')}].`,
        `${where.th} อ่านแถว ${leaf.row} ของคำถามแบบตาราง (matrix) ${target.code} ซึ่งมีเฉพาะแถว [${[...rowCodes].join(', ')}]`,
      );
    }
  }
  if (op === 'stage_at_least' && target.type !== 'staged') {
    add(
      [...path, 'op'],
      'condition_op_mismatch',
      `The ${where.en} uses stage_at_least on ${target.code}, a ${target.type} question; it only applies to staged questions.`,
      `${where.th} ใช้ stage_at_least กับ ${target.code} ซึ่งเป็นคำถามชนิด ${target.type} ตัวดำเนินการนี้ใช้ได้กับคำถามชนิด staged เท่านั้น`,
    );
  }
  if (NUMERIC_OPS.has(op)) {
    if (!NUMERIC_TYPES.has(target.type)) {
      add(
        [...path, 'op'],
        'condition_op_mismatch',
        `The ${where.en} compares ${target.code} with ${op}, but it is a ${target.type} question; numeric comparisons need a number or percentage question.`,
        `${where.th} เปรียบเทียบ ${target.code} ด้วย ${op} แต่คำถามนี้เป็นชนิด ${target.type} การเปรียบเทียบเชิงตัวเลขใช้ได้กับคำถามชนิด number หรือ percentage เท่านั้น`,
      );
    } else if (typeof value !== 'number') {
      add(
        [...path, 'value'],
        'condition_invalid_value',
        `The ${where.en} compares ${target.code} with ${op} against a non-number value.`,
        `${where.th} เปรียบเทียบ ${target.code} ด้วย ${op} กับค่าที่ไม่ใช่ตัวเลข`,
      );
    }
    return;
  }
  if (OPTION_VALUE_OPS.has(op) && OPTION_TYPES.has(target.type)) {
    const codes = optionCodesOf(target);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string' || !codes.has(v)) {
        add(
          [...path, 'value'],
          'condition_unknown_option',
          `The ${where.en} tests ${target.code} for option ${JSON.stringify(v)}, which it does not have (options: ${[...codes].join(', ')}).`,
          `${where.th} ตรวจว่า ${target.code} ตอบตัวเลือก ${JSON.stringify(v)} ซึ่งคำถามนี้ไม่มี (ตัวเลือกที่มี: ${[...codes].join(', ')})`,
        );
      }
    }
  }
}

function checkCycles(ordered: QuestionEntry[], dependsOn: Map<string, Set<string>>, add: AddIssue) {
  const state = new Map<string, 'visiting' | 'done'>();
  const byCode = new Map(ordered.map((e) => [e.question.code, e]));
  const reported = new Set<string>();
  const visit = (code: string, stack: string[]) => {
    const s = state.get(code);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(code)), code];
      const start = byCode.get(code);
      const key = [...new Set(cycle)].sort().join(',');
      if (start !== undefined && !reported.has(key)) {
        reported.add(key);
        add(
          [...start.path, 'showIf'],
          'condition_cycle',
          `Display conditions form a cycle: ${cycle.join(' -> ')}; none of these questions could ever be shown.`,
          `เงื่อนไขการแสดงผลอ้างถึงกันเป็นวง: ${cycle.join(' -> ')} คำถามเหล่านี้จะไม่มีทางแสดงได้เลย`,
        );
      }
      return;
    }
    state.set(code, 'visiting');
    for (const next of dependsOn.get(code) ?? []) if (byCode.has(next)) visit(next, [...stack, code]);
    state.set(code, 'done');
  };
  for (const entry of ordered) visit(entry.question.code, []);
}
