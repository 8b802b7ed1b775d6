import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { StreamQuerySchema, StreamTicketParamsSchema, StreamTicketSchema } from '@dg/shared/schemas/co-editing';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { sendError } from '../../plugins/errors';
import { loadReadable } from '../responses/responses.service';
import { issueTicket, TICKET_TTL_SECONDS, verifyTicket } from './co-edit.ticket';

const READ = ['respondent', 'cio', 'viewer', 'analyst', 'admin'] as const;
const EDITORS = new Set(['respondent', 'cio']);
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const coEditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/responses/:id/events/ticket',
    {
      config: { access: READ },
      schema: {
        tags: ['questionnaire'],
        summary: "A 30-second, single-use ticket to open this response's event stream (EventSource sends no headers)",
        params: StreamTicketParamsSchema,
        response: { 200: StreamTicketSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await loadReadable(app.db, principal, req.params.id);
      const present = EDITORS.has(principal.role);
      return {
        ticket: issueTicket(app.coEditTickets.key, req.params.id, principal.userId, present),
        expiresInSeconds: TICKET_TTL_SECONDS,
      };
    },
  );

  app.get(
    '/api/responses/:id/events',
    {
      // The ticket is the credential (checked here): EventSource cannot send the access token.
      config: { access: 'public' },
      schema: {
        tags: ['questionnaire'],
        summary:
          'Server-Sent Events: answers others save (`answers`), who else is here (`presence`), and `stale` (re-read /changes)',
        params: StreamTicketParamsSchema,
        querystring: StreamQuerySchema,
        response: { ...errors, 503: ApiErrorSchema },
      },
    },
    async (req, reply) => {
      const claims = verifyTicket(app.coEditTickets.key, req.query.ticket);
      if (!claims || claims.responseId !== req.params.id) {
        return sendError(
          reply,
          401,
          'UNAUTHENTICATED',
          'The event stream ticket is invalid or expired: ask for a new one',
        );
      }
      const refusal = app.coEdit.refusal(claims.userId);
      if (refusal) {
        // A deliberate shed: the browser retries later, and meanwhile reads /changes when it reconnects.
        reply.header('retry-after', '5');
        return sendError(reply, 503, 'SERVICE_UNAVAILABLE', refusal);
      }
      if (!app.coEditTickets.used.claim(claims)) {
        return sendError(reply, 401, 'UNAUTHENTICATED', 'The event stream ticket was already used: ask for a new one');
      }
      reply.hijack();
      await app.coEdit.open(reply.raw, claims.responseId, claims.userId, claims.present, req.query.pillar ?? null);
    },
  );
};
