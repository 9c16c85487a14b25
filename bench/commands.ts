/**
 * `commands`: `/kyc <uuid>` slash commands through the real Slack HTTP
 * receiver (Bolt's HTTPReceiver mounted on the app's HTTP server), signed as
 * Slack signs them, each answer awaited as Slack would show it: the ack's
 * body when it carries the message (the bot's answers within 2 s,
 * chat/slack/listeners.ts), else the post to a local response_url sink. This
 * process holds only the bot; Slack's side (slack-load-process.ts) and the
 * emulator (sandbox-process.ts) run in processes of their own. Each figure
 * is measured against its floor in the same run (issue 20):
 *
 * - sequentialOverheadP50Ms / P99Ms: one command at a time, the bot's
 *   latency (command sent to answer at the sink) minus the same lookup made
 *   directly with the Love&Pay client, percentile against percentile.
 * - floorRatio: at concurrency 50, the commands per second of a bare Bolt
 *   app on the same kind of server (bolt-floor.ts: it acks and answers a
 *   fixed line through response_url, as issue 20 defines it; no provider,
 *   no rendering) divided by the bot's; rounds alternate who goes first,
 *   medians over the rounds. Beside it in details, ackFloorRatio: the same
 *   against a bare Bolt app answering in its ack, as the bot does.
 *
 * The bot's lookups coalesce as the app's do; its answer cache is left out,
 * since every command here looks up a session no other command just did
 * (the paging area measures answers from the cache).
 */
import { createSlackApp } from '../src/chat/slack/index.js';
import { startHttpServer } from '../src/chat/http-server.js';
import { createRunCommand } from '../src/commands/run-command.js';
import { silentLogger } from '../src/log.js';
import { createProviders } from '../src/providers/index.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startBoltFloor } from './bolt-floor.js';
import { measureCpu } from './cpu-time.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { startBenchChild, type BenchChild } from './child.js';
import { median, percentile, pool, progress, round } from './stats.js';

const COMMANDS = 1_000;
const CONCURRENCY = 50;
const ROUNDS = 5;
const WARMUP = 200;
/** Commands sent one at a time, in two halves alternating with the direct lookups. */
const SEQUENTIAL = 400;
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export interface CommandFigures {
  commands: number;
  concurrency: number;
  sequentialOverheadP50Ms: number;
  sequentialOverheadP99Ms: number;
  /** One command at a time through Slack, and its floor: the direct lookup. */
  sequentialBotP50Ms: number;
  sequentialBotP99Ms: number;
  sequentialDirectP50Ms: number;
  sequentialDirectP99Ms: number;
  /** At concurrency 50: the bot, and its floor (a bare Bolt app answering a fixed line). */
  botCommandsPerSecond: number;
  boltFloorCommandsPerSecond: number;
  floorRatio: number;
  details: Record<string, unknown>;
}

