/**
 * Delivers the outbox: claims due rows, groups them per chat (oldest first),
 * turns each chat's rows into cards, card edits with their thread replies,
 * or digests (card-delivery.ts, digest.ts) and sends them one after another
 * within the platform's pace, each message and edit in a slot of its own
 * (rate-limiter.ts). Chats are served in
 * parallel; one slow or failing chat never holds up another. Each message's
 * rows are marked sent right after it went out (in-doubt.ts closes the
 * window a crash could leave between the two).
 *
 * Failures (DeliveryError scopes, domain/delivery.ts):
 * - 'retry' (a 429, a 5xx, the network): the chat's rows go back with
 *   backoff, honouring Retry-After; the store holds the whole chat while one
 *   of its rows waits (claimOutbox), so later rows cannot overtake.
 * - 'chat' (channel gone, bot removed): the chat is disabled with the reason,
 *   which fails its unsent rows, logged once.
 * - 'platform' (the token fails): every chat of the platform waits, nothing
 *   is disabled or failed; the token is checked again with backoff and
 *   delivery resumes by itself (platform-pause.ts).
 *
 * While a message is being sent, the round renews the lease of the rows it
 * holds (and the leadership lease), so a slow send (a client waiting out a
 * long retry_after) cannot let another replica claim and send them again.
 */
import { chatKey, type ChatRef, type Platform } from '../domain/chat.js';
import { DeliveryError, type ChatSender } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../log.js';
import { backoffDelayMs } from '../providers/retry-policy.js';
import type { OutboxEntry, Store, SummaryEntry, SummaryOrder } from '../store/types.js';
import type { AlertView } from './alert-reply.js';
import { HandedBack, planCardSteps, recordCard, runStep, type Step } from './card-delivery.js';
import { alreadyDelivered, type InDoubt } from './in-doubt.js';
import { PlatformPauses, type PlatformPause } from './platform-pause.js';
import type { RateLimiter } from './rate-limiter.js';
import type { NoticeResult } from './sweep-bank131.js';

export interface DeliveryDeps {
  store: Store;
  senders: Partial<Record<Platform, ChatSender>>;
  view: AlertView;
  logger: Logger;
  now: () => Date;
  limiter: RateLimiter;
  /** Names this process in outbox claims. */
  worker: string;
  /** How long claimed rows stay ours (default 30 s); a round starts no message after half of it. */
  leaseMs?: number;
  /** Rows claimed per round (default 1,000). */
  batchSize?: number;
  /** Chats served at once (default 32). */
  chatConcurrency?: number;
  /** First retry delay and the longest (defaults 1 s and 10 min). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Errors that are not a DeliveryError are retried this many times, then the rows fail (default 10). */
  maxUnexpectedAttempts?: number;
  /** Where token failures pause a platform (shared with /readyz and /metrics). */
  pauses?: PlatformPauses;
  /** Renews whatever else must outlive a slow send (the leadership lease), alongside the claims. */
  keepAlive?: () => Promise<unknown>;
  /** A day's summary as the reply to post (stats/stats-answer.ts); without it summary rows stay queued. */
  summaryReply?: (order: SummaryOrder) => Promise<Reply>;
  /** Called when a summary's message was posted but its chart was not (SendOptions.onFileFailed). */
  onFileFailed?: (platform: Platform) => void;
}

export interface DeliveryReport {
  claimed: number;
  /** Rows delivered (several per digest). */
  sent: number;
  /** Messages posted. */
  messages: number;
  /** Rows put back for later. */
  retried: number;
  /** Rows given up on. */
  failed: number;
  /** When the earliest row put back for later comes due, if any was: the next round need not start later. */
  nextDueAt?: Date;
}

interface Round {
  /** Pacing-clock time (limiter.now()) after which no message starts. */
  deadline: number;
  /** Aborted when alerts stop. */
  signal?: AbortSignal;
  report: DeliveryReport;
  /** Every row this round claimed, for lease renewal while a send is slow. */
  claimed: number[];
  /** One token check per paused platform and round, shared by its chats. */
  authChecks: Map<Platform, Promise<boolean>>;
  /** Aborted once alerts newer than the round's claim are queued (deliverOnce). */
  arrivals?: AbortSignal;
}

