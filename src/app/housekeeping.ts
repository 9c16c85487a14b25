/**
 * One daily job that deletes what is no longer kept (issue 13): outbox rows
 * sent or given up more than 7 days ago, request signatures and button
 * payloads past their expiry, and audit entries older than
 * AUDIT_RETENTION_DAYS. It runs once at start and then every 24 hours; any
 * replica may run it, since deleting twice deletes nothing more.
 */
import type { Logger } from '../log.js';
import type { PruneResult, Store } from '../store/types.js';

const DAY_MS = 86_400_000;
/** Long enough to look back at what went out last week; the outbox's unique key is kept in observations anyway. */
const FINISHED_OUTBOX_DAYS = 7;

export interface HousekeepingOptions {
  store: Pick<Store, 'prune'>;
  logger: Logger;
  auditRetentionDays: number;
  now?: () => Date;
  everyMs?: number;
}

export interface Housekeeping {
  runOnce(): Promise<PruneResult>;
  stop(): void;
}

export function startHousekeeping(options: HousekeepingOptions): Housekeeping {
  const now = options.now ?? (() => new Date());
  const runOnce = async (): Promise<PruneResult> => {
    const at = now();
    const result = await options.store.prune({
      now: at,
      finishedBefore: new Date(at.getTime() - FINISHED_OUTBOX_DAYS * DAY_MS),
      auditBefore: new Date(at.getTime() - options.auditRetentionDays * DAY_MS),
    });
    options.logger.info({ ...result }, 'housekeeping: pruned what is no longer kept');
    return result;
  };
  const run = () => void runOnce().catch((error: unknown) => options.logger.warn({ err: error }, 'housekeeping failed; it runs again tomorrow'));
  run();
  const timer = setInterval(run, options.everyMs ?? DAY_MS);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
