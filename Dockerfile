# Container image of the API (apps/api), used by compose.yaml; not built in this repository's CI (no Docker engine there).
# Build from the repository root: docker build -t heygen-mock-api .
# Run: docker run -p 3000:3000 heygen-mock-api (SQLite under /app/data; JOB_STORE=redis with REDIS_URL to share jobs).

ARG NODE_IMAGE=node:20-bookworm-slim

# Tools every install needs: better-sqlite3 compiles its native module when no prebuilt one
# fits, and npm 11 as in CI, whose `allowScripts` (root package.json) decides which install
# scripts run.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g npm@11
WORKDIR /app

# The whole workspace with every dependency, to compile the API into apps/api/dist.
FROM toolchain AS build
ENV NX_NO_CLOUD=true NX_DAEMON=false
COPY . .
RUN npm ci --no-audit --no-fund
RUN npx nx run api:build --output-style=static

# Production dependencies of the API workspace only, from the root lockfile (the workspaces'
# single lockfile): no Nx, Jest or ESLint. Only the root and the API manifests are needed.
FROM toolchain AS deps
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
RUN npm ci --omit=dev --workspace @heygen-mock/api --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
# apps/api/package.json says `"type": "module"`, which the compiled ES modules need.
COPY --from=deps /app/apps/api apps/api
COPY --from=build /app/apps/api/dist apps/api/dist
# SQLITE_PATH defaults to ./data/heygen-mock.sqlite: the folder must be the user's (mount a
# volume there to keep SQLite jobs across containers).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
