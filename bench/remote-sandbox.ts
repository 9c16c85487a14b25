/**
 * Starts sandbox-process.ts as a child and drives it through the emulators'
 * HTTP control routes (src/sandbox/control-routes.ts), which are neither
 * counted nor faulted.
 */
import type { ProviderName } from '../src/domain/outcome.js';
import type { SandboxCredentials, SandboxOptions } from '../src/sandbox/index.js';
import { startBenchChild } from './child.js';

export interface RemoteSandbox {
  urls: { loveandpay: string; bank131: string; stripe: string };
  credentials: SandboxCredentials;
  setSessionStatus(id: string, status: string): Promise<void>;
  /** New Love&Pay sessions at the top of the lists; ids newest first. */
  addSessions(count: number, status?: string): Promise<string[]>;
  requestCount(provider?: ProviderName): Promise<number>;
  resetRequestCount(): Promise<void>;
  /** Love&Pay session counts per status. */
  sessionCounts(): Promise<Record<string, number>>;
  /** The emulators' process, when this process started it (for CPU accounting). */
  pid?: number;
  close(): Promise<void>;
}

/** Where a running emulator process answers: enough for another process to drive it (connectRemoteSandbox). */
export type SandboxAddress = Pick<RemoteSandbox, 'urls' | 'credentials'>;

export async function startRemoteSandbox(options: SandboxOptions, timeoutMs = 60_000): Promise<RemoteSandbox> {
  const child = startBenchChild('sandbox-process.ts', [JSON.stringify(options)]);
  let started: SandboxAddress;
  try {
    started = await child.next(timeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { ...connectRemoteSandbox(started, () => child.stop()), pid: child.pid };
}

/** Drives emulators another process started; `close` is what closing them means here (nothing, for a guest). */
export function connectRemoteSandbox({ urls, credentials }: SandboxAddress, close: () => Promise<void> = async () => {}): RemoteSandbox {
  const control = `${new URL(urls.loveandpay).origin}/_sandbox`;

  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(control + route, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox control ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  return {
    urls,
    credentials,
    setSessionStatus: async (id, status) => void (await call('POST', `/sessions/${id}/status`, { status })),
    addSessions: async (count, status) =>
      (await call<{ sessions: Array<{ id: string }> }>('POST', '/sessions', { count, ...(status ? { status } : {}) })).sessions.map((s) => s.id),
    requestCount: async (provider) => (await call<{ count: number }>('GET', `/requests${provider ? `?provider=${provider}` : ''}`)).count,
    resetRequestCount: async () => void (await call('POST', '/requests/reset', {})),
    sessionCounts: async () => (await call<{ sessions: Record<string, number> }>('GET', '/summary')).sessions,
    close,
  };
}
