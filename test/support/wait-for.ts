/**
 * Waits on a condition instead of sleeping (TEAM.md: no sleeps in tests).
 *
 * The condition is polled until it returns a truthy value, which is then
 * returned. A condition that throws (an `expect(...)` inside it, say) counts
 * as "not yet"; if time runs out, the last error is rethrown so the failure
 * shows what was actually seen.
 */
export interface WaitForOptions {
  /** Give up after this long (default 5,000 ms). */
  timeoutMs?: number;
  /** Pause between polls (default 10 ms). */
  intervalMs?: number;
  /** Names what was awaited in the timeout error. */
  message?: string;
}

export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 5_000, intervalMs = 10, message = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) throw lastError;
      throw new Error(`waitFor: ${message} not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
