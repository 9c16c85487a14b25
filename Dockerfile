# syntax=docker/dockerfile:1
# KYC Desk: one image for a single container on SQLite or several replicas on
# PostgreSQL (see docker-compose.yml). The build stage type-checks and bundles
# the TypeScript; the runtime stage holds only dist/ and production
# node_modules, on Node 24 (Active LTS).

# --- build: every dependency, the type check, the bundle, then the dev tools go.
# The full image has python3, make and g++ for better-sqlite3 when no prebuilt
# binary matches (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/compilation.md).
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npx tsc --noEmit -p tsconfig.build.json \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled JavaScript and production dependencies only, not root.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:./data/kyc-desk.sqlite
WORKDIR /app
# Code stays owned by root and read-only to the app; only the data directory is its to write.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
# `node` (uid 1000) is the unprivileged user the official image provides.
USER node
# SQLite lives here (DATABASE_URL above is relative to WORKDIR); mount a volume to keep it.
VOLUME ["/app/data"]
EXPOSE 3000
# The slim image has no curl; Node's fetch does the probe. /healthz only says the process answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 and receives SIGTERM directly (npm would not forward it), so shutdown is graceful.
CMD ["node", "--enable-source-maps", "dist/main.js"]
