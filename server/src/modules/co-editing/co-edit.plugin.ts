import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type DatabaseHandle, pgUrlOf } from '../../db/database';
import { type ChannelListener, listenOn } from '../../lib/channel-listener';
import { resolveJwtSecret } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { PRESENCE_TTL_SECONDS } from '../responses/responses.routes';
import { CO_EDIT_CHANNEL, CoEditHub } from './co-edit.hub';
import { ticketKey, UsedTickets } from './co-edit.ticket';

declare module 'fastify' {
  interface FastifyInstance {
    coEdit: CoEditHub;
    coEditTickets: { key: Buffer; used: UsedTickets };
  }
}

/** The co-editing hub of this server, fed by LISTEN on PostgreSQL or on the embedded PGlite. */
async function coEditPlugin(app: FastifyInstance, opts: { config: Config; database: DatabaseHandle }) {
  const hub = new CoEditHub(app.db, app.log, opts.config.CO_EDIT_MAX_STREAMS, PRESENCE_TTL_SECONDS);
  app.decorate('coEdit', hub);
  app.decorate('coEditTickets', { key: ticketKey(resolveJwtSecret(opts.config)), used: new UsedTickets() });
  const url = opts.database.kind === 'postgres' ? pgUrlOf(opts.database.db) : undefined;
  const source = url ? { url } : opts.database.pglite ? { pglite: opts.database.pglite } : null;
  let listener: ChannelListener | undefined;
  if (source) {
    listener = await listenOn(
      source,
      CO_EDIT_CHANNEL,
      (p) => hub.onPayload(p),
      () => hub.onGap(),
      app.log,
    );
  }
  // Streams end before the server waits for its connections to close.
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => listener?.close());
}

export default fp(coEditPlugin, { name: 'co-edit', dependencies: ['db'] });
