/**
 * The demo's index of verifications, filled at start (sandbox mode only), so
 * `/customer <uuid>` shows all three providers at once: the first alert
 * sweep runs at start instead of at the first cron tick (it records every
 * final Love&Pay session), and each seeded Bank 131 check is looked up once,
 * as an operator would have with `/check <id>`: Bank 131 has no list, so the
 * bot only knows checks it has asked about.
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
  const client = providers.bank131;
  if (!client) return;
  const ids = sandbox.data.checks.map((check) => check.id);
  const worker = async () => {
    for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
      try {
        await store.recordVerifications([bank131CheckRecord(await client.getCheck(id))], new Date());
      } catch {
        // A check the emulator answers with a fault (invalid_sign) is not a verification: nothing to index.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}
