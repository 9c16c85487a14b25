/**
 * A fake of the three providers that answers with their documented examples
 * (test/fixtures/providers/) instead of our emulators' data: what a test
 * serves is what the docs say the provider sends. One HTTP server on
 * 127.0.0.1; routes are the clients' endpoint labels, under each provider's
 * base path. A route nobody set answers 501, so a test never passes on an
 * answer it did not choose. Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderName } from '../../src/domain/outcome.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import type { ProviderFixture } from './provider-fixtures.js';

export interface RecordedRequest {
  provider: ProviderName;
  method: string;
  /** The path below the provider's base path: `/customers/550e…`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** What a route answers: always the same, or by the path's `:id`. */
export type Route = Answer | ProviderFixture | ((request: RecordedRequest & { id?: string }) => Answer | ProviderFixture);

export interface ContractServer {
  /** Base URLs as the configuration takes them (with the version prefix where the provider has one). */
  urls: Record<ProviderName, string>;
  serve(provider: ProviderName, endpoint: string, route: Route): void;
  requests: RecordedRequest[];
  /** Forgets every route and recorded request. */
  reset(): void;
  /** Real clients pointed here, retrying once without delay. */
  providers(): Providers;
  close(): Promise<void>;
}

/** Base paths, as the live services put them (DESIGN.md, "Configuration"). */
const BASES: Record<ProviderName, string> = { loveandpay: '/api/v2', bank131: '/api/v1.1', stripe: '' };

export async function startContractServer(): Promise<ContractServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const provider = providerOf(url.pathname);
    const path = url.pathname.slice(BASES[provider].length);
    const recorded: RecordedRequest = { provider, method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers };
    requests.push(recorded);
    const found = match(routes, provider, recorded.method, path);
    const answer = found ? resolveRoute(found.route, { ...recorded, id: found.id }) : { status: 501, body: { error: `no route for ${req.method} ${url.pathname}` } };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = { loveandpay: origin + BASES.loveandpay, bank131: origin + BASES.bank131, stripe: origin };
  const opened: Providers[] = [];
  return {
    urls,
    requests,
    serve: (provider, endpoint, route) => void routes.set(`${provider} ${endpoint}`, route),
    reset: () => {
      routes.clear();
      requests.length = 0;
    },
    providers: () => {
      const providers = createProviders({
        loveandpay: { baseUrl: urls.loveandpay, apiKey: 'pk_test_contract', secretKey: 'sk_test_contract' },
        bank131: { baseUrl: urls.bank131, project: 'contract-project' },
        stripe: { apiBase: urls.stripe, secretKey: 'sk_test_contract' },
        retry: { maxAttempts: 2, baseDelayMs: 1 },
        timeouts: { connectMs: 2_000, requestMs: 5_000 },
      });
      opened.push(providers);
      return providers;
    },
    close: async () => {
      await Promise.all(opened.map((providers) => providers.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function providerOf(pathname: string): ProviderName {
  if (pathname.startsWith(`${BASES.loveandpay}/`)) return 'loveandpay';
  if (pathname.startsWith(`${BASES.bank131}/`)) return 'bank131';
  return 'stripe';
}

/** `GET /customers/:id` matches `/customers/550e…`; an exact path wins over a pattern. */
function match(routes: Map<string, Route>, provider: ProviderName, method: string, path: string) {
  const exact = routes.get(`${provider} ${method} ${path}`);
  if (exact) return { route: exact, id: undefined };
  for (const [key, route] of routes) {
    const [owner, verb, pattern] = key.split(' ');
    if (owner !== provider || verb !== method || !pattern?.includes(':id')) continue;
    const [head, tail = ''] = pattern.split(':id');
    if (path.startsWith(head!) && path.endsWith(tail) && path.length > head!.length + tail.length) {
      const id = decodeURIComponent(path.slice(head!.length, path.length - tail.length));
      if (!id.includes('/')) return { route, id };
    }
  }
  return undefined;
}

function resolveRoute(route: Route, request: RecordedRequest & { id?: string }): Answer {
  const answer = typeof route === 'function' ? route(request) : route;
  return { status: answer.status, body: answer.body };
}
