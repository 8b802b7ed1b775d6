# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w client

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/var/lib/dg
# Chromium renders the PDF reports; fonts-thai-tlwg gives Thai fallbacks.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-thai-tlwg poppler-utils \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
RUN npm prune --omit=dev --no-audit --no-fund || true && npm i --no-save tsx@4 --no-audit --no-fund
# The data directory (generated secrets, local evidence) must belong to the runtime user before a volume mounts it.
RUN mkdir -p /var/lib/dg && chown node:node /var/lib/dg
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/livez').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "tsx", "server/src/server.ts"]
