/**
 * Plumbing shared by the three emulators: a node:http server on loopback
 * that reads the request, routes `/_sandbox/...` to the control surface
 * (never counted, never faulted), applies injected faults, then lets the
 * provider's handler answer.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderName } from '../domain/outcome.js';
import type { Faults, HugeAnswer } from './faults.js';
import { writeHugeJson } from './huge-body.js';

export interface Incoming {
  method: string;
  /** The path exactly as sent, without the query string (what Love&Pay signs). */
  rawPath: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** The id this answer carries in its request-id header. */
  requestId: string;
}

export interface Outgoing {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  /** Streamed instead of `body`/`raw` (the `huge` fault). */
  huge?: HugeAnswer;
}

export type Handler = (request: Incoming) => Outgoing | Promise<Outgoing>;

export interface FaultReplies {
  failure(status: number, requestId: string): Outgoing;
  rateLimited(retryAfterSeconds: number, requestId: string): Outgoing;
}

export interface EmulatorSpec {
  provider: ProviderName;
  port: number;
  faults: Faults;
  requestIdHeader: string;
  newRequestId(): string;
  serve: Handler;
  faultReplies: FaultReplies;
  control: Handler;
}

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

/** A body cut off mid-object: valid HTTP, broken JSON. */
const MALFORMED_JSON = '{"success":true,"data":[{"id":"';

const MAX_BODY_BYTES = 1_000_000;

export async function startEmulator(spec: EmulatorSpec): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const incoming: Incoming = {
        method: req.method ?? 'GET',
        rawPath: (req.url ?? '/').split('?')[0] ?? '/',
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        requestId: spec.newRequestId(),
      };
      let closed = false;
      res.on('close', () => (closed = true));
      answer(spec, incoming, () => closed)
        .catch((error: unknown): Outgoing => ({ status: 500, body: { error: 'sandbox failure', message: String(error) } }))
        .then((outgoing) => {
          if (closed || res.headersSent) return;
          if (outgoing.huge) {
            return void serveHuge(spec, incoming, res, outgoing.huge).catch(() => {
              spec.faults.recordHuge(spec.provider, { state: 'abandoned' });
              res.destroy();
            });
          }
          const text = outgoing.raw ?? JSON.stringify(outgoing.body ?? null);
          res.writeHead(outgoing.status, {
            'content-type': 'application/json; charset=utf-8',
            [spec.requestIdHeader]: incoming.requestId,
            ...outgoing.headers,
          });
          res.end(text);
        });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(spec.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function serveHuge(spec: EmulatorSpec, incoming: Incoming, res: ServerResponse, huge: HugeAnswer): Promise<void> {
  const record = (change: Parameters<Faults['recordHuge']>[1]) => spec.faults.recordHuge(spec.provider, change);
  record({ state: 'sending' });
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    [spec.requestIdHeader]: incoming.requestId,
    ...(huge.contentLength ? { 'content-length': String(huge.bytes) } : {}),
  });
  const whole = await writeHugeJson(res, huge.bytes, (bytes) => record({ bytes }));
  record({ state: whole ? 'completed' : 'abandoned' });
}

async function answer(spec: EmulatorSpec, request: Incoming, isClosed: () => boolean): Promise<Outgoing> {
  if (request.rawPath.startsWith('/_sandbox/')) return spec.control(request);
  const { latencyMs, decision } = spec.faults.next(spec.provider);
  if (latencyMs > 0) await delay(latencyMs, isClosed);
  switch (decision.kind) {
    case 'fail':
      return spec.faultReplies.failure(decision.status, request.requestId);
    case 'rate_limit': {
      const reply = spec.faultReplies.rateLimited(decision.retryAfterSeconds, request.requestId);
      return { ...reply, headers: { ...reply.headers, 'retry-after': String(decision.retryAfterSeconds) } };
    }
    case 'malformed':
      return { status: 200, raw: MALFORMED_JSON };
    case 'huge':
      return { status: 200, huge: { bytes: decision.bytes, contentLength: decision.contentLength } };
    default:
      return spec.serve(request);
  }
}

/** Waits, but stops early once the client has gone (a timed-out test must not keep timers alive). */
function delay(ms: number, isClosed: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      const left = ms - (Date.now() - started);
      if (left <= 0 || isClosed()) return resolve();
      setTimeout(tick, Math.min(left, 25)).unref();
    };
    tick();
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Matches `/kyc/sessions/:id` against a path; returns the decoded parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
      if (!g) return null;
    } else if (w !== g) return null;
  }
  return params;
}
