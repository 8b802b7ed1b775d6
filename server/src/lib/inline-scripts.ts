import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * CSP source expressions ('sha256-…') allowing exactly the inline scripts of the built page
 * (index.html's early session restore): any other inline script, injected or not, stays refused.
 * Hashed as built, so the policy follows the page without anyone copying a hash by hand.
 */
export function inlineScriptHashes(htmlPath: string): string[] {
  if (!fs.existsSync(htmlPath)) return [];
  const html = fs.readFileSync(htmlPath, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] as string)
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
