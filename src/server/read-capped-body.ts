/**
 * A request body read up to a cap, and never past it: a body that announces
 * more in Content-Length is refused before a byte of it is read, and one that
 * streams more (chunked) is refused as soon as it passes the cap. Either way
 * at most the cap is held in memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './send-json.js';

export type CappedBody =
  | { ok: true; body: Buffer }
  /** `aborted`: the client went away before the end; there is nobody left to answer. */
  | { ok: false; reason: 'too_large' | 'aborted' };

export function readCappedBody(request: IncomingMessage, limitBytes: number): Promise<CappedBody> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limitBytes) return Promise.resolve({ ok: false, reason: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: CappedBody) => {
      request.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.pause();
        finish({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onGone = () => finish({ ok: false, reason: 'aborted' });
    request.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
}

/**
 * 413, and the connection closed once it is sent: the rest of the body is
 * never read, so a client cannot keep the server busy by streaming on.
 */
export function answerTooLarge(request: IncomingMessage, response: ServerResponse, limitBytes: number): void {
  response.setHeader('connection', 'close');
  sendJson(response, 413, { error: 'payload_too_large', limit_bytes: limitBytes });
  response.once('finish', () => {
    if (!request.complete) request.socket.destroy();
  });
}
