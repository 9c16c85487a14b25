/**
 * What startApp opened, closed in reverse order: each part is closed even
 * when an earlier one fails to, and a failure is logged by the part's name.
 * Used both for a normal stop and to undo a start that failed halfway.
 */
import type { Logger } from '../log.js';

export class Teardown {
  private readonly steps: Array<{ name: string; close: () => Promise<void> }> = [];
  private running: Promise<void> | null = null;

  constructor(private readonly logger: Logger) {}

  add(name: string, close: () => Promise<void>): void {
    this.steps.push({ name, close });
  }

  /** Idempotent: a second call waits for the first. */
  run(): Promise<void> {
    this.running ??= this.closeAll();
    return this.running;
  }

  private async closeAll(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step.close();
      } catch (error) {
        this.logger.error({ err: error, part: step.name }, 'could not close cleanly');
      }
    }
  }
}
