import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * A download built by a background job (the open-data package): 200 when it is already stored,
 * else 202 with a job to follow until done, then the same URL again.
 */
export async function downloadBuilt(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const first = await app.inject({ method: 'GET', url, headers });
  if (first.statusCode === 200) return first;
  expect(first.statusCode, first.body.slice(0, 300)).toBe(202);
  const job = first.json() as { id: string };
  await expect
    .poll(async () => (await app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers })).json().status, {
      timeout: 120_000,
      interval: 200,
    })
    .toBe('done');
  const built = await app.inject({ method: 'GET', url, headers });
  expect(built.statusCode, built.body.slice(0, 300)).toBe(200);
  return built;
}
