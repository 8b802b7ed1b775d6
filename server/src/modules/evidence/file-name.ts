/**
 * File names for evidence. The rule: a stored or served name always ends with the extension of
 * the type the bytes are (detected, never claimed), so no name can end in .exe, .hta, .html or
 * .svg. The name's own last extension is kept when it already says that type; a last extension
 * that says something else is dropped and the detected one put in its place
 * (report.pdf.exe -> report.pdf, update.hta -> update.pdf, scan -> scan.pdf).
 */

/**
 * Invisible and control characters: C0/C1 controls, format characters (bidi embeddings and
 * overrides U+202A-U+202E, isolates U+2066-U+2069, marks U+200E/U+200F/U+061C, zero-width
 * characters, BOM) and line/paragraph separators. U+202E makes "invoice\u202Efdp.exe" display
 * as "invoiceexe.pdf"; without these a name shows what it is.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A trailing ".ext" that names a type (letters, maybe digits); ".2566" in "คำสั่ง 1.2566" is not one. */
const TYPE_EXT = /\.([a-z0-9]*[a-z][a-z0-9]*)$/i;

export const extOf = (name: string): string | undefined => name.match(TYPE_EXT)?.[1]?.toLowerCase();

/** The name as a label: last path segment, no invisible or reserved characters, no leading or trailing dots. */
export function cleanLabel(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[<>:"|?*;]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if (clean.length > 150) {
    const ext = clean.match(/\.[^.]{1,10}$/)?.[0] ?? '';
    clean = clean.slice(0, 150 - ext.length) + ext;
  }
  return clean;
}

/**
 * The name to store and serve for content of the given type (`ext` first, then its aliases):
 * the cleaned label, with its last extension replaced by the type's when it says anything else.
 */
export function nameForType(name: string | null | undefined, exts: readonly string[]): string {
  const primary = exts[0] ?? 'bin';
  let label = cleanLabel(name);
  const last = extOf(label);
  if (last && exts.includes(last)) return label;
  if (last) label = label.slice(0, -(last.length + 1)).replace(/[.\s]+$/, '');
  const before = extOf(label);
  if (label === '') return `evidence.${primary}`;
  return before && exts.includes(before) ? label : `${label}.${primary}`;
}

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name (RFC 8187 filename*). */
export function attachmentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = fileName.replace(INVISIBLE, '');
  const fallback = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
