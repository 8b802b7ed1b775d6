/**
 * Spreadsheet formula injection (CSV/XLSX "formula injection"): a cell whose text a spreadsheet
 * reads as a formula runs when an analyst opens the export. Spreadsheets skip leading blanks and
 * control characters before looking for = + - @ (" =cmd", "\n=1+1", "\t@SUM" all run), and some
 * read the full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣) and the minus sign (−) as the ASCII ones.
 * Such text is prefixed with an apostrophe, the spreadsheet's own "this is text" mark, so it is
 * shown, never run. Every CSV and XLSX the platform writes goes through neutralizeCell.
 */

// Blanks (incl. no-break, ideographic and zero-width spaces, BOM) and C0/C1 control characters.
const LEADING_IGNORED =
  '[\\s\\u0000-\\u001f\\u007f-\\u009f\\u00a0\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u206f\\u3000\\ufeff]';
const TRIGGER = '[=+\\-@\\uff1d\\uff0b\\uff0d\\uff20\\ufe66\\ufe62\\ufe63\\u2212]';
const FORMULA_LIKE = new RegExp(`^${LEADING_IGNORED}*${TRIGGER}`);
// A leading tab, CR or LF is itself refused by the OWASP guidance, whatever follows.
const CONTROL_START = /^[\t\r\n]/;

function needsPrefix(v: string): boolean {
  if (FORMULA_LIKE.test(v) || CONTROL_START.test(v)) return true;
  // Text that already starts with the mark before a formula keeps its own mark on import (see below).
  return v.startsWith("'") && needsPrefix(v.slice(1));
}

/** The text as a spreadsheet cell that cannot run: apostrophe-prefixed when it would. */
export function neutralizeCell(v: string): string {
  return needsPrefix(v) ? `'${v}` : v;
}

/** Any cell value: strings neutralized, numbers, booleans, dates and null unchanged. */
export function neutralizeValue<T>(v: T): T {
  return (typeof v === 'string' ? neutralizeCell(v) : v) as T;
}

/** The inverse, for files the platform exported and takes back (imports): exactly the added mark goes. */
export function unneutralizeCell(v: string): string {
  return v.startsWith("'") && needsPrefix(v.slice(1)) ? v.slice(1) : v;
}
