/**
 * How far apart the runs of a cron expression are, so /readyz can tell a
 * stalled alert sweep from one that is simply not due yet.
 *
 * Expressions use node-cron 4 syntax: five fields, or six with a leading
 * seconds field (https://nodecron.com/cron-syntax.html). The run times come
 * from node-cron itself (ScheduledTask.getNextRuns) so this never disagrees
 * with the scheduler that actually runs the sweep.
 */
import { createTask } from 'node-cron';

/** Runs sampled: enough to include a weekend gap in a weekdays-only schedule. */
const SAMPLE_RUNS = 10;

/**
 * The longest gap, in milliseconds, between consecutive runs over the next
 * few runs. For a regular schedule this is its period ('* * * * *' -> 60 000);
 * for an irregular one ('0 9 * * 1-5') the longest gap, so a quiet stretch is
 * never mistaken for a stall. Throws on an invalid expression.
 */
export function cronIntervalMs(expression: string, timezone?: string): number {
  // createTask validates and registers a stopped task; destroy() removes it from node-cron's registry.
  const task = createTask(expression, () => {}, { timezone });
  try {
    const runs = task.getNextRuns(SAMPLE_RUNS).map((run) => run.getTime());
    let longest = 0;
    for (let index = 1; index < runs.length; index += 1) {
      longest = Math.max(longest, runs[index]! - runs[index - 1]!);
    }
    if (longest <= 0) throw new Error(`cron expression "${expression}" has no recurring runs`);
    return longest;
  } finally {
    void task.destroy();
  }
}
