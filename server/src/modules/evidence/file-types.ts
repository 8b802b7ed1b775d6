import { nameForType } from './file-name';

/**
 * The allow list of uploadable types. A file is one of these by its bytes or it is refused; the
 * name and the browser's Content-Type are only claims, checked against what the bytes are.
 */
export type Family = 'pdf' | 'image' | 'ooxml' | 'odf' | 'text';

export interface FileKind {
  /** The extension a stored or served name ends with. */
  ext: string;
  mime: string;
  /** Other extensions meaning the same type (a name ending in one of them is not a mismatch). */
  aliases: readonly string[];
  /** Other Content-Types browsers send for it. */
  mimeAliases: readonly string[];
  family: Family;
  /** For messages: "The file's content is <label>". */
  label: string;
}

const kind = (
  ext: string,
  mime: string,
  family: Family,
  label: string,
  aliases: string[] = [],
  mimeAliases: string[] = [],
): FileKind => ({ ext, mime, family, label, aliases, mimeAliases });

export const KINDS: readonly FileKind[] = [
  kind('pdf', 'application/pdf', 'pdf', 'PDF'),
  kind('png', 'image/png', 'image', 'PNG image'),
  kind('jpg', 'image/jpeg', 'image', 'JPEG image', ['jpeg', 'jpe', 'jfif'], ['image/jpg', 'image/pjpeg']),
  kind('webp', 'image/webp', 'image', 'WebP image'),
  kind('gif', 'image/gif', 'image', 'GIF image'),
  kind('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'ooxml', 'Word (DOCX)'),
  kind('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'ooxml', 'Excel (XLSX)'),
  kind(
    'pptx',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'ooxml',
    'PowerPoint (PPTX)',
  ),
  kind('odt', 'application/vnd.oasis.opendocument.text', 'odf', 'OpenDocument text (ODT)'),
  kind('ods', 'application/vnd.oasis.opendocument.spreadsheet', 'odf', 'OpenDocument spreadsheet (ODS)'),
  kind('odp', 'application/vnd.oasis.opendocument.presentation', 'odf', 'OpenDocument presentation (ODP)'),
  kind('csv', 'text/csv', 'text', 'CSV text', [], ['application/csv', 'text/x-csv', 'text/comma-separated-values']),
  kind('txt', 'text/plain', 'text', 'plain text', ['text']),
];

export const TEXT_KINDS = {
  csv: KINDS.find((k) => k.ext === 'csv') as FileKind,
  txt: KINDS.find((k) => k.ext === 'txt') as FileKind,
};

export const kindByMime = (mime: string | null | undefined): FileKind | undefined => {
  const m = (mime ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return KINDS.find((k) => k.mime === m || k.mimeAliases.includes(m));
};

export const kindByExt = (ext: string | null | undefined): FileKind | undefined => {
  const e = (ext ?? '').toLowerCase();
  return e ? KINDS.find((k) => k.ext === e || k.aliases.includes(e)) : undefined;
};

/** Two kinds a user may legitimately swap: any text is as much CSV as TXT. */
export const compatible = (a: FileKind, b: FileKind) => a === b || (a.family === 'text' && b.family === 'text');

/**
 * Types stored before the allow list (legacy Word/Excel/PowerPoint binaries): still served, as an
 * attachment with their own extension, never accepted again.
 */
const LEGACY: Record<string, string> = {
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
};

/** What a stored row is served as: its allowed type, a legacy type, or opaque bytes. */
export function servedType(mime: string | null | undefined): { mime: string; ext: string; exts: string[] } {
  const k = kindByMime(mime);
  if (k) {
    const charset = k.family === 'text' ? '; charset=utf-8' : '';
    return { mime: `${k.mime}${charset}`, ext: k.ext, exts: [k.ext, ...k.aliases] };
  }
  const legacy = LEGACY[(mime ?? '').toLowerCase()];
  if (legacy) return { mime: (mime ?? '').toLowerCase(), ext: legacy, exts: [legacy] };
  return { mime: 'application/octet-stream', ext: 'bin', exts: ['bin'] };
}

/** The name a stored file is shown and served under (for rows of any age): it ends with its type's extension. */
export function servedFileName(row: { file_name: string | null; mime: string | null }): string {
  return nameForType(row.file_name, servedType(row.mime).exts);
}
