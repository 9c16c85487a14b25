/**
 * `stats` (issue 18): `/kyc stats 30d` over a history of 100,000
 * verifications, chart included. The history is an SQLite file holding
 * 100,000 verifications of the three providers over the last 60 days (the
 * 30-day window and the 30 days it is compared with, so every row is read),
 * with outcomes, decline reasons and start-to-verdict times as the sweeps
 * record them. Timed: the command as the app runs it (createRunCommand with
 * the stats handlers), from the line to the reply with its PNG. The floor
 * beside it, in the same run and alternating with it: a bare query of the
 * same rows (the same SELECT on its own connection, rows fetched, nothing
 * computed or drawn).
 *
 * stats.p50Ms ≤ 500 (the goal); stats.floorRatio says how much of it
 * the figures and the chart add to reading the rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createRunCommand } from '../src/commands/run-command.js';
import { createStatsHandlers } from '../src/commands/stats.js';
import type { Caller } from '../src/domain/chat.js';
import type { ProviderName } from '../src/domain/outcome.js';
import type { VerificationRecord } from '../src/domain/verification.js';
import { statsWindow } from '../src/stats/window.js';
import { openStore } from '../src/store/index.js';
import { VERDICT_AT, VERDICT_COLUMNS } from '../src/store/stats-rows.js';
import { percentile, progress, round } from './stats.js';

const HISTORY = 100_000;
const DAYS = 60;
const RUNS = 30;
const WARMUP = 3;
const TIME_ZONE = 'Europe/Moscow';
const DAY = 86_400_000;
const MIN = 60_000;
const CALLER: Caller = { platform: 'slack', chatId: 'C0STATS', userId: 'U0STATS', isAdmin: false, mayManageSubscriptions: false, locale: 'en' };

export interface KycStatsFigures {
  history: number;
  runs: number;
  /** p50 of `/kyc stats 30d`, chart included. */
  p50Ms: number;
  p90Ms: number;
  /** The floor: p50 of a bare query of the same rows. */
  floorP50Ms: number;
  floorRatio: number;
  details: Record<string, unknown>;
}

const STRIPE_REASONS = ['document_expired', 'consent_declined', 'selfie_face_mismatch', 'document_unverified_other', 'abandoned'];
const BANK131_REASONS = ['passport_validation_failure', 'inn_validation_failure'];

/** A deterministic history: the same 100,000 verifications on every run. */
function history(now: number): VerificationRecord[] {
  let state = 18;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const providers: ProviderName[] = ['loveandpay', 'loveandpay', 'stripe', 'bank131'];
  const records: VerificationRecord[] = new Array(HISTORY);
  for (let i = 0; i < HISTORY; i += 1) {
    const provider = providers[Math.floor(random() * providers.length)]!;
    // Providers give times to the second (Stripe's Unix seconds, Love&Pay's ISO times); a sweep's own clock does not.
    const started = now - Math.floor(random() * DAYS * DAY);
    const roll = random();
    const outcome = roll < 0.6 ? 'APPROVED' : roll < 0.85 ? 'DECLINED' : roll < 0.95 && provider === 'loveandpay' ? 'EXPIRED' : roll < 0.98 ? 'APPROVED' : 'PENDING';
    const decided = outcome === 'PENDING' ? null : Math.min(now - 1, started + Math.floor(2 * MIN + random() * 90 * MIN));
    const reason =
      outcome !== 'DECLINED' ? null : provider === 'stripe' ? STRIPE_REASONS[Math.floor(random() * STRIPE_REASONS.length)]! : provider === 'bank131' ? BANK131_REASONS[Math.floor(random() * 2)]! : null;
    records[i] = {
      provider,
      objectId: `${provider}-${i}`,
      customerRef: null,
      outcome,
      native: outcome,
      reason,
      startedAt: provider === 'bank131' ? null : new Date(started),
      decidedAt: decided === null ? null : new Date(decided),
    };
  }
  return records;
}

export async function benchKycStats(): Promise<KycStatsFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-stats-'));
  const file = path.join(dir, 'store.sqlite');
  const now = new Date();
  const store = await openStore(`file:${file}`);
  const bare = new Database(file, { readonly: true });
  try {
    progress(`stats: writing a history of ${HISTORY.toLocaleString('en')} verifications`);
    await store.recordVerifications(history(now.getTime()), now);
    // Each run a minute after the one before: answers are kept for their minute (stats/answer-cache.ts), and
    // every timed run must read and draw afresh.
    let asked = 0;
    const run = createRunCommand({
      providers: { close: async () => {} },
      settings: { timeZone: TIME_ZONE, sandbox: false },
      now: () => new Date(now.getTime() + asked * 60_000),
      handlers: createStatsHandlers({ store }),
    });
    const window = statsWindow('30d', now, TIME_ZONE);
    // The same rows verdictHistory reads, by the same index, fetched and nothing more.
    const query = bare.prepare(`SELECT ${VERDICT_COLUMNS} FROM verifications WHERE ${VERDICT_AT} >= ? AND ${VERDICT_AT} < ?`);
    const bareQuery = () => query.all(window.previousFrom.getTime(), window.to.getTime()).length;

    let pngBytes = 0;
    let rows = 0;
    const command = async () => {
      asked += 1;
      const reply = await run('/kyc stats 30d', CALLER);
      if (reply.kind !== 'ok' || !reply.attachment) throw new Error(`/kyc stats 30d answered ${reply.kind} without a chart: ${reply.title}`);
      pngBytes = reply.attachment.data.length;
    };
    for (let i = 0; i < WARMUP; i += 1) {
      await command();
      rows = bareQuery();
    }
    const timed: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      let started = performance.now();
      await command();
      timed.push(performance.now() - started);
      started = performance.now();
      rows = bareQuery();
      floor.push(performance.now() - started);
    }
    const p50Ms = round(percentile(timed, 50));
    const floorP50Ms = round(percentile(floor, 50));
    return {
      history: HISTORY,
      runs: RUNS,
      p50Ms,
      p90Ms: round(percentile(timed, 90)),
      floorP50Ms,
      floorRatio: round(p50Ms / floorP50Ms, 2),
      details: { rowsRead: rows, days: DAYS, pngBytes, timeZone: TIME_ZONE, timedMs: timed.map((ms) => round(ms)), floorMs: floor.map((ms) => round(ms)) },
    };
  } finally {
    bare.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
