import type { Db } from '../../db/database';

/**
 * Dashboard aggregates (response rates, levels, year over year) kept per data version: the
 * `analytics_version` counter, which triggers move on every change to what they count (migration
 * 0032). A read asks PostgreSQL for the counter (one primary-key lookup) and recounts only when it
 * moved, so on deadline day ten dashboards a second cost almost nothing while the autosaves run;
 * every app server reads the same counter, so none serves a figure older than its own request.
 *
 * The version is read BEFORE the figures: a change that commits in between is either in the
 * figures (cached under the older version, so the next read recounts) or after them (and the
 * counter has moved): a cached entry is never older than the version it is filed under.
 * Cached values are shared between requests: callers must not change them.
 */

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<Db, Map<string, Entry>>();

async function dataVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('analytics_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? 'none');
}

/** `compute`'s result for `key` at the current data version, counted at most once per version. */
export async function cachedAggregate<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = await dataVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  const entry: Entry = { version, value };
  if (cache.size >= MAX_ENTRIES) {
    // Oldest first (a Map keeps insertion order).
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.delete(key);
  cache.set(key, entry);
  // A failed count is not kept: the next read tries again.
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
