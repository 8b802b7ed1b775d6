# syntax=docker/dockerfile:1
# Node 24 LTS in production (the code also runs on Node 20.19+: package.json engines).
# scripts/prod-smoke.sh makes the same two stages without Docker (CI runs it): keep them in step.
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: every dependency, then the client (Vite) and the server bundle (esbuild) into
# client/dist and server/dist.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: the manifests, a production install (no dev dependencies, no tsx, no sources)
# and the built files.
FROM ${NODE_IMAGE} AS runtime
# Chromium renders the PDF reports (driven by playwright-core); fonts-thai-tlwg gives Thai
# fallbacks; tini reaps the processes Chromium leaves behind and forwards signals.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-thai-tlwg tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/var/lib/dg CHROMIUM_PATH=/usr/bin/chromium
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
# The server workspace's dependencies only: the client's are bundled into client/dist.
RUN npm ci --omit=dev --workspace=server --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
# The data directory (generated secrets, local evidence, report jobs) must belong to the runtime
# user before a volume mounts it.
RUN mkdir -p /var/lib/dg && chown node:node /var/lib/dg
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Migrations run at start; `node server/dist/migrate.js` runs them alone. Seeding is a separate step the
# server never does: `node server/dist/seed.js [--if-empty] [--no-demo]` (docker-compose.yml's seed service).
CMD ["node", "--enable-source-maps", "server/dist/server.js"]
