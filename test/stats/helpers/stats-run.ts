/**
 * The dispatcher the stats tests ask: the stats commands alone, over their
 * store, at a fixed clock and display zone, with no provider behind them
 * (stats read the store's index only).
 */
import { createRunCommand } from '../../../src/commands/run-command.js';
import { createStatsHandlers } from '../../../src/commands/stats.js';
import type { RunCommand } from '../../../src/commands/types.js';
import type { Store } from '../../../src/store/types.js';

export function statsRunCommand(store: Store, now: () => Date, timeZone = 'Europe/Moscow'): RunCommand {
  return createRunCommand({
    providers: { close: async () => {} },
    settings: { timeZone, sandbox: false },
    now,
    handlers: createStatsHandlers({ store }),
  });
}
