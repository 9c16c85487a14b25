# syntax=docker/dockerfile:1
# KYC Desk: one image for a single container on SQLite or several replicas on
# PostgreSQL (see docker-compose.yml). The app runs its TypeScript through tsx,
# which is a runtime dependency, so there is no compile step.

# --- deps: production node_modules only. better-sqlite3 downloads a prebuilt
# binary when one matches and compiles itself otherwise, which needs python3,
# make and g++ (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/compilation.md).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime: no compiler, no dev dependencies, not root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:./data/kyc-desk.sqlite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# Code stays owned by root and read-only to the app; only the data directory is its to write.
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
RUN mkdir -p /app/data && chown node:node /app/data
# `node` (uid 1000) is the unprivileged user the official image provides.
USER node
# SQLite lives here (DATABASE_URL above is relative to WORKDIR); mount a volume to keep it.
VOLUME ["/app/data"]
EXPOSE 3000
# The slim image has no curl; Node 20's fetch does the probe. /healthz only says the process answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 and receives SIGTERM directly (npm would not forward it), so shutdown is graceful.
CMD ["node", "--import", "tsx", "src/main.ts"]
