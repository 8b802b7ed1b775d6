#!/usr/bin/env bash
# The production install, made as the Dockerfile makes it, then smoke-tested:
#   build stage:   a clean clone of HEAD; npm ci; npm run build
#   runtime stage: only the package manifests; npm ci --omit=dev --workspace=server; the built
#                  server/dist and client/dist copied in (no sources, no dev dependencies, no tsx,
#                  none of the client's packages)
# then scripts/prod-smoke.mjs runs it with NODE_ENV=production on a fresh PostgreSQL database.
# Keep the two stages in step with the Dockerfile.
#
#   scripts/prod-smoke.sh [postgres admin URL]     (default: $SMOKE_DATABASE_URL or $TEST_DATABASE_URL)
#
# Runs under the first `node` on PATH (CI puts Node 24 there). Commit first: the clone is HEAD.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
url=${1:-${SMOKE_DATABASE_URL:-${TEST_DATABASE_URL:-}}}
[ -n "$url" ] || { echo "prod-smoke: give a PostgreSQL admin URL (argument, SMOKE_DATABASE_URL or TEST_DATABASE_URL)" >&2; exit 2; }
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
  echo "prod-smoke: note: uncommitted changes are not in the clone (it builds HEAD)" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
stamp() { echo "prod-smoke: $1 ($(( $(date +%s) - started ))s, node $(node --version))"; }

# Build stage.
git clone --quiet --no-checkout "$repo" "$work/build"
git -C "$work/build" checkout --quiet --detach "$(git -C "$repo" rev-parse HEAD)"
(cd "$work/build" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent >/dev/null)
stamp "built in a clean clone"

# Runtime stage: the manifests the Dockerfile copies, a production install, the built files.
mkdir -p "$work/app"
(cd "$work/build" && cp --parents package.json package-lock.json .npmrc shared/package.json server/package.json client/package.json "$work/app/")
(cd "$work/app" && npm ci --omit=dev --workspace=server --no-audit --no-fund --loglevel=error)
cp -r "$work/build/server/dist" "$work/app/server/dist"
cp -r "$work/build/client/dist" "$work/app/client/dist"
for dev in tsx vitest typescript esbuild vite react; do
  if [ -e "$work/app/node_modules/$dev" ]; then echo "prod-smoke: $dev is installed: not a production install" >&2; exit 1; fi
done
stamp "production install ($(du -sh "$work/app/node_modules" | cut -f1) of node_modules)"

node "$repo/scripts/prod-smoke.mjs" --app "$work/app" --database-url "$url"
stamp "done"
