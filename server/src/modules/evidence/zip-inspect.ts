import yauzl from 'yauzl';

/**
 * OOXML (docx/xlsx/pptx) and ODF (odt/ods/odp) documents are ZIP packages: what makes one harmful
 * is inside. Every entry is listed from the central directory and inflated with a cap (its
 * declared size, and a total for the package), so a zip bomb costs at most the caps, never memory
 * or time without bound. Refused: macros, embedded executables and OLE objects, parts the package
 * does not declare, macro-enabled main types, overlapping or hidden entries, and sizes or
 * compression ratios no real document has.
 */
export class PackageRefused extends Error {
  constructor(
    readonly reason: 'zip-bomb' | 'macro' | 'embedded' | 'undeclared-part' | 'malformed' | 'external-link',
    message: string,
  ) {
    super(message);
  }
}

export const ZIP_LIMITS = {
  /** All entries expanded together. */
  totalBytes: 256 * 1024 * 1024,
  /** Entries in one package. */
  entries: 10_000,
  /** Expanded/compressed, for entries over ratioFloorBytes expanded (small ones compress wildly and harmlessly). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** XML parts read for inspection ([Content_Types].xml, .rels, manifest.xml). */
  xmlBytes: 4 * 1024 * 1024,
  /** Nested packages (a chart's workbook inside a document) are inspected this deep. */
  depth: 2,
};

interface Entry {
  name: string;
  compressed: number;
  size: number;
  data: Buffer | null;
}

const EXECUTABLE =
  /\.(exe|dll|com|scr|pif|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|msi|msp|jar|lnk|cpl|reg|sh|app|dmg|iso|inf|application|gadget|msc|ocx|sys|drv|chm|html?|svg|xht|xhtml|swf)$/i;
const MACRO_TYPES = /macroenabled|vbaproject|vbadata|activex|oleobject|vnd\.ms-office\.vba|x-msdownload|executable/i;

const refuse = (reason: PackageRefused['reason'], message: string) => new PackageRefused(reason, message);

function openZip(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true },
      (err, zip) =>
        err || !zip ? reject(refuse('malformed', `The package is not a readable ZIP (${err?.message})`)) : resolve(zip),
    );
  });
}

/**
 * Lists every entry and checks sizes, ratios and layout from the directory alone, then inflates
 * each entry with caps, keeping the bytes of the parts parsed here and of nested packages.
 */
async function readEntries(buf: Buffer, keep: (name: string) => boolean): Promise<Entry[]> {
  const zip = await openZip(buf);
  try {
    if (zip.entryCount > ZIP_LIMITS.entries) throw refuse('zip-bomb', `The package has ${zip.entryCount} entries`);
    const listed = await listEntries(zip);
    checkLayout(buf, listed);
    const entries: Entry[] = [];
    for (const e of listed) {
      const data = e.fileName.endsWith('/') ? null : await inflate(zip, e, e.uncompressedSize, keep(e.fileName));
      entries.push({ name: e.fileName, compressed: e.compressedSize, size: e.uncompressedSize, data });
    }
    return entries;
  } finally {
    zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const listed: yauzl.Entry[] = [];
    zip.on('error', (e: Error) => reject(refuse('malformed', e.message)));
    zip.on('end', () => resolve(listed));
    zip.on('entry', (e: yauzl.Entry) => {
      listed.push(e);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Before anything is inflated: declared sizes and ratios, and where each entry lies in the file. */
function checkLayout(buf: Buffer, listed: yauzl.Entry[]): void {
  const spans: { start: number; end: number }[] = [];
  let total = 0;
  for (const e of listed) {
    const name = e.fileName;
    if (e.isEncrypted()) throw refuse('malformed', `The entry ${name} is encrypted and cannot be checked`);
    const size = e.uncompressedSize;
    const compressed = e.compressedSize;
    total += size;
    if (total > ZIP_LIMITS.totalBytes) throw refuse('zip-bomb', 'The package expands to more than 256 MB');
    if (size > ZIP_LIMITS.ratioFloorBytes && size / Math.max(1, compressed) > ZIP_LIMITS.maxRatio) {
      throw refuse('zip-bomb', `The entry ${name} expands ${Math.round(size / Math.max(1, compressed))} times`);
    }
    if (isParsedPart(name) && size > ZIP_LIMITS.xmlBytes) {
      throw refuse('malformed', `${name} is larger than a real document has`);
    }
    const off = e.relativeOffsetOfLocalHeader;
    if (off + 30 > buf.length || buf.readUInt32LE(off) !== 0x04034b50) throw refuse('malformed', 'Bad entry header');
    const nameLen = buf.readUInt16LE(off + 26);
    // The local header must name the same entry: one name for a checker, another for Word, is a trick.
    if (buf.toString('utf8', off + 30, off + 30 + nameLen) !== name) {
      throw refuse('malformed', `The entry ${name} is named differently inside the package`);
    }
    spans.push({ start: off, end: off + 30 + nameLen + buf.readUInt16LE(off + 28) + compressed });
  }
  // Entries must not overlap (the strongest bombs reuse bytes) nor leave room for hidden ones; a
  // data descriptor (up to 24 bytes) may follow an entry.
  spans.sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor || s.start - cursor > 24) {
      throw refuse('malformed', 'The package has overlapping or hidden entries');
    }
    cursor = s.end;
  }
}

/** Inflates one entry; yauzl stops it at its declared size, so the caps above bound the work. */
function inflate(zip: yauzl.ZipFile, e: yauzl.Entry, size: number, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(e, (err, stream) => {
      if (err || !stream) return reject(refuse('malformed', `The entry ${e.fileName} cannot be read`));
      const chunks: Buffer[] = [];
      let n = 0;
      stream.on('data', (c: Buffer) => {
        n += c.length;
        if (n > size) {
          stream.destroy();
          return reject(refuse('zip-bomb', `The entry ${e.fileName} is larger than it declares`));
        }
        if (keep) chunks.push(c);
      });
      stream.on('error', (x: Error) =>
        reject(
          /too many bytes|too few bytes|expected/i.test(x.message)
            ? refuse('zip-bomb', `The entry ${e.fileName} is not the size it declares`)
            : refuse('malformed', `The entry ${e.fileName} cannot be read: ${x.message}`),
        ),
      );
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null));
    });
  });
}

