/**
 * Runs a job so that two runs never overlap. `run` waits for the current run
 * and then starts its own (a caller who asks after a change gets a run that
 * sees it); `runIfIdle` skips when busy, for timers that will come round again.
 */
export class OneAtATime<T> {
  private current: Promise<T> | null = null;

  constructor(private readonly job: () => Promise<T>) {}

  get busy(): boolean {
    return this.current !== null;
  }

  async run(): Promise<T> {
    while (this.current) await this.current.catch(() => undefined);
    return this.start();
  }

  runIfIdle(): Promise<T> | null {
    return this.current ? null : this.start();
  }

  /** Resolves when no run is in progress (never rejects). */
  async idle(): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
  }

  private start(): Promise<T> {
    const run = this.job().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }
}
