import type { FastifyInstance } from 'fastify';
import type { Config } from '../plugins/config';
import { healthRoutes } from './health/health.routes';

/** One place lists the feature modules, so the authorization matrix test sees every route. */
export async function registerModules(app: FastifyInstance, _config: Config): Promise<void> {
  await app.register(healthRoutes);
}