/** Why one-by-one alerts went back: newer ones arrived, and the chat's next slot plans them all (deliverOnce). */
const REPLANNED = 'paced: planned again with newer alerts at the next free slot';

/**
 * A signal aborted when either is, until release(). Not AbortSignal.any():
 * on Node 20 the long-lived signal (alerts stopping) keeps every signal ever
 * combined with it (nodejs/node#55351), one per paced card.
 */
function linked(a: AbortSignal | undefined, b: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const signal of [a, b]) {
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    release: () => {
      a?.removeEventListener('abort', abort);
      b?.removeEventListener('abort', abort);
    },
  };
}

/** A platform with no sender configured is asked again this much later. */
const NO_SENDER_RETRY_MS = 3_600_000;

export class OutboxDelivery {
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly chatConcurrency: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly maxUnexpectedAttempts: number;
  /** Chats whose permanent failure or missing sender was already logged. */
  private readonly reported = new Set<string>();
  /**
   * Failed sends in a row, per chat. Backoff counts these, not the rows'
   * claim counts: rows are also claimed again when pacing hands them back or
   * after a crash, and those must not stretch the wait after one 429.
   */
  private readonly failures = new Map<string, number>();
  readonly pauses: PlatformPauses;

  constructor(private readonly deps: DeliveryDeps) {
    this.pauses = deps.pauses ?? new PlatformPauses();
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.batchSize = deps.batchSize ?? 1_000;
    this.chatConcurrency = deps.chatConcurrency ?? 32;
    this.retryBaseMs = deps.retryBaseMs ?? 1_000;
    this.retryMaxMs = deps.retryMaxMs ?? 600_000;
    this.maxUnexpectedAttempts = deps.maxUnexpectedAttempts ?? 10;
  }

