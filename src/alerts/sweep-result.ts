import type { ProviderName } from '../domain/outcome.js';

/** What one source's sweep did, for logs, metrics and tests. */
export interface SweepResult {
  source: ProviderName;
  /** True for a source's first, silent sweep: what exists was recorded, nothing was announced. */
  baseline: boolean;
  /** Outcomes not seen before. */
  newOutcomes: number;
  /** Outbox rows created (one per chat told). */
  queued: number;
  /** Upstream requests the sweep made. */
  requests: number;
}
