/**
 * A gate on 127.0.0.1 between the app and the fake Slack (test/support/fake-slack.ts):
 * it passes every Web API call through unchanged, but can park the next call
 * of a method at one of two moments, so a test can stop or kill the app
 * exactly there:
 *
 * - 'request': the call has left the app but Slack has not seen it;
 * - 'response': Slack has accepted it (a posted message is in the channel)
 *   but the app has not heard back: the window in which only the message's
 *   delivery key can tell a restarted app that it went out.
 *
 * A parked call is then released (it goes on as if nothing happened) or
 * dropped (its connection is cut; the app, if still alive, sees a network error).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack } from '../../support/fake-slack.js';

export type GateStage = 'request' | 'response';

export interface ParkedCall {
  method: string;
  /** The call's form fields (or JSON body) as strings: `channel`, `text` ..., for failure messages. */
  params: Record<string, string>;
  release(): void;
  drop(): void;
}

export interface SlackGate {
  /** Web API base for the app (SLACK_API_URL). */
  apiUrl: string;
  /** Parks the next call of `method` at `stage`; resolves with it once one arrives. */
  parkNext(method: string, stage: GateStage): Promise<ParkedCall>;
  close(): Promise<void>;
}

interface Trap {
  method: string;
  stage: GateStage;
  take: (call: ParkedCall) => void;
}

export async function startSlackGate(fake: FakeSlack): Promise<SlackGate> {
  let traps: Trap[] = [];
  /** Parked calls not yet released or dropped, dropped on close(). */
  const parked = new Set<(go: boolean) => void>();

  /** Parks the call when a trap waits for it; resolves true to go on, false to drop it. */
  const checkpoint = (method: string, stage: GateStage, params: Record<string, string>): Promise<boolean> => {
    const trap = traps.find((candidate) => candidate.method === method && candidate.stage === stage);
    if (!trap) return Promise.resolve(true);
    traps = traps.filter((candidate) => candidate !== trap);
    return new Promise((resolve) => {
      const decide = (go: boolean) => {
        parked.delete(decide);
        resolve(go);
      };
      parked.add(decide);
      trap.take({ method, params, release: () => decide(true), drop: () => decide(false) });
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path;
    const body = await readAll(request);
    const params = readParams(body, request.headers['content-type']);
    if (!(await checkpoint(method, 'request', params))) return cut(response);

    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(`${fake.url}${request.url ?? '/'}`, { method: request.method, headers, body: request.method === 'POST' ? body : undefined });
    const answer = await upstream.text();
    if (!(await checkpoint(method, 'response', params))) return cut(response);

    const relayed: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/json' };
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) relayed['retry-after'] = retryAfter;
    response.writeHead(upstream.status, relayed);
    response.end(answer);
  };

  const server: Server = createServer((request, response) => {
    response.on('error', () => undefined);
    handle(request, response).catch(() => cut(response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${url}/api/`,
    parkNext: (method, stage) => new Promise((take) => traps.push({ method, stage, take })),
    close: () =>
      new Promise<void>((resolve) => {
        traps = [];
        for (const decide of [...parked]) decide(false);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function cut(response: ServerResponse): void {
  response.socket?.destroy();
  response.destroy();
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function readParams(body: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
