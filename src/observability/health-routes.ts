/** GET /healthz, /readyz and /metrics for the app's one HTTP server (src/chat/http-server.ts). */
import type { ServerResponse } from 'node:http';
import type { Route } from '../domain/front-end.js';
import type { Readiness } from './readiness.js';

export interface HealthRoutesOptions {
  /** From `createReadinessCheck(...)`. */
  readiness: () => Promise<Readiness>;
  /** From `createMetrics(...)`. */
  metrics: { contentType: string; render(): Promise<string> };
}

export function createHealthRoutes({ readiness, metrics }: HealthRoutesOptions): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      // Alive means the event loop answers; dependencies belong to /readyz, so a
      // database outage does not make the orchestrator restart healthy processes.
      handle: (_request, response) => send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ok' })),
    },
    {
      method: 'GET',
      path: '/readyz',
      async handle(_request, response) {
        const { ready, checks, info } = await readiness();
        const failing = checks.filter((check) => !check.ok).map(({ name, reason }) => ({ check: name, reason }));
        const body = ready
          ? { status: 'ready', checks: statusByCheck(checks), ...info }
          : {
              status: 'not_ready',
              reason: failing.map(({ check, reason }) => `${check}: ${reason}`).join('; '),
              failing,
              checks: statusByCheck(checks),
              ...info,
            };
        send(response, ready ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(body));
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      async handle(_request, response) {
        send(response, 200, metrics.contentType, await metrics.render());
      },
    },
  ];
}

function statusByCheck(checks: Readiness['checks']): Record<string, 'ok' | 'failing'> {
  return Object.fromEntries(checks.map((check) => [check.name, check.ok ? 'ok' : 'failing']));
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  // Probes and scrapers must always see the current state, never a cached one.
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}
