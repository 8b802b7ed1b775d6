import { ConditionOpSchema, type Framework } from '../schemas/framework';
import { type FrameworkPath, formatPath, validateFramework } from './framework-validate';
import type { WorkbookRow } from './framework-workbook-export';
import {
  columnLetter,
  SHEET_SPECS,
  WORKBOOK_SHEETS,
  type WorkbookCell,
  type WorkbookSheetName,
} from './framework-workbook-sheets';

export interface WorkbookSheetData {
  /** The key row (row 2), in column order: column letters come from it. */
  columns: string[];
  rows: { row: number; cells: WorkbookRow }[];
}
export type WorkbookData = Partial<Record<WorkbookSheetName, WorkbookSheetData>>;

/** One problem of an imported workbook, named by the cell an analyst opens to fix it. */
export interface WorkbookIssue {
  sheet: string;
  row: number | null;
  /** Spreadsheet column letter, e.g. "C". */
  column: string | null;
  columnKey: string | null;
  code: string;
  /** The framework path the problem is at, when the validator found it. */
  pathText: string;
  message: string;
  messageTh: string;
}

interface Place {
  sheet: WorkbookSheetName;
  row: number | null;
  /** Framework sub-path (relative to the place) → column key. */
  cols: Record<string, string>;
}

type Obj = Record<string, unknown>;

const TRUE_WORDS = new Set(['ใช่', 'yes', 'y', 'true', '1', 'จริง']);
const FALSE_WORDS = new Set(['ไม่ใช่', 'ไม่', 'no', 'n', 'false', '0', 'เท็จ']);

const present = (v: WorkbookCell | undefined): v is string | number | boolean =>
  v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');

function str(v: WorkbookCell | undefined): string | undefined {
  if (!present(v)) return undefined;
  return typeof v === 'string' ? v.trim() : String(v);
}

