import path from 'node:path';
import { type Role, RoleSchema } from '@dg/shared/schemas/auth';
import { z } from 'zod';
import type { Storage } from '../lib/storage';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
    /** Autosave statements at once (default: one per core); saves waiting meanwhile form the next batch. */
    AUTOSAVE_CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    STORAGE_DIR: z.string().min(1).optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    /**
     * How long a session's state is cached per server (ms). Revocations clear it at once (NOTIFY on
     * PostgreSQL); this bounds how late a server that missed one can see it, hence at most 10 s.
     */
    SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(3000),
    SEED_DEMO: bool.optional(),
    CLIENT_DIST: z.string().optional(),
    TRUST_PROXY: bool.default(false),
    /** Requests per minute per client address on routes used without signing in. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests per minute per signed-in user, counted across every app server. */
    USER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    /** Longest wait between sign-in attempts for one account from one address (the delay doubles per failure). */
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /** Failed sign-ins for one account or from one address in 10 minutes that alert the administrators. */
    LOGIN_ALERT_THRESHOLD: z.coerce.number().int().min(2).default(20),
    /** Bearer token for /metrics; without it, /metrics answers only loopback and private addresses. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Days an IP address is kept in the audit log and on sessions before retention removes it. */
    AUDIT_IP_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
    /** Days after which a disabled account's personal data is anonymised. */
    DISABLED_ACCOUNT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
    /** Minutes between retention runs (one server runs each, under an advisory lock); 0 turns it off. */
    RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
    /** Sign-in attempts per address per minute (20 by default; 1000 under NODE_ENV=test so suites can sign in freely). */
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    /** Event-loop delay above which requests are shed with 503 (0 turns shedding off). */
    SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
    /** Co-editing event streams (SSE) one app server holds open; more are refused with 503. */
    CO_EDIT_MAX_STREAMS: z.coerce.number().int().min(1).max(100_000).default(10_000),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
    /** Run background jobs in this process (the embedded database allows nothing else); false: `npm run worker` runs them. */
    WORKER_IN_PROCESS: bool.default(true),
    /** An agency is not reminded by mail again within this many hours of its last reminder. */
    REMINDER_MIN_INTERVAL_HOURS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 90)
      .default(72),
    /** The worker process (`npm run worker`) lowers its own threads to this nice at start: it does
     * background work, the API and the database come first on shared cores (0: leave as started). */
    WORKER_NICE: z.coerce.number().int().min(0).max(19).default(19),
    /** Background jobs one user may have queued or running at once; more are refused with 429. */
    JOBS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
    /** A job run starts no new work after this long and continues in a fresh run (bounds a lost run's redo). */
    JOB_SLICE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** How often the queue looks for runs lost with their process (crashed worker) to retry them. */
    JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Hours a finished job (its row and file) is kept; a cached build still current is kept whatever its age. */
    JOB_RETENTION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(168),
    /** Seconds between cleanups of expired jobs, in each process that works jobs (one at a time); 0 turns it off. */
    JOB_CLEANUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
    /**
     * Roles that must sign in with a second factor (TOTP), comma-separated, or `none`. Production
     * defaults to the DGA staff roles, who can change any agency's verified level; elsewhere (the
     * demo, tests) it defaults to none, and anyone may still turn it on for themselves.
     */
    MFA_REQUIRED_ROLES: z
      .string()
      .transform((v) =>
        v.trim() === 'none'
          ? []
          : v
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
      )
      .pipe(z.array(RoleSchema))
      .optional(),
    /** Single sign-on through an OpenID Connect provider: its issuer URL (discovery), and this client's credentials. */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The sign-in button's label, e.g. "บัญชี สพร. (DGA SSO)". */
    OIDC_LABEL: z.string().min(1).max(80).default('Single sign-on (SSO)'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('DG Readiness Survey <no-reply@localhost>'),
    /** Base of the links in invitation and reset mails (no trailing slash kept). Set it in production. */
    PUBLIC_URL: z
      .string()
      .url()
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/+$/, '')),
    /** S3-compatible evidence store (MinIO, Ceph, AWS); without S3_BUCKET, files go to STORAGE_DIR. */
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: bool.default(true),
    S3_PREFIX: z
      .string()
      .regex(/^([a-z0-9._-]+\/)*$/, 'must be empty or end with / (letters, digits, . _ -)')
      .default('evidence/'),
  })
  .superRefine((c, ctx) => {
    if (c.S3_BUCKET) {
      for (const k of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required when S3_BUCKET is set' });
      }
    }
    if (c.OIDC_ISSUER) {
      for (const k of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required when OIDC_ISSUER is set' });
      }
      if (c.NODE_ENV === 'production' && c.OIDC_ISSUER.startsWith('http:')) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be an https:// URL in production' });
      }
    }
    if (c.NODE_ENV === 'production' && !c.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required in production (at least 32 random characters)',
      });
    }
    if (!c.WORKER_IN_PROCESS && !c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WORKER_IN_PROCESS'],
        message: 'can be false only with DATABASE_URL: no other process can open the embedded database',
      });
    }
    if (c.NODE_ENV === 'production' && !c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production; the embedded database is for trying the platform out',
      });
    }
  });

export type Config = Omit<z.output<typeof ConfigSchema>, 'LOGIN_RATE_LIMIT_PER_MINUTE' | 'MFA_REQUIRED_ROLES'> & {
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  MFA_REQUIRED_ROLES: Role[];
  dataDir: string;
  storageDir: string;
  seedDemo: boolean;
  /** Evidence storage to use instead of a LocalStorage under storageDir (tests inject faults here). */
  storage?: Storage;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once at boot and reports every problem, not just the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    ...c,
    dataDir,
    storageDir: path.resolve(c.STORAGE_DIR ?? path.join(dataDir, 'evidence')),
    seedDemo: c.SEED_DEMO ?? c.NODE_ENV !== 'production',
    LOGIN_RATE_LIMIT_PER_MINUTE: c.LOGIN_RATE_LIMIT_PER_MINUTE ?? (c.NODE_ENV === 'test' ? 1000 : 20),
    MFA_REQUIRED_ROLES: c.MFA_REQUIRED_ROLES ?? (c.NODE_ENV === 'production' ? ['analyst', 'admin'] : []),
  };
}

/**
 * Settings that are valid but probably wrong, logged once at start. Without PUBLIC_URL every
 * invitation and reset link in production would point at localhost.
 */
export function configWarnings(config: Config, env: Record<string, string | undefined> = process.env): string[] {
  const warnings: string[] = [];
  if (config.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    warnings.push(
      `PUBLIC_URL is not set: invitation and password-reset links will point to ${config.PUBLIC_URL}. Set PUBLIC_URL to the address people open (https://…).`,
    );
  }
  return warnings;
}
