/**
 * The one HTTP server of the app (DESIGN.md: PORT serves /slack/events,
 * /telegram/webhook, /webhooks/loveandpay, /webhooks/stripe, /healthz,
 * /readyz and /metrics). Each part contributes routes; the server only
 * dispatches, so transports stay apart from logic.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Route } from '../domain/front-end.js';
import { sendJson } from '../server/send-json.js';

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function startHttpServer(
  routes: Route[],
  port: number,
  host = '0.0.0.0',
  onError: (error: unknown) => void = () => {},
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = routes.find((candidate) => candidate.path === path && candidate.method === request.method);
    if (!route) {
      const known = routes.some((candidate) => candidate.path === path);
      sendJson(response, known ? 405 : 404, { error: known ? 'method_not_allowed' : 'not_found' });
      return;
    }
    Promise.resolve(route.handle(request, response)).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal_error' });
      else response.end();
    });
  });
  // Slack and Telegram keep connections open; idle ones must not hold shutdown hostage.
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
      resolve({
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
