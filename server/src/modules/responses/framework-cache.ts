import { type CompiledFramework, compileFramework } from '@dg/shared/domain/criteria';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { Db } from '../../db/database';
import { loadFramework } from '../frameworks/frameworks.service';

/**
 * Framework documents are immutable per content hash, so the parsed document, its compiled
 * form and its question index are cached by (hash, track) and never go stale. The hot path
 * (an autosave) then reads only the hash, never the document.
 */
export interface TrackFramework {
  framework: Framework;
  hash: string;
  track: Track;
  compiled: CompiledFramework;
  /** Questions of the track: code -> question and the key of its pillar. */
  questions: ReadonlyMap<string, { question: Question; pillarKey: string }>;
}

const documents = new Map<string, Framework>();
const byTrack = new Map<string, TrackFramework>();

export async function frameworkByHash(db: Db, frameworkId: number, hash: string): Promise<Framework> {
  const cached = documents.get(hash);
  if (cached) return cached;
  const loaded = await loadFramework(db, frameworkId);
  documents.set(loaded.hash, loaded.framework);
  return loaded.framework;
}

export async function trackFramework(db: Db, frameworkId: number, hash: string, track: Track): Promise<TrackFramework> {
  const key = `${hash}:${track}`;
  const cached = byTrack.get(key);
  if (cached) return cached;
  const framework = await frameworkByHash(db, frameworkId, hash);
  const compiled = compileFramework(framework, track);
  const questions = new Map<string, { question: Question; pillarKey: string }>();
  compiled.plan.questions.forEach((q, i) => {
    const pillar = framework.pillars[compiled.plan.pillarOf[i] as number];
    questions.set(q.code, { question: q, pillarKey: pillar?.key ?? '' });
  });
  const entry = { framework, hash, track, compiled, questions };
  // A draft framework may have been replaced since the hash was read: cache only the exact content.
  if (documents.get(hash) === framework) byTrack.set(key, entry);
  return entry;
}
