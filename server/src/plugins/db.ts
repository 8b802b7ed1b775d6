import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db, DbKind } from '../db/database';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DbKind;
  }
}

export interface DbPluginOptions {
  db: Db;
  kind: DbKind;
}

/** The connection is opened by the caller so tests can share one embedded instance across apps. */
async function dbPlugin(app: FastifyInstance, opts: DbPluginOptions) {
  app.decorate('db', opts.db);
  app.decorate('dbKind', opts.kind);
}

export default fp(dbPlugin, { name: 'db' });
