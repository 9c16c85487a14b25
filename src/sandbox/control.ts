/** The in-process control API: state changes, faults, the demo tick and request counts. */
import type { ProviderName } from '../domain/outcome.js';
import { demoTick } from './demo-clock.js';
import type { Faults, HugeProgress } from './faults.js';
import type { Mutations } from './mutations.js';
import type { Rng } from './prng.js';
import type { SandboxState } from './state.js';
import type { KycSessionLike, Transition } from './types.js';

export interface SandboxControl {
  /** Love&Pay session status; APPROVED fills `verification` and verifies the customer. */
  setSessionStatus(id: string, status: string): void;
  /** New Love&Pay sessions (default IN_PROGRESS) at the top of lists; returned newest first. */
  addSessions(count: number, status?: string): KycSessionLike[];
  /** Stripe status (requires_input may carry a last_error code); emits the matching event. */
  setStripeStatus(id: string, status: string, lastErrorCode?: string): void;
  /** Bank 131 check result; an unknown numeric id creates the check. */
  setCheck(id: string, status: 'ok' | 'pending' | 'error', errorCode?: string, earlierCheckId?: string): void;
  setCustomerName(id: string, fullName: string): void;
  setLatency(provider: ProviderName | 'all', ms: number): void;
  /** A share (0..1) of requests answer `status` (default 500), spread evenly. */
  failRate(provider: ProviderName | 'all', share: number, status?: number): void;
  /** The next `count` requests answer 429 with Retry-After. */
  rateLimitBurst(provider: ProviderName | 'all', count: number, retryAfterSeconds: number): void;
  /** The next `count` requests answer 200 with broken JSON. */
  malformedNext(provider: ProviderName | 'all', count: number): void;
  /**
   * The next request answers 200 with a JSON body of `bytes` bytes, streamed
   * in chunks without Content-Length (unless `contentLength`), so a client
   * must count to know it is too large. Resets hugeProgress.
   */
  hugeNext(provider: ProviderName | 'all', bytes: number, options?: { contentLength?: boolean }): void;
  /** How far the latest huge answer got, and how many body bytes the emulator wrote before it ended or the client hung up. */
  hugeProgress(provider: ProviderName): HugeProgress;
  clearFaults(): void;
  demoTick(): Transition[];
  /** Requests served to clients (every attempt, faulted ones too; control routes excluded). */
  requestCount(provider?: ProviderName): number;
  resetRequestCount(): void;
}

export function createControl(state: SandboxState, faults: Faults, mutations: Mutations, demoRng: Rng): SandboxControl {
  return {
    setSessionStatus: (id, status) => void mutations.setSessionStatus(id, status),
    addSessions: (count, status) => mutations.addSessions(count, status),
    setStripeStatus: (id, status, code) => void mutations.setStripeStatus(id, status, code),
    setCheck: (id, status, code, earlier) => void mutations.setCheck(id, status, code, earlier),
    setCustomerName: (id, name) => mutations.setCustomerName(id, name),
    setLatency: (provider, ms) => faults.setLatency(provider, ms),
    failRate: (provider, share, status) => faults.failRate(provider, share, status),
    rateLimitBurst: (provider, count, seconds) => faults.rateLimitBurst(provider, count, seconds),
    malformedNext: (provider, count) => faults.malformedNext(provider, count),
    hugeNext: (provider, bytes, options) => faults.hugeNext(provider, bytes, options),
    hugeProgress: (provider) => faults.hugeProgress(provider),
    clearFaults: () => faults.clear(),
    demoTick: () => demoTick(state, mutations, demoRng),
    requestCount: (provider) => faults.requestCount(provider),
    resetRequestCount: () => faults.resetRequestCount(),
  };
}
