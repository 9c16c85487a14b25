/**
 * A response_url sink on 127.0.0.1 for the commands benchmark: resolves the
 * waiter of `/response/<id>` with the moment the answer's body fully
 * arrived (performance.now()), so latency is measured to the sub-millisecond.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  at: number;
  body: Record<string, unknown>;
}

export interface ResponseSink {
  url(id: string): string;
  /** Resolves when `/response/<id>` is posted (register before the command is sent). */
  expect(id: string, timeoutMs?: number): Promise<Answer>;
  /** Stops waiting for `/response/<id>`: the answer came another way (in the ack). */
  forget(id: string): void;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const waiting = new Map<string, (answer: Answer) => void>();
  const timers = new Map<string, NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const id = decodeURIComponent((request.url ?? '').slice('/response/'.length));
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = { unparsable: true };
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
      waiting.get(id)?.({ at, body });
      waiting.delete(id);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    expect: (id, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no answer at response_url ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        timers.set(id, timer);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          timers.delete(id);
          resolve(answer);
        });
      }),
    forget: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      waiting.delete(id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
