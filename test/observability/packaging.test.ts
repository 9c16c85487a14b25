/**
 * Docker cannot run on the build machine, so these check what the Dockerfile
 * and docker-compose.yml promise (issue 7, "Packaging") by reading them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDockerfile, type Instruction } from '../support/dockerfile-steps.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('Dockerfile', () => {
  const built = readDockerfile(readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8'));
  const [build, final] = [built[0]!.instructions, built.at(-1)!.instructions];
  const args = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('builds in two stages on the official Node 24 images (Active LTS), the runtime one slim', () => {
    expect(built.map((stage) => stage.from)).toEqual(['node:24-bookworm', 'node:24-bookworm-slim']);
  });

  it('type-checks and bundles in the build stage, then drops the dev dependencies', () => {
    const runs = args(build, 'RUN').join(' && ');
    expect(runs).toMatch(/npm ci .*npx tsc --noEmit -p tsconfig\.build\.json .*npm run build .*npm prune --omit=dev/);
  });

  it('ships only dist/ and production node_modules, with no compiler or install in the runtime stage', () => {
    expect(args(final, 'COPY')).toEqual([
      '--from=build /app/package.json ./package.json',
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
    ]);
    expect(args(final, 'RUN').join(' ')).not.toMatch(/g\+\+|npm (ci|install)/);
  });

  it('runs as a user that is not root', () => {
    const users = args(final, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('checks health on /healthz with node, since the slim image has no curl', () => {
    const [healthcheck] = args(final, 'HEALTHCHECK');
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toMatch(/CMD \["node",/);
  });

  it('keeps the SQLite directory of the default DATABASE_URL in a volume', () => {
    const workdir = args(final, 'WORKDIR').at(-1);
    expect(workdir).toBe('/app');
    expect(args(final, 'ENV').join(' ')).toContain('DATABASE_URL=file:./data/kyc-desk.sqlite');
    expect(args(final, 'VOLUME')).toEqual(['["/app/data"]']);
    expect(args(final, 'EXPOSE')).toEqual(['3000']);
  });

  it('starts the compiled app with node itself, so node receives the stop signal; tsx is for development only', () => {
    expect(args(final, 'CMD')).toEqual(['["node", "--enable-source-maps", "dist/main.js"]']);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
      engines: Record<string, string>;
    };
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(pkg.scripts.start).toBe('node --enable-source-maps dist/main.js');
    expect(pkg.engines.node).toBe('>=20.18');
  });
});

describe('.dockerignore', () => {
  it('keeps secrets and local state out of the build context', () => {
    const lines = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(lines[lines.findIndex((line) => !line.startsWith('#'))]).toBe('*');
    expect(lines).toContain('**/.env');
    expect(lines).not.toContain('!.env');
  });
});

describe('docker-compose.yml', () => {
  // Compose reads YAML merge keys (<<), which the yaml package applies only when asked.
  const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { image?: string; build?: string; environment?: Record<string, string> }>;
    configs?: Record<string, { content?: string }>;
  };
  const services = Object.entries(compose.services);
  const apps = services.filter(([, service]) => service.build === '.');

  it('runs PostgreSQL and two replicas of the app on it', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:\d+/);
    expect(apps).toHaveLength(2);
    for (const [, app] of apps) {
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/kyc:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\//);
    }
  });

  it('configures Slack in HTTP mode without writing any secret into the file', () => {
    for (const [, app] of apps) {
      expect(app.environment?.SLACK_BOT_TOKEN).toMatch(/^\$\{SLACK_BOT_TOKEN/);
      expect(app.environment?.SLACK_SIGNING_SECRET).toMatch(/^\$\{SLACK_SIGNING_SECRET/);
      expect(app.environment).not.toHaveProperty('SLACK_APP_TOKEN');
    }
  });

  it('balances the chat endpoints across both replicas and probes /readyz', () => {
    const caddyfile = compose.configs?.caddyfile?.content ?? '';
    for (const [name] of apps) expect(caddyfile).toContain(`${name}:3000`);
    expect(caddyfile).toContain('/slack/events');
    expect(caddyfile).toContain('/telegram/webhook');
    expect(caddyfile).toContain('health_uri /readyz');
  });
});
