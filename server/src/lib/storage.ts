import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where evidence files live. Keys are opaque (content hashes); callers never pass user input as a key. */
export interface Storage {
  /** Stores the content under `key` atomically: readers see the whole file or nothing. */
  put(key: string, content: Buffer | Readable): Promise<void>;
  /** The content, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Removes the content; a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY_RE = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/** Keys come from content hashes; anything else (a path, `..`) is a programming error, never stored. */
export function assertStorageKey(key: string): void {
  if (!KEY_RE.test(key) || key.includes('..')) throw new Error(`Invalid storage key ${key}`);
}

/** Files under one directory, fanned out by the key's first two characters. */
export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, content: Buffer | Readable): Promise<void> {
    const final = this.pathOf(key);
    const dir = path.dirname(final);
    await fs.promises.mkdir(dir, { recursive: true });
    // Write beside the target and rename: a crash or error never leaves a partial file under the key.
    const tmp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      if (Buffer.isBuffer(content)) {
        await fs.promises.writeFile(tmp, content, { flag: 'wx', mode: 0o640 });
      } else {
        await pipeline(content, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      }
      await fs.promises.rename(tmp, final);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true }).catch(() => {});
      throw err;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const p = this.pathOf(key);
    try {
      const handle = await fs.promises.open(p, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }
}
