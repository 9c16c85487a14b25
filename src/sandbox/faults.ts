/**
 * Injected misbehaviour per emulator, and the count of requests each one
 * served. Shares of failures are spread deterministically (an accumulator,
 * not a random draw) so a test asking for 50 % sees exactly every other request fail.
 */
import { PROVIDER_NAMES, type ProviderName } from '../domain/outcome.js';

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'fail'; status: number }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'malformed' }
  | { kind: 'huge'; bytes: number; contentLength: boolean };

/** An oversized answer to serve next: its size, and whether its headers declare it. */
export interface HugeAnswer {
  bytes: number;
  /** false (the default) leaves Content-Length out, so a client can only find out by counting. */
  contentLength: boolean;
}

/** How far the latest huge answer got: still sending, sent whole, or abandoned when the client hung up. */
export interface HugeProgress {
  state: 'none' | 'sending' | 'completed' | 'abandoned';
  /** Body bytes handed to the socket so far. */
  bytesSent: number;
}

interface ProviderFaults {
  latencyMs: number;
  failShare: number;
  failStatus: number;
  failCredit: number;
  rateLimitLeft: number;
  retryAfterSeconds: number;
  malformedLeft: number;
  huge: HugeAnswer | null;
  hugeProgress: HugeProgress;
  served: number;
}

const calm = (): ProviderFaults => ({
  latencyMs: 0,
  failShare: 0,
  failStatus: 500,
  failCredit: 0,
  rateLimitLeft: 0,
  retryAfterSeconds: 1,
  malformedLeft: 0,
  huge: null,
  hugeProgress: { state: 'none', bytesSent: 0 },
  served: 0,
});

export class Faults {
  private readonly state = new Map<ProviderName, ProviderFaults>(PROVIDER_NAMES.map((name) => [name, calm()]));

  private each(provider: ProviderName | 'all', change: (faults: ProviderFaults) => void) {
    for (const name of provider === 'all' ? PROVIDER_NAMES : [provider]) change(this.of(name));
  }

  private of(provider: ProviderName): ProviderFaults {
    const faults = this.state.get(provider);
    if (!faults) throw new Error(`unknown provider ${provider}`);
    return faults;
  }

  setLatency(provider: ProviderName | 'all', ms: number) {
    this.each(provider, (f) => (f.latencyMs = Math.max(0, ms)));
  }

  failRate(provider: ProviderName | 'all', share: number, status = 500) {
    this.each(provider, (f) => {
      f.failShare = Math.min(1, Math.max(0, share));
      f.failStatus = status;
      f.failCredit = 0;
    });
  }

  rateLimitBurst(provider: ProviderName | 'all', count: number, retryAfterSeconds: number) {
    this.each(provider, (f) => {
      f.rateLimitLeft = Math.max(0, count);
      f.retryAfterSeconds = retryAfterSeconds;
    });
  }

  malformedNext(provider: ProviderName | 'all', count: number) {
    this.each(provider, (f) => (f.malformedLeft = Math.max(0, count)));
  }

  hugeNext(provider: ProviderName | 'all', bytes: number, options: { contentLength?: boolean } = {}) {
    this.each(provider, (f) => {
      f.huge = { bytes: Math.max(2, Math.floor(bytes)), contentLength: options.contentLength ?? false };
      f.hugeProgress = { state: 'none', bytesSent: 0 };
    });
  }

  /** Called by the emulator as it streams a huge answer. */
  recordHuge(provider: ProviderName, change: { bytes?: number; state?: HugeProgress['state'] }) {
    const progress = this.of(provider).hugeProgress;
    progress.bytesSent += change.bytes ?? 0;
    if (change.state) progress.state = change.state;
  }

  hugeProgress(provider: ProviderName): HugeProgress {
    return { ...this.of(provider).hugeProgress };
  }

  clear() {
    for (const faults of this.state.values()) Object.assign(faults, { ...calm(), served: faults.served });
  }

  /** Counts the request and decides what goes wrong with it, if anything. */
  next(provider: ProviderName): { latencyMs: number; decision: FaultDecision } {
    const f = this.of(provider);
    f.served += 1;
    const latencyMs = f.latencyMs;
    if (f.rateLimitLeft > 0) {
      f.rateLimitLeft -= 1;
      return { latencyMs, decision: { kind: 'rate_limit', retryAfterSeconds: f.retryAfterSeconds } };
    }
    if (f.failShare > 0) {
      f.failCredit += f.failShare;
      if (f.failCredit >= 1 - 1e-9) {
        f.failCredit -= 1;
        return { latencyMs, decision: { kind: 'fail', status: f.failStatus } };
      }
    }
    if (f.huge) {
      const { bytes, contentLength } = f.huge;
      f.huge = null;
      return { latencyMs, decision: { kind: 'huge', bytes, contentLength } };
    }
    if (f.malformedLeft > 0) {
      f.malformedLeft -= 1;
      return { latencyMs, decision: { kind: 'malformed' } };
    }
    return { latencyMs, decision: { kind: 'none' } };
  }

  requestCount(provider?: ProviderName): number {
    if (provider) return this.of(provider).served;
    let total = 0;
    for (const faults of this.state.values()) total += faults.served;
    return total;
  }

  resetRequestCount() {
    for (const faults of this.state.values()) faults.served = 0;
  }
}
