import { DomainError } from '@dg/shared/domain/errors';
import { fileTypeFromBuffer } from 'file-type';
import { cleanLabel, extOf, nameForType } from './file-name';
import { compatible, type FileKind, kindByExt, kindByMime, TEXT_KINDS } from './file-types';
import { inspectPackage, PackageRefused } from './zip-inspect';

/**
 * Evidence types are decided by the bytes, never by the name or the browser's claim. file-type
 * (a maintained signature library) names binary formats; our own checks take over where it stops:
 * inside OOXML/ODF packages (zip-inspect.ts) and for text, which has no signature.
 */

/** Why an upload is refused; the client words each reason in Thai and English. */
export type RefusalReason = 'not-allowed' | 'mismatch' | 'markup' | 'encoding' | 'empty' | PackageRefused['reason'];

const refuse = (reason: RefusalReason, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError('UNSUPPORTED_MEDIA_TYPE', message, { reason, ...extra });

export const ACCEPTED_TEXT =
  'Upload PDF, an image (PNG, JPEG, WebP, GIF), a Word, Excel or PowerPoint document (DOCX, XLSX, PPTX), an OpenDocument file (ODT, ODS, ODP), or UTF-8 text (TXT, CSV).';

/**
 * Text a browser could take for a page: any tag-like `<` (a letter, `/`, `!` or `?` after it
 * covers every HTML/SVG/XML element, comment, doctype and processing instruction) and script URLs.
 * An allow list by construction: plain prose and data never need them; `a < b` and `<5` still pass.
 */
const MARKUP = /<[\p{L}/!?]|\b(?:java|vb|live)script\s*:|\bdata\s*:\s*text\/html/iu;
// Controls other than tab, newline, carriage return and form feed mean binary, not text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: deliberately matching control characters
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

type TextCheck = { ok: true } | { ok: false; reason: 'encoding' | 'markup'; message: string };

export function checkText(buf: Buffer, { markup = true } = {}): TextCheck {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { ok: false, reason: 'encoding', message: 'The text is not valid UTF-8' };
  }
  if (CONTROL.test(text)) return { ok: false, reason: 'encoding', message: 'The text contains NUL or control bytes' };
  const m = markup ? text.match(MARKUP) : null;
  if (m) {
    return {
      ok: false,
      reason: 'markup',
      message: `The text contains markup a browser could run (${JSON.stringify(m[0])}); plain text and CSV may not contain tags or script links`,
    };
  }
  return { ok: true };
}

/** The allowed kind the bytes are, or a refusal naming what they are. */
export async function detectKind(buf: Buffer, opts: { markup?: boolean } = {}): Promise<FileKind> {
  if (buf.length === 0) throw refuse('empty', 'The file is empty');
  const found = await fileTypeFromBuffer(buf);
  const kind = kindByMime(found?.mime);
  if (kind && kind.family !== 'text') {
    if (kind.family === 'ooxml' || kind.family === 'odf') {
      try {
        await inspectPackage(buf);
      } catch (err) {
        if (err instanceof PackageRefused)
          throw refuse(err.reason, `${kind.label} refused: ${err.message}`, { detected: kind.label });
        throw err;
      }
    }
    return kind;
  }
  // No signature (or a weak one such as "BM" at the start of a CSV): it is text or it is refused.
  const text = checkText(buf, opts);
  if (text.ok) return TEXT_KINDS.txt;
  if (found && text.reason === 'encoding') {
    throw refuse(
      'not-allowed',
      `The file's content is ${found.ext.toUpperCase()} (${found.mime}), which is not accepted. ${ACCEPTED_TEXT}`,
      {
        detected: found.ext.toUpperCase(),
      },
    );
  }
  if (text.reason === 'markup') throw refuse('markup', text.message);
  throw refuse('not-allowed', `This file type is not accepted as evidence. ${ACCEPTED_TEXT}`);
}

export interface Decided {
  kind: FileKind;
  /** The name to store and serve: ends with the detected type's extension. */
  fileName: string;
  /** The name as given, without invisible characters: the label kept in the audit record. */
  originalName: string;
}

/**
 * Checks the claims (the name's extension and the part's Content-Type) against the bytes.
 * A claim of another allowed type is a mismatch (415, saying what the content is); a claim of a
 * type outside the allow list (.exe, .hta, .html, .svg, text/html...) or none is not believed:
 * the file keeps its detected type and its name gets that type's extension.
 */
export async function decideUpload(
  buf: Buffer,
  claimed: { fileName: string | undefined; mime: string | undefined },
  opts: { markup?: boolean } = {},
): Promise<Decided> {
  const detected = await detectKind(buf, opts);
  const originalName = cleanLabel(claimed.fileName);
  const ext = extOf(originalName);
  const byExt = kindByExt(ext);
  const byMime = kindByMime(claimed.mime);
  if (byExt && !compatible(byExt, detected)) {
    throw refuse('mismatch', `The file's content is ${detected.label}, but its name says .${ext}`, {
      detected: detected.label,
      claimed: `.${ext}`,
    });
  }
  if (byMime && !compatible(byMime, detected)) {
    throw refuse('mismatch', `The file's content is ${detected.label}, but it was sent as ${byMime.mime}`, {
      detected: detected.label,
      claimed: byMime.mime,
    });
  }
  // Text is CSV when the user says so (by name, else by type); otherwise plain text.
  const kind = detected.family === 'text' ? (byExt ?? byMime ?? detected) : detected;
  return { kind, fileName: nameForType(claimed.fileName, [kind.ext, ...kind.aliases]), originalName };
}
