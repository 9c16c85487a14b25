/**
 * Keeps the App Home of people who opened it lately current, paced per
 * person: opening the Home publishes it, and when what it shows changes (a
 * review action, a new alert, a subscription: ChatFrontEnd.stateChanged)
 * each recent viewer's Home is published again, at most once per
 * `minIntervalMs` however many changes come in between (the last change
 * always gets its publish). All Homes together keep to views.publish's
 * rate (`spacingMs` between two publishes), so a change seen by many people
 * is published to them one after another, not in a burst Slack refuses.
 * Memory is bounded: at most `maxViewers` people
 * are followed, the one who opened it longest ago goes first, and nobody is
 * followed past `followMs` after their last open (their next open
 * publishes afresh). Only people the Home has something to show are
 * followed: when a publish says so (`publish` resolves false: someone in no
 * allowed channel), the person is followed no further until they open it
 * again. A failed publish is logged; the next change tries again.
 */
import type { Logger } from '../../log.js';
import { SLACK_LIMITS } from './limits.js';

export interface Viewer {
  userId: string;
  /** The app's direct message with them (app_home_opened's `channel`). */
  dm?: string;
}

export interface HomeRefreshOptions {
  /** Least time between two publishes of one person's Home (default 5 s). */
  minIntervalMs?: number;
  /** How long after opening it a person's Home is kept current (default 15 minutes). */
  followMs?: number;
  /** People followed at once (default 200): a busy channel's changes must not turn into a storm of views.publish. */
  maxViewers?: number;
  /** Least time between two publishes of anyone's Home (default 600 ms: views.publish's 100 a minute, limits.ts). */
  spacingMs?: number;
  now?: () => number;
  /** Runs `run` after `delayMs` and returns what cancels it (default: an unref'd setTimeout; tests give virtual time). */
  schedule?: (run: () => void, delayMs: number) => () => void;
}

const realSchedule = (run: () => void, delayMs: number): (() => void) => {
  const timer = setTimeout(run, delayMs);
  // A Home waiting to be published keeps no process alive.
  timer.unref();
  return () => clearTimeout(timer);
};

interface Followed {
  viewer: Viewer;
  openedAt: number;
  lastPublishAt: number;
  /** Cancels the publish scheduled, when one is. */
  cancel?: () => void;
  publishing: boolean;
  /** A change came in while publishing: publish once more after it. */
  again: boolean;
}

export class HomeRefresh {
  private readonly followed = new Map<string, Followed>();
  private readonly minIntervalMs: number;
  private readonly followMs: number;
  private readonly maxViewers: number;
  private readonly spacingMs: number;
  /** When the next publish of anyone's Home may go out at the earliest. */
  private nextSlotAt = -Infinity;
  private readonly now: () => number;
  private readonly scheduleRun: (run: () => void, delayMs: number) => () => void;
  private stopped = false;

  constructor(
    /** Resolves false when the person is not to be followed (their next open publishes afresh). */
    private readonly publish: (viewer: Viewer) => Promise<boolean | void>,
    private readonly log: Logger,
    options: HomeRefreshOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5_000;
    this.followMs = options.followMs ?? 15 * 60_000;
    this.maxViewers = options.maxViewers ?? 200;
    this.spacingMs = options.spacingMs ?? 60_000 / SLACK_LIMITS.viewsPublishPerMinute;
    this.now = options.now ?? Date.now;
    this.scheduleRun = options.schedule ?? realSchedule;
  }

  /** Someone opened their Home: publish it (paced), and follow them for a while. */
  opened(viewer: Viewer): void {
    if (this.stopped) return;
    const entry = this.followed.get(viewer.userId) ?? { viewer, openedAt: 0, lastPublishAt: -Infinity, publishing: false, again: false };
    // Re-inserted, so the map's order is the order of opening and the first entry is the one to drop.
    this.followed.delete(viewer.userId);
    entry.viewer = viewer;
    entry.openedAt = this.now();
    this.followed.set(viewer.userId, entry);
    while (this.followed.size > this.maxViewers) this.forget(this.followed.keys().next().value!);
    this.schedule(entry, true);
  }

  /** What the Home shows changed: every followed Home is published again, paced per person. */
  changed(): void {
    if (this.stopped) return;
    const now = this.now();
    for (const [userId, entry] of this.followed) {
      if (now - entry.openedAt > this.followMs) this.forget(userId);
      else this.schedule(entry);
    }
  }

  /** How many people are followed (for tests and logs). */
  get size(): number {
    return this.followed.size;
  }

  stop(): void {
    this.stopped = true;
    for (const userId of [...this.followed.keys()]) this.forget(userId);
  }

  /** `opening`: someone is looking at their Home right now, so it goes before refreshes queued for others. */
  private schedule(entry: Followed, opening = false): void {
    if (entry.publishing) {
      entry.again = true;
      return;
    }
    if (entry.cancel) return;
    const now = this.now();
    // This person's pace, then the next free slot of everyone's: the slot is taken now, so publishes queue up in
    // order. An open takes no slot (Tier 4 allows a short burst) but pushes the queue back by one.
    const mine = Math.max(now, entry.lastPublishAt + this.minIntervalMs);
    const at = opening ? mine : Math.max(mine, this.nextSlotAt);
    this.nextSlotAt = Math.max(this.nextSlotAt, at) + this.spacingMs;
    entry.cancel = this.scheduleRun(() => void this.run(entry), at - now);
  }

  private async run(entry: Followed): Promise<void> {
    entry.cancel = undefined;
    entry.publishing = true;
    entry.lastPublishAt = this.now();
    let follow: boolean | void = true;
    try {
      follow = await this.publish(entry.viewer);
    } catch (error) {
      this.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack App Home could not be published');
    } finally {
      entry.publishing = false;
    }
    // Followed no further, unless an open or a change came in meanwhile: that publish decides again.
    if (follow === false && !entry.again) {
      if (this.followed.get(entry.viewer.userId) === entry) this.forget(entry.viewer.userId);
      return;
    }
    if (entry.again && !this.stopped && this.followed.get(entry.viewer.userId) === entry) {
      entry.again = false;
      this.schedule(entry);
    }
  }

  private forget(userId: string): void {
    const entry = this.followed.get(userId);
    entry?.cancel?.();
    this.followed.delete(userId);
  }
}
