import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertStorageKey, type Storage } from './storage';

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, so one bucket can serve several deployments. */
  prefix: string;
}

const isMissing = (err: unknown) =>
  err instanceof NoSuchKey ||
  err instanceof NotFound ||
  (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

async function toBuffer(content: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  for await (const c of content) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}

/**
 * Evidence in an S3-compatible object store (MinIO, Ceph, AWS), so several app servers share it.
 * A PUT is atomic on every S3 implementation: readers see the whole object or none.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;

  constructor(private readonly s: S3Settings) {
    this.client = new S3Client({
      endpoint: s.endpoint,
      region: s.region,
      forcePathStyle: s.forcePathStyle,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      // Only the checksums S3 itself requires: older MinIO and Ceph reject the newer flexible ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  private key(key: string): string {
    assertStorageKey(key);
    return `${this.s.prefix}${key.slice(0, 2)}/${key}`;
  }

  async put(key: string, content: Buffer | Readable): Promise<void> {
    // Evidence is bounded by MAX_UPLOAD_MB and already in memory; a known length avoids chunked signing.
    const body = await toBuffer(content);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s.bucket,
        Key: this.key(key),
        Body: body,
        ContentLength: body.length,
        ContentType: 'application/octet-stream',
        // Never rendered if the bucket is ever exposed directly: the app serves files with their checked type.
        ContentDisposition: 'attachment',
      }),
    );
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
      const body = res.Body;
      if (!body) return null;
      return body instanceof Readable ? body : Readable.from(await body.transformToByteArray());
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s.bucket, Key: this.key(key) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  /** For the health check: the bucket answers and our credentials are accepted. */
  async check(): Promise<void> {
    await this.exists('00-health-probe');
  }

  destroy(): void {
    this.client.destroy();
  }
}