  /**
   * One round: claim what is due and deliver it. `signal` stops starting new
   * messages (rows go back at once). `arrivals`, taken before the claim and
   * aborted when newer alerts are queued, stops a chat's one-by-one alerts
   * from waiting for its slot: they go back to be planned at that slot with
   * the newer ones, and more than five by then go as one digest rather than
   * a card a second behind each other.
   */
  async deliverOnce(signal?: AbortSignal, arrivals?: AbortSignal): Promise<DeliveryReport> {
    const report: DeliveryReport = { claimed: 0, sent: 0, messages: 0, retried: 0, failed: 0 };
    const claim = { worker: this.deps.worker, limit: this.batchSize, leaseMs: this.leaseMs, now: this.deps.now() };
    const alerts = await this.deps.store.claimOutbox(claim);
    // Daily summaries share the outbox's claims and leases, and each chat's pace with its alerts.
    const summaries = this.deps.summaryReply ? await this.deps.store.claimSummaries(claim) : [];
    const entries: Claimed[] = [...alerts, ...summaries];
    report.claimed = entries.length;
    if (entries.length === 0) return report;

    // No message starts after half the lease, so claimed rows are always sent or handed back before it runs out.
    const round: Round = {
      deadline: this.deps.limiter.now() + this.leaseMs / 2,
      signal,
      report,
      claimed: entries.map((entry) => entry.id),
      authChecks: new Map(),
      arrivals,
    };
    const chats = [...groupByChat(entries).values()];
    const worker = async () => {
      for (let chat = chats.shift(); chat; chat = chats.shift()) {
        await this.deliverChat(chat[0]!.chat, chat, round);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.chatConcurrency, chats.length) }, worker));
    return report;
  }

  /** A message outside the outbox (a watch giving up), paced like alerts; at least once. */
  async sendNotice(chat: ChatRef, reply: Reply, signal?: AbortSignal): Promise<NoticeResult> {
    const sender = this.deps.senders[chat.platform];
    if (!sender) return 'dropped';
    if (!(await this.deps.limiter.acquire(chat, signal))) return 'retry';
    try {
      await sender.send(chat.chatId, reply);
      return 'sent';
    } catch (error) {
      const { failure } = deliveryFailure(error);
      if (failure.scope === 'chat') {
        this.deps.logger.warn({ platform: chat.platform, chatId: chat.chatId, reason: failure.reason }, 'notice not delivered: chat unreachable');
        return 'dropped';
      }
      if (failure.retryAfterMs !== undefined) this.deps.limiter.pause(chat, failure.retryAfterMs);
      return 'retry';
    } finally {
      this.deps.limiter.sent(chat);
    }
  }

  private async deliverChat(chat: ChatRef, entries: Claimed[], round: Round) {
    const { store, logger, limiter } = this.deps;
    const { report } = round;
    const ids = entries.map((entry) => entry.id);
    const sender = this.deps.senders[chat.platform];
    if (!sender) {
      this.reportOnce(chat, () => logger.warn({ platform: chat.platform }, 'alerts queued for a platform with no sender; kept for later'));
      await this.retry(ids, `no ${chat.platform} sender configured`, NO_SENDER_RETRY_MS, report);
      return;
    }
    if (!(await this.platformUsable(chat.platform, sender, round))) {
      const pause = this.pauses.get(chat.platform)!;
      await this.retry(ids, `paused: the ${chat.platform} token failed (${pause.reason})`, this.untilCheck(pause), report);
      return;
    }
    let doubt: InDoubt;
    try {
      doubt = await alreadyDelivered(store, sender, chat, entries);
    } catch (error) {
      // Cannot tell whether the last message went out: sending could duplicate it, so wait and ask again.
      logger.warn({ err: error, platform: chat.platform, chatId: chat.chatId }, 'could not check an in-doubt alert; will ask again');
      await this.retry(ids, 'in doubt: delivery check failed', this.backoff(chat), report);
      return;
    }
    const delivered = doubt.ids;
    if (delivered.length > 0) {
      if (doubt.card) await recordCard(store, sender, chat, doubt.card.object, doubt.card.message, this.deps.now());
      await store.markSent(delivered, this.deps.now());
      report.sent += delivered.length;
      logger.info({ platform: chat.platform, chatId: chat.chatId, rows: delivered.length }, 'in-doubt alert was already delivered; not sent again');
    }
    const pending = entries.filter((entry) => !delivered.includes(entry.id));
    const { steps, context, digest } = await planCardSteps(store, sender, chat, pending.filter(isAlert), this.deps.view);
    // A summary goes after the chat's alerts of the round, in a slot of its own.
    const plan: Step[] = [
      ...steps,
      ...pending.filter(isSummary).map((entry): Step => ({ kind: 'summary', entries: [entry], order: entry.order })),
    ];
    // A step's further messages (a card update's thread reply) take their own slots.
    const nextSlot = async () => {
      limiter.sent(chat);
      return limiter.acquire(chat, round.signal);
    };
    for (let index = 0; index < plan.length; index += 1) {
      const message = plan[index]!;
      const rest = plan.slice(index).flatMap((planned) => planned.entries.map((entry) => entry.id));
      const wait = limiter.delayFor(chat);
      if (limiter.now() + wait > round.deadline) {
        // The chat's pace puts this message past the round: the store holds the chat until its slot comes.
        await this.retry(rest, 'paced: waiting for the next free slot', wait, report);
        return;
      }
      // One-by-one alerts stop waiting once newer ones have arrived (already, or during the wait). Only a wait is
      // cut short: a message whose slot is open goes now, so a chat always moves on.
      const replan = !digest && round.arrivals !== undefined && wait > 0;
      const stopWaiting = replan ? linked(round.signal, round.arrivals) : { signal: round.signal, release: () => {} };
      const acquired = await limiter.acquire(chat, stopWaiting.signal).finally(stopWaiting.release);
      if (!acquired) {
        if (round.signal?.aborted) await this.retry(rest, 'handed back: delivery stopped', 0, report);
        else await this.retry(rest, REPLANNED, limiter.delayFor(chat), report);
        return;
      }
      const messageIds = message.entries.map((entry) => entry.id);
      let posted = 0;
      const step = { store, sender, context, now: this.deps.now, nextSlot, summaryReply: this.deps.summaryReply, onFileFailed: this.deps.onFileFailed };
      const failure = await this.keepingLeases(round, () => runStep(message, step)).then(
        (count) => {
          posted = count;
          return null;
        },
        (error: unknown) => error ?? new Error('send failed'),
      );
      limiter.sent(chat);
      if (failure instanceof HandedBack) {
        await this.retry(rest, 'handed back: delivery stopped', 0, report);
        return;
      }
      if (failure) {
        if (await this.handleFailure(chat, message, rest, failure, report)) return;
        continue;
      }
      await store.markSent(messageIds, this.deps.now());
      report.sent += messageIds.length;
      report.messages += posted;
      this.reported.delete(chatKey(chat));
      this.failures.delete(chatKey(chat));
      this.resumed(chat.platform);
    }
  }

  /**
   * False while the platform's token is known to fail and its next check is
   * not due. When it is due, the sender's checkAuth decides (once per round
   * for all the platform's chats); a sender without one finds out by sending.
   */
  private async platformUsable(platform: Platform, sender: ChatSender, round: Round): Promise<boolean> {
    const pause = this.pauses.get(platform);
    if (!pause) return true;
    if (this.deps.now() < pause.nextCheckAt) return false;
    if (!sender.checkAuth) return true;
    let check = round.authChecks.get(platform);
    if (!check) {
      check = sender.checkAuth().then(
        () => {
          this.resumed(platform);
          return true;
        },
        (error: unknown) => {
          this.pauses.pause(platform, deliveryFailure(error).failure.reason, this.deps.now());
          return false;
        },
      );
      round.authChecks.set(platform, check);
    }
    return check;
  }

  private resumed(platform: Platform): void {
    const ended = this.pauses.resume(platform);
    if (!ended) return;
    const pausedMs = this.deps.now().getTime() - ended.since.getTime();
    this.deps.logger.info({ platform, reason: ended.reason, pausedMs, checks: ended.checks }, 'chat token works again: alert delivery resumed');
  }

  private untilCheck(pause: PlatformPause): number {
    return Math.max(0, pause.nextCheckAt.getTime() - this.deps.now().getTime());
  }

  /**
   * Runs a send, renewing the round's leases every third of the lease while
   * it lasts: a send may wait out a long Retry-After inside the platform's
   * client, and the rows must stay this worker's until it returns.
   */
  private async keepingLeases<T>(round: Round, send: () => Promise<T>): Promise<T> {
    const every = Math.max(100, Math.floor(this.leaseMs / 3));
    const timer = setInterval(() => {
      this.deps.store
        .renewClaims(round.claimed, { worker: this.deps.worker, leaseMs: this.leaseMs, now: this.deps.now() })
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not renew the outbox lease'));
      this.deps.keepAlive?.().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not renew leadership during a send'));
    }, every);
    try {
      return await send();
    } finally {
      clearInterval(timer);
    }
  }

  /** Returns true when the chat's remaining messages must wait (or are gone), false to go on with the next one. */
  private async handleFailure(
    chat: ChatRef,
    message: Step,
    rest: number[],
    error: unknown,
    report: DeliveryReport,
  ): Promise<boolean> {
    const { store, logger } = this.deps;
    const { failure, known } = deliveryFailure(error);
    const where = { platform: chat.platform, chatId: chat.chatId, reason: failure.reason };
    if (failure.scope === 'platform') {
      // The token, not the chat: this chat's rows wait with everyone else's on the platform.
      const fresh = this.pauses.pause(chat.platform, failure.reason, this.deps.now());
      const pause = this.pauses.get(chat.platform)!;
      await this.retry(rest, `paused: the ${chat.platform} token failed (${failure.reason})`, this.untilCheck(pause), report);
      if (fresh) logger.error({ platform: chat.platform, reason: failure.reason }, 'chat token failed: alert delivery paused until it works again');
      return true;
    }
    if (failure.scope === 'chat') {
      // Fails the chat's unsent rows, these included (Store.disableChat).
      await store.disableChat(chat, failure.reason, this.deps.now());
      report.failed += rest.length;
      this.reportOnce(chat, () => logger.warn(where, 'chat unreachable: its alert subscriptions are disabled'));
      return true;
    }
    const attempts = (this.failures.get(chatKey(chat)) ?? 0) + 1;
    if (!known && attempts >= this.maxUnexpectedAttempts) {
      // Retrying a bug will not help; give up on this message only, so the chat's other alerts still go out.
      const ids = message.entries.map((entry) => entry.id);
      await store.markFailed(ids, { error: failure.reason, now: this.deps.now() });
      report.failed += ids.length;
      this.failures.delete(chatKey(chat));
      logger.error({ err: error, ...where, attempts }, 'alert could not be sent; gave up');
      return false;
    }
    const delayMs = Math.max(failure.retryAfterMs ?? 0, this.backoff(chat));
    this.deps.limiter.pause(chat, delayMs);
    await this.retry(rest, failure.reason, delayMs, report);
    const log = known ? logger.warn.bind(logger) : logger.error.bind(logger);
    log({ ...(known ? {} : { err: error }), ...where, retryInMs: delayMs }, 'alert delivery failed; will retry');
    return true;
  }

  private async retry(ids: number[], error: string, delayMs: number, report: DeliveryReport): Promise<void> {
    if (ids.length === 0) return;
    const retryAt = new Date(this.deps.now().getTime() + delayMs);
    await this.deps.store.markRetry(ids, { error, retryAt });
    report.retried += ids.length;
    if (!report.nextDueAt || retryAt < report.nextDueAt) report.nextDueAt = retryAt;
  }

  /** Counts one more failure for the chat and returns its exponential backoff with jitter, capped. */
  private backoff(chat: ChatRef): number {
    const attempts = (this.failures.get(chatKey(chat)) ?? 0) + 1;
    this.failures.set(chatKey(chat), attempts);
    const delay = backoffDelayMs({ baseDelayMs: this.retryBaseMs, maxAttempts: 0, retryAfterCapMs: 0 }, Math.min(attempts, 30));
    return Math.min(this.retryMaxMs, delay);
  }

  private reportOnce(chat: ChatRef, log: () => void): void {
    if (this.reported.has(chatKey(chat))) return;
    this.reported.add(chatKey(chat));
    log();
  }
}

/**
 * A failed send as the delivery loop reads it. A DeliveryError says what the
 * failure is about; anything else (a bug, an unwrapped network failure) is
 * retried a bounded number of times (maxUnexpectedAttempts) and named by its
 * class only: its message may quote what was being sent.
 */
function deliveryFailure(error: unknown): { failure: DeliveryError; known: boolean } {
  if (error instanceof DeliveryError) return { failure: error, known: true };
  const name = error instanceof Error ? error.name : typeof error;
  return { failure: new DeliveryError('unexpected send failure', 'retry', `unexpected ${name}`), known: false };
}

/** A claimed row: an alert (or a card update), or a day's summary. */
type Claimed = OutboxEntry | SummaryEntry;

const isAlert = (entry: Claimed): entry is OutboxEntry => 'event' in entry;
const isSummary = (entry: Claimed): entry is SummaryEntry => 'order' in entry;

/** Claims come oldest first (Store.claimOutbox), so each chat's group keeps that order. */
function groupByChat(entries: Claimed[]): Map<string, Claimed[]> {
  const groups = new Map<string, Claimed[]>();
  for (const entry of entries) {
    const key = chatKey(entry.chat);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
}
