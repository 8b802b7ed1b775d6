import type { FastifyInstance } from 'fastify';
import type { Config } from '../plugins/config';
import { analyticsRoutes } from './analytics/analytics.routes';
import { analyticsExportRoutes } from './analytics/analytics-exports.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { coEditRoutes } from './co-editing/co-edit.routes';
import { cycleAdminRoutes } from './cycle-admin/cycle-admin.routes';
import { cyclesRoutes } from './cycles/cycles.routes';
import { evidenceRoutes } from './evidence/evidence.routes';
import { frameworksRoutes } from './frameworks/frameworks.routes';
import { healthRoutes } from './health/health.routes';
import { importsRoutes } from './imports/imports.routes';
import { jobsRoutes } from './jobs/jobs.routes';
import { monitoringRoutes } from './monitoring/monitoring.routes';
import { privacyRoutes } from './privacy/privacy.routes';
import { registryRoutes } from './registry/registry.routes';
import { reportsRoutes } from './reports/reports.routes';
import { responsesRoutes } from './responses/responses.routes';
import { reviewRoutes } from './review/review.routes';
import { agencyUsersRoutes } from './users/agency-users.routes';
import { passwordResetRoutes } from './users/password-reset.routes';
import { usersRoutes } from './users/users.routes';

/** One place lists the feature modules, so the authorization matrix test sees every route. */
export async function registerModules(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes(config));
  await app.register(usersRoutes(config));
  await app.register(agencyUsersRoutes(config));
  await app.register(passwordResetRoutes(config));
  await app.register(auditRoutes);
  await app.register(analyticsRoutes);
  await app.register(analyticsExportRoutes(config));
  await app.register(cyclesRoutes);
  await app.register(responsesRoutes);
  await app.register(coEditRoutes);
  await app.register(reviewRoutes);
  await app.register(evidenceRoutes(config));
  await app.register(reportsRoutes(config));
  await app.register(jobsRoutes(config));
  await app.register(frameworksRoutes);
  await app.register(cycleAdminRoutes);
  await app.register(registryRoutes);
  await app.register(importsRoutes(config));
  await app.register(monitoringRoutes);
  await app.register(privacyRoutes(config));
}
