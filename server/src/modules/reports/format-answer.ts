import type { Question } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';

const YES: LocalizedText = { th: 'ใช่', en: 'Yes' };
const NO: LocalizedText = { th: 'ไม่ใช่', en: 'No' };

export function optionLabel(q: Question, code: string): LocalizedText {
  if (q.type === 'yes_no' && !q.options?.length)
    return code === 'yes' ? YES : code === 'no' ? NO : { th: code, en: code };
  const o = q.options?.find((x) => x.code === code);
  return o ? o.label : code === 'yes' ? YES : code === 'no' ? NO : { th: code, en: code };
}

/** A stored answer as readable text in both languages (option labels, lists, numbers). */
export function formatAnswer(q: Question | undefined, value: unknown, notApplicable?: unknown): LocalizedText {
  if (notApplicable) return { th: 'ไม่เกี่ยวข้องกับหน่วยงาน', en: 'Not applicable' };
  if (value === null || value === undefined) return { th: '—', en: '—' };
  const join = (parts: LocalizedText[]) => ({
    th: parts.map((p) => p.th).join(', '),
    en: parts.map((p) => p.en).join(', '),
  });
  if (typeof value === 'string') {
    return q && (q.options?.length || q.type === 'yes_no') ? optionLabel(q, value) : { th: value, en: value };
  }
  if (typeof value === 'number') return { th: String(value), en: String(value) };
  if (Array.isArray(value))
    return join(value.map((v) => (q ? optionLabel(q, String(v)) : { th: String(v), en: String(v) })));
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.choice === 'string') {
      const base = q ? optionLabel(q, v.choice) : { th: v.choice, en: v.choice };
      return typeof v.other === 'string' && v.other
        ? { th: `${base.th}: ${v.other}`, en: `${base.en}: ${v.other}` }
        : base;
    }
    const rows = Object.entries(v).map(([row, opt]) => {
      const rl = q?.rows?.find((r) => r.code === row)?.label ?? { th: row, en: row };
      const ol = q ? optionLabel(q, String(opt)) : { th: String(opt), en: String(opt) };
      return { th: `${rl.th}: ${ol.th}`, en: `${rl.en}: ${ol.en}` };
    });
    return { th: rows.map((r) => r.th).join('; '), en: rows.map((r) => r.en).join('; ') };
  }
  return { th: String(value), en: String(value) };
}
