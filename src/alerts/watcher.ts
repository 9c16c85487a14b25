/**
 * The sweep schedule: node-cron fires on ALERT_CRON (seconds field allowed)
 * in the display time zone, and a tick that finds the previous sweep still
 * running is skipped, never stacked (node-cron's noOverlap, and the sweep's
 * own OneAtATime underneath for sweeps started by hand).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

export interface SweepSchedule {
  stop(): Promise<void>;
}

export class InvalidCronError extends Error {
  constructor(readonly expression: string) {
    super(`ALERT_CRON: not a cron expression node-cron understands ("${expression}")`);
    this.name = 'InvalidCronError';
  }
}

/** Throws InvalidCronError unless node-cron reads the expression (seconds field allowed). */
export function checkCronExpression(expression: string): void {
  if (!cron.validate(expression)) throw new InvalidCronError(expression);
}

export function scheduleSweeps(options: {
  expression: string;
  timeZone: string;
  logger: Logger;
  /** Must not throw; a failed sweep is logged by the caller. */
  tick: () => Promise<unknown>;
}): SweepSchedule {
  checkCronExpression(options.expression);
  const { logger } = options;
  const task: ScheduledTask = cron.createTask(options.expression, () => options.tick(), {
    name: 'kyc-desk-alert-sweep',
    noOverlap: true,
    timezone: options.timeZone,
    logger: {
      info: (message) => logger.debug({ scheduler: 'node-cron' }, message),
      warn: (message) => logger.info({ scheduler: 'node-cron' }, message),
      error: (message, err) => logger.error({ scheduler: 'node-cron', err: err ?? message }, 'scheduler error'),
      debug: (message) => logger.debug({ scheduler: 'node-cron' }, String(message)),
    },
  });
  void Promise.resolve(task.start()).catch((error: unknown) => logger.error({ err: error }, 'alert schedule did not start'));
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
