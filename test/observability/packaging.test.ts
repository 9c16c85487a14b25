/**
 * Docker cannot run on the build machine, so these check what the Dockerfile
 * and docker-compose.yml promise (issue 7, "Packaging") by reading them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function stages(all: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

describe('Dockerfile', () => {
  const all = instructions(readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8'));
  const built = stages(all);
  const final = built.at(-1) ?? [];
  const args = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('builds in several stages, every one on the official Node 20 image', () => {
    expect(built.length).toBeGreaterThanOrEqual(2);
    for (const stage of built) expect(stage[0]!.args).toMatch(/^node:20(-[a-z0-9-]+)?(\s+AS\s+\S+)?$/i);
  });

  it('compiles native modules in a build stage and ships only production dependencies', () => {
    const deps = built.find((stage) => args(stage, 'RUN').some((run) => run.includes('npm ci')))!;
    expect(deps).not.toBe(final);
    expect(args(deps, 'RUN').join(' ')).toMatch(/python3.*make.*g\+\+/);
    expect(args(deps, 'RUN').join(' ')).toContain('npm ci --omit=dev');
    expect(args(final, 'COPY').some((copy) => /^--from=\S+ \/app\/node_modules/.test(copy))).toBe(true);
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

  it('starts the app with node and tsx, so node receives the stop signal itself', () => {
    expect(args(final, 'CMD')).toEqual(['["node", "--import", "tsx", "src/main.ts"]']);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.tsx).toBeDefined();
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
