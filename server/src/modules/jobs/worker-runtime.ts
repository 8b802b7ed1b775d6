import type PgBoss from 'pg-boss';
import type { Db } from '../../db/database';
import { createMailer } from '../../lib/mailer';
import type { Storage } from '../../lib/storage';
import type { Config } from '../../plugins/config';
import { runNationalReport } from '../national-report/national-report.job';
import { onboardingJob } from '../onboarding/onboarding.job';
import { reminderJob } from '../reminders/reminders.job';
import type { PdfPriority } from '../reports/pdf';
import { runOpenData } from './open-data.job';
import { runPrerender } from './prerender.job';
import { runRawExport } from './raw-export.job';
import { runRecompute } from './recompute.job';
import { runReportZip } from './report-zip.job';
import { JobRuntime } from './runtime';

/** The runtime with every job kind's code, as the app and the worker process both build it. */
export function createJobRuntime(
  config: Config,
  db: Db,
  storage: Storage,
  boss: PgBoss,
  log?: (m: string) => void,
  pdfPriority: PdfPriority = 'normal',
) {
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  return new JobRuntime({
    db,
    storage,
    boss,
    sliceSeconds: config.JOB_SLICE_SECONDS,
    jobsPerUser: config.JOBS_PER_USER,
    cleanup: { intervalSeconds: config.JOB_CLEANUP_INTERVAL_SECONDS, retentionHours: config.JOB_RETENTION_HOURS },
    handlers: {
      'report-zip': runReportZip,
      'report-prerender': runPrerender,
      'open-data': runOpenData,
      'onboarding-invite': onboardingJob(mailer, config.PUBLIC_URL),
      'reminder-mail': reminderJob(mailer, config.PUBLIC_URL),
      'raw-export-long': runRawExport,
      'raw-export-wide': runRawExport,
      'cycle-recompute': runRecompute,
      'national-report': runNationalReport,
    },
    log,
    pdfPriority,
  });
}