/** Attribute maps of every `<Tag ...>` in an XML part (enough for content types, rels and manifests). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      attrs[(a[1] ?? '').replace(/^\w+:/, '').toLowerCase()] = a[3] ?? a[4] ?? '';
    }
    out.push(attrs);
  }
  return out;
}

/** The parts read and parsed here; the rest is inflated only to be measured. */
const isParsedPart = (n: string) =>
  n === '[Content_Types].xml' || n === 'META-INF/manifest.xml' || n === 'mimetype' || /\.rels$/i.test(n);
const isPackage = (n: string) => /\.(docx|xlsx|pptx|odt|ods|odp)$/i.test(n);

/** A relationship to outside the package that Office follows by itself: templates, OLE links, frames. */
function checkRels(name: string, xml: string): void {
  for (const r of elements(xml, 'Relationship')) {
    if ((r.targetmode ?? '').toLowerCase() !== 'external') continue;
    const type = (r.type ?? '').split('/').pop() ?? '';
    const target = (r.target ?? '').trim();
    if (!(type === 'hyperlink' && /^(https?:|mailto:)/i.test(target))) {
      throw refuse(
        'external-link',
        `${name} makes the document load ${type || 'something'} from ${target.slice(0, 80)}`,
      );
    }
  }
}

async function inspectOoxml(entries: Entry[], depth: number): Promise<void> {
  const ct = entries.find((e) => e.name === '[Content_Types].xml');
  if (!ct?.data) throw refuse('malformed', 'The document has no [Content_Types].xml');
  const xml = ct.data.toString('utf8');
  const defaults = new Map(
    elements(xml, 'Default').map((d) => [(d.extension ?? '').toLowerCase(), d.contenttype ?? '']),
  );
  const overrides = new Map(
    elements(xml, 'Override').map((o) => [(o.partname ?? '').toLowerCase(), o.contenttype ?? '']),
  );
  for (const type of [...defaults.values(), ...overrides.values()]) {
    if (MACRO_TYPES.test(type)) throw refuse('macro', `The document declares ${type} (macros or embedded objects)`);
  }
  for (const e of entries) {
    if (e.name.endsWith('/') || e.name === '[Content_Types].xml') continue;
    const lower = e.name.toLowerCase();
    if (/(^|\/)vba[^/]*$/i.test(e.name)) throw refuse('macro', `The document contains macros (${e.name})`);
    const type = overrides.get(`/${lower}`) ?? defaults.get(lower.split('.').pop() ?? '');
    if (!type) throw refuse('undeclared-part', `${e.name} is not a declared part of the document`);
    await checkPart(e, lower, depth);
  }
}

async function inspectOdf(entries: Entry[], depth: number): Promise<void> {
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
  const types = manifest?.data
    ? elements(manifest.data.toString('utf8'), 'file-entry').map((f) => f['media-type'] ?? '')
    : [];
  for (const type of types) {
    if (MACRO_TYPES.test(type) || /script|sun\.star\.oleobject/i.test(type)) {
      throw refuse('macro', `The document declares ${type} (macros or embedded objects)`);
    }
  }
  for (const e of entries) {
    if (/^(basic|scripts)\//i.test(e.name)) throw refuse('macro', `The document contains macros (${e.name})`);
    if (!e.name.endsWith('/')) await checkPart(e, e.name.toLowerCase(), depth);
  }
}

/** Rules for every part: no executables, no binary blobs (OLE, ActiveX) but printer settings, nested packages checked too. */
async function checkPart(e: Entry, lower: string, depth: number): Promise<void> {
  if (EXECUTABLE.test(lower)) throw refuse('embedded', `The document contains a program or page (${e.name})`);
  if (lower.endsWith('.bin') && !/(^|\/)printersettings\/printersettings\d*\.bin$/.test(lower)) {
    throw refuse('embedded', `The document contains an embedded object (${e.name})`);
  }
  if (/(^|\/)embeddings\//.test(lower) && !isPackage(lower) && !/\.(png|jpe?g|gif|emf|wmf)$/.test(lower)) {
    throw refuse('embedded', `The document contains an embedded object (${e.name})`);
  }
  if (lower.endsWith('.rels') && e.data) checkRels(e.name, e.data.toString('utf8'));
  if (isPackage(lower) && e.data) {
    if (depth >= ZIP_LIMITS.depth) throw refuse('embedded', `The document nests packages too deep (${e.name})`);
    await inspectPackage(e.data, depth + 1);
  }
}

/**
 * Throws PackageRefused unless the buffer is a clean OOXML or ODF package. `depth` counts nesting.
 */
export async function inspectPackage(buf: Buffer, depth = 0): Promise<void> {
  const entries = await readEntries(buf, (n) => isParsedPart(n) || isPackage(n));
  if (entries.some((e) => e.name === '[Content_Types].xml')) return inspectOoxml(entries, depth);
  if (entries.some((e) => e.name === 'mimetype')) return inspectOdf(entries, depth);
  throw refuse('malformed', 'The package is neither an Office Open XML nor an OpenDocument file');
}
