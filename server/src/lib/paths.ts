import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set to true by scripts/build-server.mjs (esbuild `define`); undeclared when run from source. */
declare const DG_BUNDLED: boolean | undefined;

/** True in the production build (node server/dist/*.js), false under tsx and Vitest. */
export const BUNDLED = typeof DG_BUNDLED !== 'undefined' && DG_BUNDLED;

/**
 * The application root (the repository, or /app in the image). From source this module is
 * server/src/lib/; bundled, every module's code runs from a file directly in server/dist/.
 */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), BUNDLED ? '../..' : '../../..');

/** Migrations: the TypeScript sources, or their compiled copies beside the bundle (server/dist/migrations). */
export const MIGRATIONS_DIR = BUNDLED
  ? path.join(APP_ROOT, 'server/dist/migrations')
  : path.join(APP_ROOT, 'migrations');

export const DEFAULT_CLIENT_DIST = path.join(APP_ROOT, 'client/dist');
