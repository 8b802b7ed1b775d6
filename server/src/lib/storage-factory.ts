import type { Config } from '../plugins/config';
import { S3Storage } from './s3-storage';
import { LocalStorage, type Storage } from './storage';

/** The configured evidence store: an injected one (tests), S3 when S3_BUCKET is set, else STORAGE_DIR. */
export function createStorage(config: Config): Storage {
  if (config.storage) return config.storage;
  if (config.S3_BUCKET) {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      prefix: config.S3_PREFIX,
    });
  }
  return new LocalStorage(config.storageDir);
}
