/**
 * The demo's index of verifications, filled at start (sandbox mode only), so
 * `/customer <uuid>` shows all three providers at once: the first alert
 * sweep runs at start instead of at the first cron tick (it records every
 * final Love&Pay session), and each seeded Bank 131 check is looked up once,
 * as an operator would have with `/check <id>`: Bank 131 has no list, so the
 * bot only knows checks it has asked about. The first sweep is followed by
 * a run of the stats' backfill, waited for here (elsewhere it runs in the
 * background: alerts/backfill-task.ts), so with the seeds' month of
 * sessions and checks `/kyc stats 30d` has a chart at once.
 */
import type { Alerts } from '../alerts/index.js';
import type { Logger } from '../log.js';
import type { Providers } from '../providers/index.js';
import { bank131CheckRecord } from '../providers/bank131/verification-record.js';
import type { Sandbox } from '../sandbox/index.js';
import type { Store } from '../store/types.js';

/** Checks asked at once: the emulator answers on loopback, a few in flight keep start-up short. */
const CONCURRENCY = 4;

export async function fillDemoIndex(deps: { sandbox: Sandbox; providers: Providers; store: Store; alerts: Alerts; logger: Logger }): Promise<void> {
  const { sandbox, providers, store, alerts, logger } = deps;
  await alerts.sweepOnce().catch((error: unknown) => logger.warn({ err: error }, 'the demo start-up sweep failed; the cron sweep follows'));
  await alerts.backfillOnce().catch((error: unknown) => logger.warn({ err: error }, 'the demo start-up backfill failed; the next sweeps try again'));
  const client = providers.bank131;
  if (!client) return;
  const checks = sandbox.data.checks.map((check) => ({ id: check.id, createdAt: check.createdAt }));
  const worker = async () => {
    for (let check = checks.shift(); check !== undefined; check = checks.shift()) {
      try {
        // Recorded as seen when the seed made it, as if looked up then: Bank 131 answers carry no dates, and the
        // stats count a check at the time the bot first saw it, so the demo's month of history keeps its checks spread out.
        await store.recordVerifications([bank131CheckRecord(await client.getCheck(check.id))], seenAt(check.createdAt));
      } catch {
        // A check the emulator answers with a fault (invalid_sign) is not a verification: nothing to index.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const seenAt = (createdAt: string): Date => {
  const at = Date.parse(createdAt);
  return Number.isNaN(at) ? new Date() : new Date(Math.min(at, Date.now()));
};
