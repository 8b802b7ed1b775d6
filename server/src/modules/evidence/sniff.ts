/**
 * Evidence types are decided by the bytes, never by the name or the browser's claim: an HTML
 * page named report.pdf must not be stored or served as anything a browser would render.
 */
export interface SniffedType {
  mime: string;
  ext: string;
}

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const ascii = (buf: Buffer, s: string, offset = 0) => startsWith(buf, [...Buffer.from(s, 'latin1')], offset);

const OOXML: Record<string, SniffedType> = {
  'word/': { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  'xl/': { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  'ppt/': { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' },
};

const OLE: Record<string, SniffedType> = {
  doc: { mime: 'application/msword', ext: 'doc' },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls' },
  ppt: { mime: 'application/vnd.ms-powerpoint', ext: 'ppt' },
};

/** Names of the entries in a zip's central directory (OOXML packages are zips). */
function zipEntryNames(buf: Buffer): string[] {
  // End of central directory: signature PK\x05\x06, searched from the end (comment up to 64 KiB).
  const min = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count && p + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) break;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style|a\s|img|form)/i;

function looksLikeText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  const sample = buf.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      // A multi-byte character cut at the sample end is not an encoding error.
      sample.length < buf.length ? sample.subarray(0, sample.length - 4) : sample,
    );
  } catch {
    return false;
  }
  // Control characters other than tab, newline, carriage return and form feed mean binary.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: deliberately matching control characters
  if (/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text);
}

/**
 * The type of an upload by its content, or null when it is not an accepted evidence type.
 * `fileName` only disambiguates formats whose bytes do not say (legacy Office, text vs CSV).
 */
export function sniffEvidenceType(buf: Buffer, fileName: string): SniffedType | null {
  const ext = (fileName.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? '') as string;
  if (ascii(buf, '%PDF-')) return { mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (ascii(buf, 'GIF87a') || ascii(buf, 'GIF89a')) return { mime: 'image/gif', ext: 'gif' };
  if (ascii(buf, 'RIFF') && ascii(buf, 'WEBP', 8)) return { mime: 'image/webp', ext: 'webp' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (!names.includes('[Content_Types].xml')) return null;
    for (const [prefix, type] of Object.entries(OOXML)) {
      if (names.some((n) => n.startsWith(prefix))) return type;
    }
    return null;
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE[ext] ?? null;
  if ((ext === 'txt' || ext === 'csv') && looksLikeText(buf)) {
    return ext === 'csv' ? { mime: 'text/csv', ext: 'csv' } : { mime: 'text/plain', ext: 'txt' };
  }
  return null;
}

/**
 * A file name safe to store and to echo in Content-Disposition: no directories, no control
 * or reserved characters, no leading dots, bounded length. Thai and other letters are kept.
 */
export function sanitizeFileName(name: string | undefined, fallbackExt: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters
    .replace(/[\u0000-\u001f\u007f<>:"|?*;]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if (clean.length > 150) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 150 - ext.length) + ext;
  }
  if (clean === '' || clean === '..') clean = `evidence.${fallbackExt}`;
  return clean;
}

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
