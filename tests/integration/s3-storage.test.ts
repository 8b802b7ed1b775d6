import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../server/src/lib/s3-storage';
import { type Personas, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { openCycleWithResponse } from '../support/open-cycle';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Evidence in an S3-compatible store: s3rver speaks the S3 REST protocol on loopback (signed
 * requests, path-style buckets), as SeaweedFS's S3 gateway does in docker-compose.yml.
 */
const BUCKET = 'dg-evidence';
const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-s3-'));
const s3 = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: s3Dir,
  configureBuckets: [{ name: BUCKET }],
});
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);

let endpoint: string;
let t: TestApp;
let p: Personas;
let responseId: number;

/** Object keys as s3rver keeps them on its disk (one folder per key, holding `object`). */
function storedObjects(): string[] {
  const root = path.join(s3Dir, BUCKET);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('._S3rver_object'))
    .map((f) => f.replace(/\._S3rver_object$/, ''));
}

beforeAll(async () => {
  const addr = await s3.run();
  endpoint = `http://127.0.0.1:${addr.port}`;
  t = await createTestApp({
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_PREFIX: 'test/',
  });
  p = await setupPersonas(t.app, t.db);
  ({ responseId } = await openCycleWithResponse(t, p.respondentA));
});
afterAll(async () => {
  await t?.close();
  await s3.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

describe('S3-compatible evidence storage', () => {
  it('stores an upload as an object named by its SHA-256, serves it back and deletes it', async () => {
    const body = multipart({ questionCode: 'DG_STATUS' }, { name: 'แผน.pdf', content: PDF });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/evidence`,
      headers: { ...p.respondentA.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(storedObjects()).toEqual([`test/${sha.slice(0, 2)}/${sha}`]);
    // Nothing went to the local directory.
    expect(fs.existsSync(t.config.storageDir)).toBe(false);

    const dl = await t.app.inject({
      method: 'GET',
      url: `/api/evidence/${res.json().id}/download`,
      headers: p.analyst.headers,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/evidence/${res.json().id}`,
      headers: p.respondentA.headers,
    });
    expect(del.statusCode).toBe(200);
    expect(storedObjects()).toEqual([]);
  });

  it('reports a missing object as absent and an unreachable store as an error', async () => {
    const store = new S3Storage({
      endpoint,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'probe/',
    });
    const key = 'a'.repeat(64);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.put(key, Buffer.from('hello'));
    expect(await store.exists(key)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of (await store.get(key)) ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await expect(store.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    store.destroy();

    const down = new S3Storage({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: 'x',
      secretAccessKey: 'y',
      forcePathStyle: true,
      prefix: '',
    });
    await expect(down.put(key, Buffer.from('x'))).rejects.toThrow();
    down.destroy();
  });

  it('refuses to start with an S3 bucket but no credentials, naming each missing setting', async () => {
    const { loadConfig } = await import('../../server/src/plugins/config');
    expect(() => loadConfig({ NODE_ENV: 'test', S3_BUCKET: BUCKET })).toThrow(
      /S3_ACCESS_KEY_ID: is required when S3_BUCKET is set[\s\S]*S3_SECRET_ACCESS_KEY: is required/,
    );
  });
});
