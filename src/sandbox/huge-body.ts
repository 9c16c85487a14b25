/**
 * The `huge` fault's answer: a 200 whose JSON body is as many bytes as asked
 * (hundreds of megabytes if need be), written in chunks as fast as the client
 * reads, and abandoned the moment the client goes away. The emulator never
 * holds the body in memory, so a test or a measurement sees the client's
 * memory, not the emulator's.
 */
import type { ServerResponse } from 'node:http';

const CHUNK_BYTES = 64 * 1024;
const FILLER = Buffer.alloc(CHUNK_BYTES, 'x');
const HEAD = Buffer.from('{"success":true,"padding":"');
const TAIL = Buffer.from('"}');

/**
 * Writes the body (headers must already be sent) and resolves true when it
 * was sent whole, false when the client hung up first; `sent` hears of every
 * chunk handed to the socket. Bodies too small for the padding object are
 * `{}` plus spaces.
 */
export async function writeHugeJson(res: ServerResponse, bytes: number, sent: (bytes: number) => void): Promise<boolean> {
  let closed = false;
  res.once('close', () => (closed = true));
  // A write racing the client's hang-up fails; the next check stops the loop.
  res.on('error', () => {});
  const gone = () => closed || res.destroyed || res.writableEnded;

  /** One chunk, waiting for the socket to drain when the client reads slower than we write. False once the client is gone. */
  const write = async (chunk: Buffer): Promise<boolean> => {
    if (gone()) return false;
    const flowing = res.write(chunk);
    sent(chunk.length);
    if (!flowing) await drainedOrClosed(res);
    return !gone();
  };

  const framed = bytes >= HEAD.length + TAIL.length;
  const head = framed ? HEAD : Buffer.from('{}');
  const tail = framed ? TAIL : Buffer.alloc(Math.max(0, bytes - head.length), ' ');
  let left = framed ? bytes - head.length - tail.length : 0;
  if (!(await write(head))) return false;
  while (left > 0) {
    const piece = left >= FILLER.length ? FILLER : FILLER.subarray(0, left);
    left -= piece.length;
    if (!(await write(piece))) return false;
  }
  if (gone()) return false;
  res.end(tail);
  sent(tail.length);
  return true;
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
