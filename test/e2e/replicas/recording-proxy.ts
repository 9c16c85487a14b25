/**
 * A pass-through HTTP proxy on 127.0.0.1 that records when each request
 * arrived. Every app instance talks to the shared sandbox emulators through
 * proxies of its own, so a test can tell which replica called a provider and
 * when, without touching the app: the alert sweeps are the only provider
 * callers when no command runs.
 *
 * Paths are forwarded unchanged, so Love&Pay's signature (over METHOD + PATH
 * + TIMESTAMP + body hash, DESIGN.md) still verifies; only the origin differs.
 */
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** Date.now() when the request reached the proxy. */
  at: number;
}

export interface RecordingProxy {
  /** Origin, e.g. http://127.0.0.1:53122. */
  origin: string;
  /** A base URL like `target` (same path), pointing at this proxy. */
  base(target: string): string;
  /** Requests seen so far (a copy). */
  requests(): ProxiedRequest[];
  close(): Promise<void>;
}

/** Forwards everything to `targetOrigin` (scheme, host and port). */
export async function startRecordingProxy(targetOrigin: string): Promise<RecordingProxy> {
  const target = new URL(targetOrigin);
  const agent = new Agent({ keepAlive: true });
  const seen: ProxiedRequest[] = [];

  const server: Server = createServer((incoming, outgoing) => {
    seen.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', at: Date.now() });
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('proxy: upstream failed');
    });
    incoming.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    base: (targetBase) => {
      const url = new URL(targetBase);
      return `${origin}${url.pathname === '/' ? '' : url.pathname}`;
    },
    requests: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
