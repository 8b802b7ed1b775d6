import type { Condition, Framework, MaturityRef } from '../schemas/framework';
import { NO_TH, WORKBOOK_SHEETS, type WorkbookCell, type WorkbookSheetName, YES_TH } from './framework-workbook-sheets';

export type WorkbookRow = Record<string, WorkbookCell>;
export type WorkbookRows = Record<WorkbookSheetName, WorkbookRow[]>;

const yesNo = (v: boolean | undefined): WorkbookCell => (v === undefined ? null : v ? YES_TH : NO_TH);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function maturityCells(m: MaturityRef | undefined): WorkbookRow {
  return {
    pillar: orNull(m?.pillar),
    level: orNull(m?.level),
    weight: orNull(m?.weight),
    required: m ? yesNo(m.required) : null,
    action_th: orNull(m?.action.th),
    action_en: orNull(m?.action.en),
  };
}

/** A condition tree as rows: node "1" is the root, "1.2" its second part, and so on. */
function conditionRows(question: string, criterion: string | null, c: Condition, node: string, out: WorkbookRow[]) {
  const base = { question, criterion, node };
  if ('all' in c || 'any' in c) {
    out.push({ ...base, logic: 'all' in c ? 'all' : 'any' });
    ('all' in c ? c.all : c.any).forEach((part, i) => {
      conditionRows(question, criterion, part, `${node}.${i + 1}`, out);
    });
  } else if ('not' in c) {
    out.push({ ...base, logic: 'not' });
    conditionRows(question, criterion, c.not, `${node}.1`, out);
  } else {
    out.push({
      ...base,
      logic: null,
      reads: c.question,
      row: orNull(c.row),
      op: c.op,
      value: Array.isArray(c.value) ? null : orNull(c.value),
      values: Array.isArray(c.value) ? c.value.join(', ') : null,
    });
  }
}

/**
 * A validated framework as workbook rows, sheet by sheet. Reading these rows back
 * (workbookToFramework) gives the same document, hence the same content hash: optional members
 * are written only when present, so absent stays absent.
 */
export function frameworkToWorkbook(f: Framework): WorkbookRows {
  const rows = Object.fromEntries(WORKBOOK_SHEETS.map((s) => [s, [] as WorkbookRow[]])) as WorkbookRows;
  const field = (name: string, value: WorkbookCell) => rows.framework.push({ field: name, value });
  field('code', f.code);
  field('year', f.year);
  field('title_th', f.title.th);
  field('title_en', f.title.en);
  field('previous_code', orNull(f.previousCode));
  field('overall_method', f.overall.method);
  field('overall_rationale_th', f.overall.rationale.th);
  field('overall_rationale_en', f.overall.rationale.en);
  field('min_applicable_share', f.minApplicableShare);
  // Derived indicators are rules over several answers; kept whole as JSON in one cell (edited in the JSON form).
  if (f.derivedIndicators) field('derived_indicators_json', JSON.stringify(f.derivedIndicators));

  for (const l of f.levels) {
    rows.levels.push({
      level: l.level,
      name_th: l.name.th,
      name_en: l.name.en,
      stage_th: l.stage.th,
      stage_en: l.stage.en,
    });
  }
  for (const p of f.pillars) {
    rows.pillars.push({
      key: p.key,
      number: p.number,
      name_th: p.name.th,
      name_en: p.name.en,
      description_th: orNull(p.description?.th),
      description_en: orNull(p.description?.en),
      weight: p.weight,
      scoring_mode: p.scoring.mode,
      min_optional_share: p.scoring.minOptionalShare,
      cut_points: p.scoring.cutPoints ? p.scoring.cutPoints.join('; ') : null,
      previous_key: orNull(p.previousKey),
      changed_th: orNull(p.changedFromPrevious?.th),
      changed_en: orNull(p.changedFromPrevious?.en),
    });
    p.levelNames.forEach((n, i) => {
      rows.pillar_levels.push({ pillar: p.key, level: i + 1, name_th: n.th, name_en: n.en });
    });
    for (const ind of p.indicators) {
      rows.indicators.push({ pillar: p.key, code: ind.code, name_th: ind.name.th, name_en: ind.name.en });
      for (const q of ind.questions) {
        rows.questions.push({
          indicator: ind.code,
          code: q.code,
          type: q.type,
          text_th: q.text.th,
          text_en: q.text.en,
          help_th: orNull(q.help?.th),
          help_en: orNull(q.help?.en),
          required: yesNo(q.required),
          tracks: q.tracks.join(', '),
          allow_na: yesNo(q.allowNotApplicable),
          evidence: q.evidence,
          unit_th: orNull(q.number?.unit?.th),
          unit_en: orNull(q.number?.unit?.en),
          min: orNull(q.number?.min),
          max: orNull(q.number?.max),
          integer: q.number ? yesNo(q.number.integer) : null,
          topics: q.topics ? q.topics.join(', ') : null,
        });
        for (const o of q.options ?? []) {
          rows.options.push({
            question: q.code,
            code: o.code,
            label_th: o.label.th,
            label_en: o.label.en,
            exclusive: yesNo(o.exclusive),
            other: yesNo(o.other),
            ...maturityCells(o.maturity),
            criterion_th: orNull(o.maturity?.label?.th),
            criterion_en: orNull(o.maturity?.label?.en),
          });
        }
        for (const r of q.rows ?? []) {
          rows.matrix_rows.push({ question: q.code, code: r.code, label_th: r.label.th, label_en: r.label.en });
        }
        if (q.showIf) conditionRows(q.code, null, q.showIf, '1', rows.conditions);
        for (const c of q.criteria ?? []) {
          rows.criteria.push({
            question: q.code,
            code: c.code,
            label_th: c.label.th,
            label_en: c.label.en,
            ...maturityCells(c),
          });
          conditionRows(q.code, c.code, c.when, '1', rows.conditions);
        }
      }
    }
  }
  return rows;
}
