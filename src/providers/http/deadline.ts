/**
 * The whole-request time limit of one attempt, handed to undici as its
 * `signal`, which may be an AbortSignal or an EventEmitter (undici docs,
 * Dispatcher.request: "signal: AbortSignal | events.EventEmitter | null").
 * When the time is up it aborts as AbortSignal.timeout() would, with a
 * TimeoutError, and undici fails the request or destroys its body.
 *
 * Not AbortSignal.timeout() itself: each of those holds a WeakRef, a
 * FinalizationRegistry entry and an uncleared timer for the full limit,
 * and undici listens on it through EventTarget; on a walk of 1,000 pages
 * that was about 12 ms of CPU and garbage, more than everything else the
 * client does around a request (npm run bench, issue 20). This one is a
 * timer cleared the moment the attempt ends.
 */
import { EventEmitter } from 'node:events';

export class Deadline extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => this.expire(), ms);
    // Like AbortSignal.timeout(): a pending limit alone does not keep the process running.
    this.timer.unref();
  }

  /** The attempt ended (answered or failed): the limit no longer applies. */
  clear(): void {
    clearTimeout(this.timer);
  }

  private expire(): void {
    this.aborted = true;
    this.reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    this.emit('abort');
  }
}
