// A ratchet on the client's hand-typed API calls (issue 24): `api<T>(...)` and `postJson<T>(...)`
// take the response's shape on trust from a type written by hand; `getJson`/`sendJson` take it
// from the route's shared zod schema (and check it in development and tests). The count may only
// go down: convert a file's calls when you edit it, then lower MAX_HAND_TYPED_CALLS to the new count.
// Downloads use `getBlob`/`getBlobOrJson`; the only untyped calls left are routes answering 204.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_HAND_TYPED_CALLS = 0;

const root = path.resolve(import.meta.dirname, '../..');
const clientSrc = path.join(root, 'client/src');
/** Where these are defined, not called. */
const DEFINITIONS = 'client/src/lib/api.ts';
/** Any type argument written at the call, `api<Blob>` included (downloads go through getBlob). */
const HAND_TYPED = /\b(?:api|postJson)</g;
/** An untyped call: its body is never read, which is right only for a 204. */
const UNTYPED = /\b(?:api|postJson)\(/g;
/** The untyped calls allowed, per file: each calls a route that answers 204 (no body to type). */
const NO_CONTENT_CALLS: Record<string, number> = {
  'client/src/features/admin/targets-page.tsx': 1, // DELETE /api/admin/cycles/:cycleId/targets/:code
  'client/src/features/users/users-page.tsx': 1, // DELETE /api/admin/users/:id/mfa
  'client/src/features/auth/security-page.tsx': 1, // POST /api/auth/mfa/disable
  'client/src/lib/auth.tsx': 1, // POST /api/auth/logout
};

function callCounts(pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of readdirSync(clientSrc, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (file === DEFINITIONS) continue;
    const n = readFileSync(path.join(root, file), 'utf8').match(pattern)?.length ?? 0;
    if (n > 0) counts.set(file, n);
  }
  return counts;
}
const handTypedCalls = () => callCounts(HAND_TYPED);

describe('client API calls typed from shared schemas', () => {
  it(`at most ${MAX_HAND_TYPED_CALLS} hand-typed api<T>/postJson<T> calls remain, and the count only goes down`, () => {
    const counts = handTypedCalls();
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const listing = [...counts].map(([f, n]) => `${n} ${f}`).join('\n');
    expect(
      total,
      `hand-typed calls (use getJson/sendJson with the route's shared schema):\n${listing}`,
    ).toBeLessThanOrEqual(MAX_HAND_TYPED_CALLS);
  });

  it('the converted areas have none left (components, lib, questionnaire, auth, onboarding, cycle life)', () => {
    const converted = [...handTypedCalls().keys()].filter((f) =>
      /^client\/src\/(components|lib|features\/(questionnaire|auth|onboarding))\/|^client\/src\/features\/admin\/cycle-life\.tsx$/.test(
        f,
      ),
    );
    expect(converted).toEqual([]);
  });

  it('untyped api()/postJson() calls are only the known 204 routes, and may only go down', () => {
    const extra = [...callCounts(UNTYPED)].filter(([file, n]) => n > (NO_CONTENT_CALLS[file] ?? 0));
    expect(extra, 'a call whose response has a body must use getJson/sendJson (or getBlob for a file)').toEqual([]);
  });

  it('the patterns find what they count (the definitions match them)', () => {
    const definitions = readFileSync(path.join(root, DEFINITIONS), 'utf8');
    expect(definitions.match(HAND_TYPED)?.length).toBeGreaterThanOrEqual(2);
    expect('api<Blob>(path)'.match(HAND_TYPED)).toHaveLength(1);
    expect("await api('/api/x', { method: 'DELETE' })".match(UNTYPED)).toHaveLength(1);
    expect('getJson(path, Schema)'.match(UNTYPED)).toBeNull();
  });
});
