// A ratchet on the client's hand-typed API calls (issue 24): `api<T>(...)` and `postJson<T>(...)`
// take the response's shape on trust from a type written by hand; `getJson`/`sendJson` take it
// from the route's shared zod schema (and check it in development and tests). The count may only
// go down: convert a file's calls when you edit it, then lower MAX_HAND_TYPED_CALLS to the new count.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_HAND_TYPED_CALLS = 34;

const root = path.resolve(import.meta.dirname, '../..');
const clientSrc = path.join(root, 'client/src');
/** Where these are defined, not called. */
const DEFINITIONS = 'client/src/lib/api.ts';
/** Binary downloads (`api<Blob>`) have no JSON shape to check; they are not counted. */
const HAND_TYPED = /\b(?:api|postJson)<(?!Blob>)/g;

function handTypedCalls(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of readdirSync(clientSrc, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (file === DEFINITIONS) continue;
    const n = readFileSync(path.join(root, file), 'utf8').match(HAND_TYPED)?.length ?? 0;
    if (n > 0) counts.set(file, n);
  }
  return counts;
}

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

  it('the pattern finds what it counts (the definitions match it)', () => {
    const definitions = readFileSync(path.join(root, DEFINITIONS), 'utf8');
    expect(definitions.match(HAND_TYPED)?.length).toBeGreaterThanOrEqual(2);
    expect('api<Blob>(path)'.match(HAND_TYPED)).toBeNull();
  });
});
