import { DomainError } from '@dg/shared/domain/errors';
import type { FastifyRequest } from 'fastify';

/** Limits for a form with exactly one file (register @fastify/multipart with these). */
export const singleFileLimits = (maxBytes: number) => ({
  fileSize: maxBytes,
  // busboy stops at the second file part; readSingleFile turns that into a 400.
  files: 1,
  fields: 5,
  fieldSize: 1000,
  parts: 6,
});

export interface UploadedFile {
  name: string | undefined;
  /** The part's Content-Type: a claim, checked against the bytes. */
  mime: string | undefined;
  content: Buffer;
}

/**
 * Reads a multipart form holding exactly one file part and a few text fields. Too big is 413;
 * a second file, too many parts, or none is 400 (a malformed request, not a large one).
 */
export async function readSingleFile(
  req: FastifyRequest,
  maxMb: number,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (file) throw oneFile();
        file = { name: part.filename, mime: part.mimetype, content: await part.toBuffer() };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value.trim();
      }
    }
  } catch (err) {
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_FILES_LIMIT') throw oneFile();
    if (e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT') {
      throw new DomainError('VALIDATION_FAILED', 'The form has too many parts: send the file and its fields only', [
        { path: 'body', message: 'Too many parts' },
      ]);
    }
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than the ${maxMb} MB limit`, {
        maxBytes: maxMb * 1024 * 1024,
      });
    }
    throw err;
  }
  if (!file) {
    throw new DomainError('VALIDATION_FAILED', 'No file was sent', [{ path: 'body.file', message: 'Required' }]);
  }
  return { file, fields };
}

const oneFile = () =>
  new DomainError('VALIDATION_FAILED', 'Send exactly one file per request', [
    { path: 'body.file', message: 'Only one file part is allowed' },
  ]);
