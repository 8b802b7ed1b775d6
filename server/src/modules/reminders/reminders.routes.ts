import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { ReminderCancelledSchema, ReminderCancelParamsSchema } from '@dg/shared/schemas/reminder-schedule';
import {
  ReminderCycleParamsSchema,
  ReminderLogSchema,
  ReminderPreviewSchema,
  ReminderRequestSchema,
  ReminderSentSchema,
} from '@dg/shared/schemas/reminders';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import * as service from './reminders.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  429: ApiErrorSchema,
};
const STAFF = { access: ['analyst', 'admin'] } as const;
const tags = ['monitoring'];

/** Staff remind agencies that have not submitted, by mail, and see who was reminded when. */
export function remindersRoutes(config: Config): FastifyPluginAsyncZod {
  const settings: service.ReminderSettings = {
    minIntervalHours: config.REMINDER_MIN_INTERVAL_HOURS,
    publicUrl: config.PUBLIC_URL,
  };
  return async (app) => {
    app.get(
      '/api/reminders/cycles/:cycleId',
      {
        config: STAFF,
        schema: {
          tags,
          summary: "A cycle's reminders: the latest per agency and the most recent sendings",
          params: ReminderCycleParamsSchema,
          response: { 200: ReminderLogSchema, ...errors },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store');
        return service.log(app.db, req.params.cycleId, settings);
      },
    );

    app.post(
      '/api/reminders/cycles/:cycleId/preview',
      {
        config: STAFF,
        schema: {
          tags,
          summary:
            'The reminder mail (Thai and English) and who it would reach; agencies left out say why (reminded recently, submitted, not invited, no account)',
          params: ReminderCycleParamsSchema,
          body: ReminderRequestSchema,
          response: { 200: ReminderPreviewSchema, ...errors },
        },
      },
      async (req) => service.preview(app.db, req.params.cycleId, req.body, settings),
    );

    app.post(
      '/api/reminders/cycles/:cycleId/send',
      {
        config: STAFF,
        schema: {
          tags,
          summary: `Remind agencies by mail (a background job); an agency reminded within ${config.REMINDER_MIN_INTERVAL_HOURS} hours is left out, and 409 when nobody is left`,
          params: ReminderCycleParamsSchema,
          body: ReminderRequestSchema,
          response: { 202: ReminderSentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const out = await service.send(
          app.db,
          app.jobs,
          { principal: requirePrincipal(req), ip: req.ip },
          req.params.cycleId,
          req.body,
          settings,
        );
        return reply.code(202).send(out);
      },
    );

    app.post(
      '/api/reminders/cycles/:cycleId/sendings/:jobId/cancel',
      {
        config: STAFF,
        schema: {
          tags,
          summary: 'Cancel a sending scheduled for later: its reminders not yet mailed are never mailed',
          params: ReminderCancelParamsSchema,
          response: { 200: ReminderCancelledSchema, ...errors },
        },
      },
      async (req) =>
        service.cancel(app.db, { principal: requirePrincipal(req), ip: req.ip }, req.params.cycleId, req.params.jobId),
    );
  };
}