/** Numbers stay numbers; numeric text becomes a number; anything else is passed on for the validator to name. */
function num(v: WorkbookCell | undefined): unknown {
  if (!present(v)) return undefined;
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function bool(v: WorkbookCell | undefined): unknown {
  if (!present(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return s;
}

const list = (v: WorkbookCell | undefined): string[] | undefined =>
  str(v)
    ?.split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function localized(cells: WorkbookRow, prefix: string, optional: boolean): Obj | undefined {
  const th = str(cells[`${prefix}_th`]);
  const en = str(cells[`${prefix}_en`]);
  if (optional && th === undefined && en === undefined) return undefined;
  return { th: th ?? '', en: en ?? '' };
}

/** A cell holding JSON; text that is not JSON is passed on as text, so the validator names this cell. */
function jsonCell(v: WorkbookCell | undefined): unknown {
  const text = str(v);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Drops undefined members, so an empty cell means "absent" exactly as in the JSON form. */
function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const MATURITY_COLS = {
  pillar: 'pillar',
  level: 'level',
  weight: 'weight',
  required: 'required',
  action: 'action_th',
  'action.th': 'action_th',
  'action.en': 'action_en',
  label: 'criterion_th',
  'label.th': 'criterion_th',
  'label.en': 'criterion_en',
};

function maturity(cells: WorkbookRow): Obj | undefined {
  const keys = ['pillar', 'level', 'weight', 'required', 'action_th', 'action_en'];
  if (!keys.some((k) => present(cells[k]))) return undefined;
  return compact({
    pillar: str(cells.pillar),
    level: num(cells.level),
    weight: num(cells.weight),
    required: bool(cells.required),
    action: localized(cells, 'action', false),
    // Options only: the criterion's own name (criteria rows carry theirs in label_th/label_en).
    label: localized(cells, 'criterion', true),
  });
}

class Reader {
  readonly issues: WorkbookIssue[] = [];
  /** conditions-sheet row → the condition it belongs to, so one fault is not reported again for its whole tree. */
  readonly conditionOwner = new Map<number, string>();
  private readonly places = new Map<string, Place>();

  constructor(private readonly data: WorkbookData) {}

  rows(sheet: WorkbookSheetName) {
    return this.data[sheet]?.rows ?? [];
  }

  place(path: FrameworkPath, sheet: WorkbookSheetName, row: number | null, cols: Record<string, string>) {
    this.places.set(formatPath(path), { sheet, row, cols });
  }

  cellIssue(sheet: WorkbookSheetName, row: number | null, key: string | null, code: string, en: string, th: string) {
    this.issues.push(this.describe({ sheet, row, cols: {} }, key, code, '', en, th));
  }

  describe(place: Place, key: string | null, code: string, pathText: string, en: string, th: string): WorkbookIssue {
    const index = key === null ? -1 : (this.data[place.sheet]?.columns ?? []).indexOf(key);
    const column = index >= 0 ? columnLetter(index) : null;
    const label = key === null ? undefined : SHEET_SPECS[place.sheet].columns.find((c) => c.key === key)?.th;
    const whereTh = [
      `ชีต "${place.sheet}"`,
      place.row === null ? null : `แถว ${place.row}`,
      key === null ? null : `คอลัมน์ ${column ?? '(ไม่มีในชีต)'} (${key}${label ? ` · ${label}` : ''})`,
    ]
      .filter(Boolean)
      .join(' ');
    const whereEn = [
      `sheet "${place.sheet}"`,
      place.row === null ? null : `row ${place.row}`,
      key === null ? null : `column ${column ?? '(missing)'} (${key})`,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      sheet: place.sheet,
      row: place.row,
      column,
      columnKey: key,
      code,
      pathText,
      message: `${whereEn}: ${en}`,
      messageTh: `${whereTh}: ${th}`,
    };
  }

  /** The cell a validator path points at: the longest registered place, then the longest column match. */
  locate(path: FrameworkPath): { place: Place; key: string | null } {
    for (let k = path.length; k >= 0; k--) {
      const place = this.places.get(formatPath(path.slice(0, k)));
      if (!place) continue;
      const rest = path.slice(k);
      for (let j = rest.length; j >= 0; j--) {
        const key = place.cols[formatPath(rest.slice(0, j))];
        if (key !== undefined) return { place, key };
      }
      return { place, key: null };
    }
    return { place: { sheet: 'framework', row: null, cols: {} }, key: null };
  }
}

function readCondition(
  r: Reader,
  nodes: Map<string, { row: number; cells: WorkbookRow }>,
  used: Set<string>,
  node: string,
  path: FrameworkPath,
  ownerRow: { sheet: WorkbookSheetName; row: number },
): unknown {
  const entry = nodes.get(node);
  if (!entry) {
    r.cellIssue(
      ownerRow.sheet,
      ownerRow.row,
      'node',
      'condition_node_missing',
      `condition part ${node} is missing from the conditions sheet`,
      `ไม่พบส่วนของเงื่อนไขลำดับ ${node} ในชีต conditions`,
    );
    return undefined;
  }
  used.add(node);
  const c = entry.cells;
  const logic = str(c.logic)?.toLowerCase();
  r.place(path, 'conditions', entry.row, {
    '': logic ? 'logic' : 'reads',
    all: 'logic',
    any: 'logic',
    not: 'logic',
    question: 'reads',
    op: 'op',
    value: present(c.values) ? 'values' : 'value',
    row: 'row',
  });
  if (logic === 'all' || logic === 'any') {
    const parts: unknown[] = [];
    for (let i = 1; nodes.has(`${node}.${i}`); i++) {
      parts.push(readCondition(r, nodes, used, `${node}.${i}`, [...path, logic, i - 1], ownerRow));
    }
    return { [logic]: parts };
  }
  if (logic === 'not') return { not: readCondition(r, nodes, used, `${node}.1`, [...path, 'not'], ownerRow) };
  if (logic !== undefined) {
    r.cellIssue(
      'conditions',
      entry.row,
      'logic',
      'condition_logic',
      `"${logic}" is not all, any or not (leave it empty for a single comparison)`,
      `"${logic}" ไม่ใช่ all, any หรือ not (เว้นว่างเมื่อเป็นเงื่อนไขย่อยเดียว)`,
    );
    return undefined;
  }
  const op = str(c.op);
  if (op !== undefined && !ConditionOpSchema.safeParse(op).success) {
    // Caught here: an unknown operator fails the whole condition union, which the validator can only place on the row.
    r.cellIssue(
      'conditions',
      entry.row,
      'op',
      'condition_op',
      `"${op}" is not an operator (${ConditionOpSchema.options.join(', ')})`,
      `"${op}" ไม่ใช่ตัวดำเนินการที่รู้จัก (${ConditionOpSchema.options.join(', ')})`,
    );
  }
  const values = list(c.values);
  return compact({
    question: str(c.reads),
    op: str(c.op),
    value: values ?? (typeof c.value === 'number' ? c.value : str(c.value)),
    row: str(c.row),
  });
}

/** Workbook rows back to a framework document (not yet validated), with the place of every part. */
function readWorkbook(data: WorkbookData): { input: Obj; reader: Reader } {
  const r = new Reader(data);
  for (const sheet of WORKBOOK_SHEETS) {
    if (!data[sheet]) {
      r.cellIssue(sheet, null, null, 'sheet_missing', 'the sheet is missing', 'ไม่พบชีตนี้ในไฟล์');
    }
  }
  const fields = new Map<string, { row: number; value: WorkbookCell }>();
  for (const { row, cells } of r.rows('framework')) {
    const name = str(cells.field);
    if (name && !fields.has(name)) fields.set(name, { row, value: cells.value ?? null });
  }
  const field = (name: string, path: FrameworkPath) => {
    const f = fields.get(name);
    r.place(path, 'framework', f?.row ?? null, { '': 'value' });
    return f?.value;
  };
  r.place([], 'framework', null, {});
  const input: Obj = compact({
    code: str(field('code', ['code'])),
    year: num(field('year', ['year'])),
    title: { th: str(field('title_th', ['title', 'th'])) ?? '', en: str(field('title_en', ['title', 'en'])) ?? '' },
    previousCode: str(field('previous_code', ['previousCode'])),
    overall: {
      method: str(field('overall_method', ['overall', 'method'])),
      rationale: {
        th: str(field('overall_rationale_th', ['overall', 'rationale', 'th'])) ?? '',
        en: str(field('overall_rationale_en', ['overall', 'rationale', 'en'])) ?? '',
      },
    },
    minApplicableShare: num(field('min_applicable_share', ['minApplicableShare'])),
    derivedIndicators: jsonCell(field('derived_indicators_json', ['derivedIndicators'])),
  });
  r.place(['title'], 'framework', fields.get('title_th')?.row ?? null, { '': 'value' });

  r.place(['levels'], 'levels', null, {});
  input.levels = r.rows('levels').map(({ row, cells }, i) => {
    r.place(['levels', i], 'levels', row, {
      level: 'level',
      name: 'name_th',
      'name.th': 'name_th',
      'name.en': 'name_en',
      stage: 'stage_th',
      'stage.th': 'stage_th',
      'stage.en': 'stage_en',
    });
    return { level: num(cells.level), name: localized(cells, 'name', false), stage: localized(cells, 'stage', false) };
  });

  const pillars = new Map<string, Obj>();
  const pillarList: Obj[] = [];
  r.place(['pillars'], 'pillars', null, {});
  r.rows('pillars').forEach(({ row, cells }, pi) => {
    const cut = list(cells.cut_points)?.map((s) => num(s));
    const pillar = compact({
      key: str(cells.key),
      number: num(cells.number),
      name: localized(cells, 'name', false),
      description: localized(cells, 'description', true),
      levelNames: [] as unknown[],
      weight: num(cells.weight),
      scoring: compact({
        mode: str(cells.scoring_mode),
        minOptionalShare: num(cells.min_optional_share),
        cutPoints: cut,
      }),
      previousKey: str(cells.previous_key),
      changedFromPrevious: localized(cells, 'changed', true),
      indicators: [] as unknown[],
    });
    r.place(['pillars', pi], 'pillars', row, {
      key: 'key',
      number: 'number',
      name: 'name_th',
      'name.th': 'name_th',
      'name.en': 'name_en',
      'description.th': 'description_th',
      'description.en': 'description_en',
      levelNames: 'key',
      weight: 'weight',
      'scoring.mode': 'scoring_mode',
      'scoring.minOptionalShare': 'min_optional_share',
      'scoring.cutPoints': 'cut_points',
      scoring: 'scoring_mode',
      previousKey: 'previous_key',
      'changedFromPrevious.th': 'changed_th',
      'changedFromPrevious.en': 'changed_en',
      indicators: 'key',
    });
    pillarList.push(pillar);
    if (typeof pillar.key === 'string' && !pillars.has(pillar.key)) pillars.set(pillar.key, pillar);
  });
  input.pillars = pillarList;
  const pathOf = new Map<Obj, FrameworkPath>();
  pillarList.forEach((p, i) => {
    pathOf.set(p, ['pillars', i]);
  });

  const parent = <T extends Obj>(
    map: Map<string, T>,
    sheet: WorkbookSheetName,
    row: number,
    key: string,
    value: WorkbookCell | undefined,
    what: [string, string],
  ): T | undefined => {
    const code = str(value);
    const found = code === undefined ? undefined : map.get(code);
    if (!found) {
      r.cellIssue(
        sheet,
        row,
        key,
        'unknown_parent',
        code === undefined ? `the ${what[1]} code is empty` : `no ${what[1]} "${code}" exists`,
        code === undefined ? `ยังไม่ได้ระบุรหัส${what[0]}` : `ไม่พบ${what[0]}รหัส "${code}"`,
      );
    }
    return found;
  };

  for (const { row, cells } of r.rows('pillar_levels')) {
    const p = parent(pillars, 'pillar_levels', row, 'pillar', cells.pillar, ['ด้าน', 'pillar']);
    if (!p) continue;
    const names = p.levelNames as unknown[];
    r.place([...(pathOf.get(p) ?? []), 'levelNames', names.length], 'pillar_levels', row, {
      '': 'name_th',
      th: 'name_th',
      en: 'name_en',
    });
    names.push(localized(cells, 'name', false));
  }

  const indicators = new Map<string, Obj>();
  for (const { row, cells } of r.rows('indicators')) {
    const p = parent(pillars, 'indicators', row, 'pillar', cells.pillar, ['ด้าน', 'pillar']);
    if (!p) continue;
    const list_ = p.indicators as Obj[];
    const ind: Obj = { code: str(cells.code), name: localized(cells, 'name', false), questions: [] };
    const path = [...(pathOf.get(p) ?? []), 'indicators', list_.length];
    r.place(path, 'indicators', row, {
      code: 'code',
      name: 'name_th',
      'name.th': 'name_th',
      'name.en': 'name_en',
      questions: 'code',
    });
    list_.push(ind);
    pathOf.set(ind, path);
    if (typeof ind.code === 'string' && !indicators.has(ind.code)) indicators.set(ind.code, ind);
  }

  const questions = new Map<string, Obj>();
  for (const { row, cells } of r.rows('questions')) {
    const ind = parent(indicators, 'questions', row, 'indicator', cells.indicator, ['ตัวชี้วัด', 'indicator']);
    if (!ind) continue;
    const numberSpec = ['unit_th', 'unit_en', 'min', 'max', 'integer'].some((k) => present(cells[k]))
      ? compact({
          unit: localized(cells, 'unit', true),
          min: num(cells.min),
          max: num(cells.max),
          integer: bool(cells.integer),
        })
      : undefined;
    const q = compact({
      code: str(cells.code),
      type: str(cells.type),
      text: localized(cells, 'text', false),
      help: localized(cells, 'help', true),
      required: bool(cells.required),
      tracks: list(cells.tracks) ?? [],
      number: numberSpec,
      allowNotApplicable: bool(cells.allow_na),
      evidence: str(cells.evidence),
      topics: list(cells.topics),
    });
    const qs = ind.questions as Obj[];
    const path = [...(pathOf.get(ind) ?? []), 'questions', qs.length];
    r.place(path, 'questions', row, {
      '': 'code',
      code: 'code',
      type: 'type',
      text: 'text_th',
      'text.th': 'text_th',
      'text.en': 'text_en',
      'help.th': 'help_th',
      'help.en': 'help_en',
      required: 'required',
      tracks: 'tracks',
      'number.unit.th': 'unit_th',
      'number.unit.en': 'unit_en',
      'number.min': 'min',
      'number.max': 'max',
      'number.integer': 'integer',
      number: 'type',
      allowNotApplicable: 'allow_na',
      evidence: 'evidence',
      topics: 'topics',
      options: 'type',
      rows: 'type',
      criteria: 'code',
      showIf: 'code',
    });
    qs.push(q);
    pathOf.set(q, path);
    if (typeof q.code === 'string' && !questions.has(q.code)) questions.set(q.code, q);
  }

  const children = (sheet: 'options' | 'matrix_rows' | 'criteria', member: 'options' | 'rows' | 'criteria') => {
    for (const { row, cells } of r.rows(sheet)) {
      const q = parent(questions, sheet, row, 'question', cells.question, ['คำถาม', 'question']);
      if (!q) continue;
      const items = (q[member] as Obj[] | undefined) ?? [];
      q[member] = items;
      const path = [...(pathOf.get(q) ?? []), member, items.length];
      const cols: Record<string, string> = {
        '': 'code',
        code: 'code',
        label: 'label_th',
        'label.th': 'label_th',
        'label.en': 'label_en',
      };
      let item: Obj;
      if (sheet === 'options') {
        item = compact({
          code: str(cells.code),
          label: localized(cells, 'label', false),
          exclusive: bool(cells.exclusive),
          other: bool(cells.other),
          maturity: maturity(cells),
        });
        Object.assign(cols, { exclusive: 'exclusive', other: 'other', maturity: 'pillar' });
        for (const [k, v] of Object.entries(MATURITY_COLS)) cols[`maturity.${k}`] = v;
      } else if (sheet === 'criteria') {
        item = compact({ code: str(cells.code), label: localized(cells, 'label', false), ...maturity(cells) });
        Object.assign(cols, MATURITY_COLS, { when: 'code' });
      } else {
        item = { code: str(cells.code), label: localized(cells, 'label', false) };
      }
      r.place(path, sheet, row, cols);
      items.push(item);
      pathOf.set(item, path);
    }
  };
  children('options', 'options');
  children('matrix_rows', 'rows');
  children('criteria', 'criteria');

  // Conditions: grouped by owner (a question's display condition, or one of its criteria).
  const groups = new Map<string, Map<string, { row: number; cells: WorkbookRow }>>();
  for (const entry of r.rows('conditions')) {
    const q = parent(questions, 'conditions', entry.row, 'question', entry.cells.question, ['คำถาม', 'question']);
    if (!q) continue;
    const owner = `${str(entry.cells.question)}\u0000${str(entry.cells.criterion) ?? ''}`;
    const nodes = groups.get(owner) ?? new Map();
    groups.set(owner, nodes);
    const node = str(entry.cells.node) ?? '';
    if (!/^1(\.[1-9][0-9]*)*$/.test(node) || nodes.has(node)) {
      r.cellIssue(
        'conditions',
        entry.row,
        'node',
        'condition_node',
        nodes.has(node)
          ? `node ${node} appears twice for this owner`
          : `"${node}" is not a node number like 1, 1.2, 1.2.1`,
        nodes.has(node) ? `ลำดับ ${node} ซ้ำในเงื่อนไขเดียวกัน` : `"${node}" ไม่ใช่ลำดับในเงื่อนไข (ต้องเป็นแบบ 1, 1.2, 1.2.1)`,
      );
      continue;
    }
    nodes.set(node, entry);
    r.conditionOwner.set(entry.row, owner);
  }
  for (const [owner, nodes] of groups) {
    const [qCode, critCode] = owner.split('\u0000') as [string, string];
    const q = questions.get(qCode) as Obj;
    const used = new Set<string>();
    const first = [...nodes.values()][0] as { row: number };
    let path: FrameworkPath;
    let target: { obj: Obj; key: string } | undefined;
    if (critCode === '') {
      path = [...(pathOf.get(q) ?? []), 'showIf'];
      target = { obj: q, key: 'showIf' };
    } else {
      const crit = ((q.criteria as Obj[] | undefined) ?? []).find((c) => c.code === critCode);
      if (!crit) {
        r.cellIssue(
          'conditions',
          first.row,
          'criterion',
          'unknown_parent',
          `question ${qCode} has no criterion "${critCode}"`,
          `คำถาม ${qCode} ไม่มีเกณฑ์รหัส "${critCode}" ในชีต criteria`,
        );
        continue;
      }
      path = [...(pathOf.get(crit) ?? []), 'when'];
      target = { obj: crit, key: 'when' };
    }
    target.obj[target.key] = readCondition(r, nodes, used, '1', path, { sheet: 'conditions', row: first.row });
    for (const [node, entry] of nodes) {
      if (!used.has(node)) {
        r.cellIssue(
          'conditions',
          entry.row,
          'node',
          'condition_node_unused',
          `node ${node} hangs under no all/any/not part`,
          `ลำดับ ${node} ไม่ได้อยู่ใต้ส่วน all/any/not ใด`,
        );
      }
    }
  }
  return { input, reader: r };
}

export type WorkbookValidation = { ok: true; framework: Framework } | { ok: false; issues: WorkbookIssue[] };

/**
 * A workbook's rows to a validated framework, or every problem named by sheet, row and column.
 * The framework validator's problems are placed on the cell that holds the value at fault.
 */
export function workbookToFramework(data: WorkbookData, opts: { previous?: Framework } = {}): WorkbookValidation {
  const { input, reader } = readWorkbook(data);
  const result = validateFramework(input, opts);
  if (result.ok && reader.issues.length === 0) return { ok: true, framework: result.framework };
  const issues = [...reader.issues];
  const seen = new Set(issues.map((i) => `${i.sheet}|${i.row}|${i.columnKey}`));
  const seenRows = new Set(issues.map((i) => `${i.sheet}|${i.row}`));
  const faultedConditions = new Set(
    issues.filter((i) => i.sheet === 'conditions' && i.row !== null).map((i) => reader.conditionOwner.get(i.row ?? 0)),
  );
  for (const vi of result.ok ? [] : result.issues) {
    const { place, key } = reader.locate(vi.path);
    const wi = reader.describe(place, key, vi.code, vi.pathText, vi.message, vi.messageTh);
    const k = `${wi.sheet}|${wi.row}|${wi.columnKey}`;
    if (seen.has(k) && wi.row !== null) continue;
    // A row the reader already faulted: the validator's schema complaint about it is the same problem again.
    if (vi.code === 'schema' && wi.row !== null && seenRows.has(`${wi.sheet}|${wi.row}`)) continue;
    if (
      vi.code === 'schema' &&
      wi.sheet === 'conditions' &&
      faultedConditions.has(reader.conditionOwner.get(wi.row ?? 0))
    ) {
      continue;
    }
    seen.add(k);
    issues.push(wi);
  }
  return { ok: false, issues };
}
