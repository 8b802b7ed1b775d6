/**
 * `npm run bench -- web`: what the sign-in page costs on a slow link. For now the bundle budget
 * only: the JS and CSS index.html makes the browser fetch before anything renders (its module
 * script, modulepreloads and stylesheets), as sent with brotli (the build's .br files; a file too
 * small to have one is counted compressed here). Target: under 250 KB. The Chromium Fast 3G timings
 * (sign-in form < 2.5 s, first question < 4 s empty cache, < 1.5 s warm) are not measured yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_KB = 250;

export async function runWebBench({ log = true }: { log?: boolean } = {}) {
  const say = (m: string) => log && console.log(m);
  const dist = process.env.CLIENT_DIST ?? path.join(root, 'client/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  );
  let total = 0;
  const rows: string[] = [];
  for (const f of files) {
    const file = path.join(dist, f);
    const br = fs.existsSync(`${file}.br`)
      ? fs.statSync(`${file}.br`).size
      : zlib.brotliCompressSync(fs.readFileSync(file)).length;
    total += br;
    rows.push(`    ${f} ${(br / 1024).toFixed(1)} KB`);
  }
  const kb = total / 1024;
  const ok = kb < BUDGET_KB;
  say(`web: initial JS+CSS of the sign-in page, ${files.length} files, brotli`);
  for (const r of rows) say(r);
  say(
    `  total ${kb.toFixed(1)} KB (target < ${BUDGET_KB} KB) ${ok ? 'OK' : 'MISSED'}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  say('  Fast 3G timings in Chromium: not measured yet (no verdict)');
  return { kb, ok };
}
