import { DomainError } from '@dg/shared/domain/errors';
import yauzl from 'yauzl';

/**
 * An XLSX workbook is a ZIP package, and ExcelJS inflates all of it in memory: a few kilobytes
 * can expand to gigabytes (a zip bomb). Before ExcelJS sees an upload, its entries are counted and
 * inflated here as a stream, stopping at the caps, so a bomb costs at most the caps.
 */
export const WORKBOOK_UNPACKED_LIMITS = {
  /** All parts expanded together; the 2566 framework's workbook expands to about 1 MB. */
  totalBytes: 64 * 1024 * 1024,
  entries: 2_000,
};

const tooLarge = (why: string) =>
  new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The workbook expands to more than ${WORKBOOK_UNPACKED_LIMITS.totalBytes / 1024 / 1024} MB when unpacked (${why}); a framework workbook is far smaller`,
    [{ path: 'body.file', message: why }],
  );

class NotZip extends Error {}

function open(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(new NotZip(err?.message ?? 'unreadable')) : resolve(zip),
    );
  });
}

/**
 * Throws PAYLOAD_TOO_LARGE (413) when the package unpacks beyond the caps, whatever its entries
 * declare. A file that is not a ZIP at all is left to the workbook reader, which names it.
 */
export async function checkWorkbookUnpackedSize(buf: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(buf);
  } catch (err) {
    if (err instanceof NotZip) return;
    throw err;
  }
  try {
    if (zip.entryCount > WORKBOOK_UNPACKED_LIMITS.entries) throw tooLarge(`${zip.entryCount} parts`);
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(new NotZip(e.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        // Declared sizes first (cheap), then the real bytes: a lying header is caught by counting.
        if (total + e.uncompressedSize > WORKBOOK_UNPACKED_LIMITS.totalBytes) {
          return reject(tooLarge(`the part ${e.fileName} declares ${e.uncompressedSize} bytes`));
        }
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(new NotZip(err?.message ?? 'unreadable entry'));
          stream.on('data', (c: Buffer) => {
            total += c.length;
            if (total > WORKBOOK_UNPACKED_LIMITS.totalBytes) {
              stream.destroy();
              reject(tooLarge(`the part ${e.fileName} inflates beyond the limit`));
            }
          });
          stream.on('error', (x: Error) =>
            // A part that inflates beyond the size it declares is a bomb hiding from the check above.
            reject(
              /too many bytes/i.test(x.message)
                ? tooLarge(`the part ${e.fileName} inflates beyond the size it declares`)
                : new NotZip(x.message),
            ),
          );
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    }).catch((err) => {
      // A damaged package is the workbook reader's to name (422), not a size problem.
      if (err instanceof NotZip) return;
      throw err;
    });
  } finally {
    zip.close();
  }
}
