/**
 * Whether this instance should receive traffic (GET /readyz; DESIGN.md,
 * "Configuration"): the store answers, every configured chat platform is
 * connected, and, where alerts are configured, the last successful sweep is
 * no older than three sweep intervals. Every check is an injected function,
 * so this file knows nothing of the store, chat or alerts code.
 */

export interface ReadinessOptions {
  /** Resolves when the store answers, e.g. `() => store.ping()`. */
  pingStore: () => Promise<void>;
  /** One entry per configured chat platform, e.g. `{ slack: () => slack.isConnected() }`. */
  chats?: Record<string, () => boolean | Promise<boolean>>;
  /** Only where alerts are configured. */
  sweep?: {
    /**
     * The last successful sweep, or null if none yet. With several replicas
     * only the leader sweeps: pass a time every replica can see (shared in
     * the store), or the leader's own, and let followers report the leader's.
     */
    lastSuccessAt: () => Date | null | Promise<Date | null>;
    /** From `cronIntervalMs(config.ALERT_CRON)`. */
    intervalMs: number;
  };
  /**
   * Chat platforms whose alert delivery is paused because their token fails:
   * the platform cannot be reached, whatever its connection says.
   */
  pausedDelivery?: () => Array<{ platform: string; reason: string; since: Date }>;
  /** True once shutdown has begun, so load balancers stop sending work first. */
  draining?: () => boolean;
  /**
   * Facts shown beside the checks that never fail readiness, e.g. when each
   * provider's webhook last came: a quiet day sends none, and the sweeps
   * still find every outcome.
   */
  info?: () => Record<string, unknown>;
  /** Per-check limit (default 2 000 ms): a hung database must not hang the probe. */
  timeoutMs?: number;
  now?: () => Date;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it failed, in words; never a secret or a connection string. */
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: CheckResult[];
  /** From ReadinessOptions.info, when given. */
  info?: Record<string, unknown>;
}

/** How many sweep intervals may pass without a successful sweep (issue 7). */
const MISSED_SWEEPS_ALLOWED = 3;

/**
 * Returns the probe. Before the first successful sweep, the time the probe was
 * created stands in for it, so a fresh instance gets three intervals to sweep.
 */
export function createReadinessCheck(options: ReadinessOptions): () => Promise<Readiness> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const timeoutMs = options.timeoutMs ?? 2_000;

  return async () => {
    const pending: Array<Promise<CheckResult>> = [];
    if (options.draining?.()) pending.push(Promise.resolve({ name: 'shutdown', ok: false, reason: 'shutting down' }));
    pending.push(
      run('store', timeoutMs, async () => {
        try {
          await options.pingStore();
          return null;
        } catch (error) {
          return `did not answer ping${errorCode(error)}`;
        }
      }),
    );
    for (const [name, isConnected] of Object.entries(options.chats ?? {})) {
      pending.push(run(name, timeoutMs, async () => ((await isConnected()) ? null : 'not connected')));
    }
    for (const pause of options.pausedDelivery?.() ?? []) {
      pending.push(
        Promise.resolve({
          name: `${pause.platform} delivery`,
          ok: false,
          reason: `paused since ${pause.since.toISOString()}: the bot token fails (${pause.reason}); re-checked with backoff`,
        }),
      );
    }
    const sweep = options.sweep;
    if (sweep) {
      pending.push(
        run('sweep', timeoutMs, async () => {
          const last = (await sweep.lastSuccessAt()) ?? null;
          const ageMs = now().getTime() - (last ?? startedAt).getTime();
          const limitMs = MISSED_SWEEPS_ALLOWED * sweep.intervalMs;
          if (ageMs <= limitMs) return null;
          const what = last ? 'last successful sweep was' : 'no successful sweep since start';
          return `${what} ${seconds(ageMs)} ago; limit ${seconds(limitMs)} (${MISSED_SWEEPS_ALLOWED} sweep intervals)`;
        }),
      );
    }
    const checks = await Promise.all(pending);
    return { ready: checks.every((check) => check.ok), checks, ...(options.info ? { info: options.info() } : {}) };
  };
}

/** Runs one check; null from `probe` means healthy, a string is the reason it is not. */
async function run(name: string, timeoutMs: number, probe: () => Promise<string | null>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const reason = await Promise.race([probe().catch(() => 'check failed'), timeout]);
    return reason === null ? { name, ok: true } : { name, ok: false, reason };
  } finally {
    clearTimeout(timer);
  }
}

/** Only a code such as ECONNREFUSED or a SQLSTATE: driver messages may quote hosts, users or URLs. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
