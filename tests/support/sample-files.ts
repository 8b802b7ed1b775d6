import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** Small but structurally real files of each accepted type, made here rather than shipped. */

/** A PDF (distinct on each call); `extra` goes in its body, as a polyglot would put a payload. */
export const pdf = (extra = '') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${extra}\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`);

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 1x1 RGB PNG; `seed` changes the pixel so each call can be a distinct file. */
export function png(seed = randomBytes(3)): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat([Buffer.from([0]), seed.subarray(0, 3)]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's start (SOI, JFIF APP0) and end; enough for every signature check. */
export const jpeg = () =>
  Buffer.concat([
    Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
    randomBytes(32),
    Buffer.from('ffd9', 'hex'),
  ]);

export const gif = () =>
  Buffer.concat([Buffer.from('GIF89a'), Buffer.from('010001000000002c00000000010001000002024401003b', 'hex')]);

export const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const contentTypes = (overrides: Record<string, string>, defaults: Record<string, string> = {}) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
${Object.entries(defaults)
  .map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`)
  .join('\n')}
${Object.entries(overrides)
  .map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`)
  .join('\n')}
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A minimal Word package as Word lays it out ([Content_Types].xml first). `tweak` adds or
 * changes entries and content types to build the attacks.
 */
export async function docx(
  tweak: {
    mainType?: string;
    overrides?: Record<string, string>;
    defaults?: Record<string, string>;
    files?: Record<string, Buffer | string>;
    documentRels?: string;
  } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    contentTypes({ '/word/document.xml': tweak.mainType ?? WORD_MAIN, ...tweak.overrides }, tweak.defaults),
  );
  zip.file('_rels/.rels', ROOT_RELS);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>แผนปฏิบัติการ ${randomBytes(4).toString('hex')}</w:t></w:r></w:p></w:body></w:document>`,
  );
  if (tweak.documentRels) zip.file('word/_rels/document.xml.rels', tweak.documentRels);
  for (const [name, content] of Object.entries(tweak.files ?? {})) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function xlsx(rows: unknown[][] = [[1, 2, 3]]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** An OpenDocument text: the stored `mimetype` entry first, as the format requires. */
export async function odt(extra: Record<string, string> = {}, manifestExtra = ''): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file(
    'content.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>รายงาน ${randomBytes(4).toString('hex')}</text:p></office:text></office:body></office:document-content>`,
  );
  zip.file(
    'META-INF/manifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>${manifestExtra}</manifest:manifest>`,
  );
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