export async function benchCommands(): Promise<CommandFigures> {
  progress(`commands: ${COMMANDS} /kyc <uuid> through Slack at concurrency ${CONCURRENCY}, ${ROUNDS} rounds`);
  const sandbox = await startRemoteSandbox({ sessions: COMMANDS, now: Date.parse('2025-03-01T12:00:00Z') });
  const loveandpay = { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey: sandbox.credentials.loveandpaySecretKey };
  const providers = createProviders({ loveandpay });
  const client = providers.loveandpay!;
  const lookups = createProviders({ loveandpay, coalesce: true });
  const runCommand = createRunCommand({ providers: lookups, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
  const fakeSlack = await startFakeSlack();
  const app = createSlackApp({
    botToken: 'xoxb-bench-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: fakeSlack.apiUrl,
    // slack-load-process.ts posts from C0BENCH; unset would refuse every channel.
    allowedChannels: ['*'],
    admins: [],
    locale: 'en',
    runCommand,
    logger: silentLogger,
  });
  await app.start();
  const server = await startHttpServer(app.routes, 0, '127.0.0.1');
  const floor = await startBoltFloor(SIGNING_SECRET);
  const ackFloor = await startBoltFloor(SIGNING_SECRET, { answerInAck: true });
  let slackSide: BenchChild | undefined;

  try {
    const ids: string[] = [];
    for (let offset = 0; ids.length < COMMANDS; offset += 100) {
      const page = await client.listKycSessions({ limit: 100, offset });
      if (page.items.length === 0) throw new Error(`only ${ids.length} sessions to look up`);
      ids.push(...page.items.map((session) => session.id));
    }
    ids.length = COMMANDS;

    slackSide = startBenchChild('slack-load-process.ts', [
      JSON.stringify({ eventsUrl: `${server.url}/slack/events`, signingSecret: SIGNING_SECRET, ids }),
    ]);
    await slackSide.next();
    const wrong: string[] = [];
    const viaSlack = async (count: number, concurrency: number, eventsUrl?: string): Promise<number[]> => {
      const answer = await slackSide!.ask<{ latencies?: number[]; wrong?: number; error?: string }>({ count, concurrency, eventsUrl });
      if (answer.error || !answer.latencies) throw new Error(`Slack side: ${answer.error}`);
      if (answer.wrong) wrong.push(`${answer.wrong} via Slack${eventsUrl ? ' (floor)' : ''}`);
      return answer.latencies;
    };
    const viaBot = (count: number, concurrency = CONCURRENCY) => viaSlack(count, concurrency);
    const viaFloor = (count: number) => viaSlack(count, CONCURRENCY, floor.eventsUrl);
    const viaAckFloor = (count: number) => viaSlack(count, CONCURRENCY, ackFloor.eventsUrl);
    const direct = async (count: number, concurrency = CONCURRENCY): Promise<number[]> => {
      const latencies: number[] = [];
      await pool(ids.slice(0, count), concurrency, async (id) => {
        const started = performance.now();
        const session = await client.getKycSession(id);
        latencies.push(performance.now() - started);
        if (session.id !== id) wrong.push(id);
      });
      return latencies;
    };

    await direct(WARMUP);
    await viaBot(WARMUP);
    await viaFloor(WARMUP);
    await viaAckFloor(WARMUP);
    // CPU of every process of the run (this one, the emulators, Slack's side), per kind: on two shared cores it bounds the rate.
    const cpu: Record<'bot' | 'floor' | 'ackFloor' | 'direct', Record<string, number>> = { bot: {}, floor: {}, ackFloor: {}, direct: {} };
    const timed = async (kind: keyof typeof cpu, run: () => Promise<number[]>) => {
      const started = performance.now();
      const { value: latencies, cpuMs } = await measureCpu({ emulator: sandbox.pid, slackSide: slackSide?.pid }, run);
      for (const [name, ms] of Object.entries(cpuMs)) cpu[kind][name] = (cpu[kind][name] ?? 0) + ms;
      return { latencies, ms: performance.now() - started };
    };
    const rounds: Array<{ bot: number[]; direct: number[]; botMs: number; directMs: number; floorMs: number; ackFloorMs: number }> = [];
    const send = { bot: viaBot, floor: viaFloor, ackFloor: viaAckFloor, direct } as const;
    for (let index = 0; index < ROUNDS; index += 1) {
      // Alternate who goes first, so no kind always runs on a warmer (or busier) machine.
      const order = index % 2 === 0 ? (['floor', 'ackFloor', 'bot', 'direct'] as const) : (['direct', 'bot', 'ackFloor', 'floor'] as const);
      const results: Partial<Record<(typeof order)[number], { latencies: number[]; ms: number }>> = {};
      for (const kind of order) results[kind] = await timed(kind, () => send[kind](COMMANDS));
      const { bot, direct: plain, floor: bare, ackFloor: bareInAck } = results as Required<typeof results>;
      rounds.push({ bot: bot.latencies, direct: plain.latencies, botMs: bot.ms, directMs: plain.ms, floorMs: bare.ms, ackFloorMs: bareInAck.ms });
      progress(
        `commands: round ${index + 1}/${ROUNDS}: bot ${Math.round((COMMANDS / bot.ms) * 1000)}/s, bare Bolt ${Math.round((COMMANDS / bare.ms) * 1000)}/s ` +
          `(answering in its ack ${Math.round((COMMANDS / bareInAck.ms) * 1000)}/s); ` +
          `bot p50 ${percentile(bot.latencies, 50).toFixed(1)} ms, direct p50 ${percentile(plain.latencies, 50).toFixed(1)} ms`,
      );
    }
    // One command at a time, where no command waits behind another: bot against direct, in two alternating halves.
    const sequentialDirect: number[] = [];
    const sequentialBot: number[] = [];
    sequentialDirect.push(...(await direct(SEQUENTIAL / 2, 1)));
    sequentialBot.push(...(await viaBot(SEQUENTIAL / 2, 1)));
    sequentialBot.push(...(await viaBot(SEQUENTIAL / 2, 1)));
    sequentialDirect.push(...(await direct(SEQUENTIAL / 2, 1)));
    if (wrong.length > 0) throw new Error(`answers did not name the session asked for: ${wrong.join(', ')}`);

    const per = (pick: (r: (typeof rounds)[number]) => number) => round(median(rounds.map(pick)), 1);
    const botPerSecond = per((r) => (COMMANDS / r.botMs) * 1000);
    const floorPerSecond = per((r) => (COMMANDS / r.floorMs) * 1000);
    const seq = (values: number[], p: number) => round(percentile(values, p), 2);
    const perCommand = (kind: keyof typeof cpu) => {
      const each = Object.fromEntries(Object.entries(cpu[kind]).map(([name, ms]) => [name, round(ms / (COMMANDS * ROUNDS), 3)]));
      return { ...each, total: round(Object.values(cpu[kind]).reduce((sum, ms) => sum + ms, 0) / (COMMANDS * ROUNDS), 3) };
    };
    const cpuPerCommandMs = { bot: perCommand('bot'), floor: perCommand('floor'), ackFloor: perCommand('ackFloor'), direct: perCommand('direct') };
    return {
      commands: COMMANDS,
      concurrency: CONCURRENCY,
      sequentialOverheadP50Ms: round(percentile(sequentialBot, 50) - percentile(sequentialDirect, 50), 2),
      sequentialOverheadP99Ms: round(percentile(sequentialBot, 99) - percentile(sequentialDirect, 99), 2),
      sequentialBotP50Ms: seq(sequentialBot, 50),
      sequentialBotP99Ms: seq(sequentialBot, 99),
      sequentialDirectP50Ms: seq(sequentialDirect, 50),
      sequentialDirectP99Ms: seq(sequentialDirect, 99),
      botCommandsPerSecond: botPerSecond,
      boltFloorCommandsPerSecond: floorPerSecond,
      floorRatio: round(median(rounds.map((r) => r.botMs / r.floorMs)), 2),
      details: {
        rounds: ROUNDS,
        sequentialCommands: SEQUENTIAL,
        floorRatioRuns: rounds.map((r) => round(r.botMs / r.floorMs, 2)),
        // Beside issue 20's floor: a bare Bolt app answering in its ack, as the bot does (bolt-floor.ts answerInAck).
        ackFloorCommandsPerSecond: per((r) => (COMMANDS / r.ackFloorMs) * 1000),
        ackFloorRatio: round(median(rounds.map((r) => r.botMs / r.ackFloorMs)), 2),
        // CPU milliseconds per command in each process, at concurrency 50; bot total / floor total is the ratio two busy cores allow.
        cpuPerCommandMs,
        cpuBoundFloorRatio: round(cpuPerCommandMs.bot.total / cpuPerCommandMs.floor.total, 2),
        atConcurrency: {
          botP50Ms: per((r) => percentile(r.bot, 50)),
          botP99Ms: per((r) => percentile(r.bot, 99)),
          directP50Ms: per((r) => percentile(r.direct, 50)),
          directP99Ms: per((r) => percentile(r.direct, 99)),
          directLookupsPerSecond: per((r) => (COMMANDS / r.directMs) * 1000),
        },
      },
    };
  } finally {
    await slackSide?.stop();
    await app.stop();
    await server.close();
    await floor.close();
    await ackFloor.close();
    await lookups.close();
    await fakeSlack.close();
    await providers.close();
    await sandbox.close();
  }
}
