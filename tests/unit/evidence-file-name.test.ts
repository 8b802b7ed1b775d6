import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanLabel, nameForType } from '../../server/src/modules/evidence/file-name';
import { KINDS, servedFileName } from '../../server/src/modules/evidence/file-types';
import { checkText } from '../../server/src/modules/evidence/sniff';

describe('the naming rule: a name ends with the detected type', () => {
  it('keeps a name that says the type, replaces a last extension that says anything else', () => {
    const pdf = ['pdf'];
    expect(nameForType('report.pdf', pdf)).toBe('report.pdf');
    expect(nameForType('report.pdf.exe', pdf)).toBe('report.pdf');
    expect(nameForType('update.hta', pdf)).toBe('update.pdf');
    expect(nameForType('poly.html', pdf)).toBe('poly.pdf');
    expect(nameForType('x.exe.hta', pdf)).toBe('x.exe.pdf');
    expect(nameForType('scan', pdf)).toBe('scan.pdf');
    expect(nameForType('คำสั่ง 1.2566', pdf)).toBe('คำสั่ง 1.2566.pdf');
    expect(nameForType('.hta', pdf)).toBe('hta.pdf');
    expect(nameForType('...', pdf)).toBe('evidence.pdf');
    expect(nameForType('photo.JPEG', ['jpg', 'jpeg'])).toBe('photo.JPEG');
    expect(nameForType('invoice\u202Efdp.exe', pdf)).toBe('invoicefdp.pdf');
  });

  it('never leaves another extension last, nor an invisible or reserved character, for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...KINDS), (name, kind) => {
        const out = nameForType(name, [kind.ext, ...kind.aliases]);
        const last = out.split('.').pop()?.toLowerCase() ?? '';
        expect([kind.ext, ...kind.aliases]).toContain(last);
        expect(out).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"|?*;\\/]/u);
        expect(out.startsWith('.')).toBe(false);
        expect(out.length).toBeLessThanOrEqual(160);
      }),
      { numRuns: 500 },
    );
  });

  it('serves rows stored before the rules under their stored type', () => {
    expect(servedFileName({ file_name: 'report.pdf.exe', mime: 'application/pdf' })).toBe('report.pdf');
    expect(servedFileName({ file_name: 'page.html', mime: 'text/plain' })).toBe('page.txt');
    expect(servedFileName({ file_name: 'old.doc', mime: 'application/msword' })).toBe('old.doc');
    expect(servedFileName({ file_name: 'x.svg', mime: 'image/svg+xml' })).toBe('x.bin');
  });

  it('writes an RFC 6266 header with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('แผน "ก".pdf')).toBe(
      `attachment; filename="___ ___.pdf"; filename*=UTF-8''${encodeURIComponent('แผน "ก".pdf')}`,
    );
    expect(attachmentDisposition('a\u202Eb.pdf')).toBe(`attachment; filename="ab.pdf"; filename*=UTF-8''ab.pdf`);
    expect(cleanLabel('../../etc/passwd')).toBe('passwd');
  });
});

describe('text is text only without markup', () => {
  it('refuses any tag-like construct and script URL; keeps comparisons', () => {
    for (const bad of [
      '<video><source onerror=alert(1)>',
      '</x>',
      '<!-- x -->',
      '<?xml?>',
      '<svg/onload=1>',
      'javascript:1',
      '<ก>',
    ]) {
      expect(checkText(Buffer.from(bad)), bad).toMatchObject({ ok: false, reason: 'markup' });
    }
    for (const ok of ['a < b', 'x <5', '3<4', 'ราคา < 100 บาท', '<<', '< >']) {
      expect(checkText(Buffer.from(ok)), ok).toEqual({ ok: true });
    }
    expect(checkText(Buffer.from([0x61, 0x00, 0x62]))).toMatchObject({ ok: false, reason: 'encoding' });
  });
});
