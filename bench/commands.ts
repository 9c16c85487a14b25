/**
 * `commands`: 1,000 `/kyc <uuid>` slash commands at concurrency 50 through
 * the real Slack HTTP receiver (Bolt's HTTPReceiver mounted on the app's HTTP
 * server), signed as Slack signs them, each answer awaited at a local
 * response_url sink; and the same 1,000 lookups made directly with the
 * Love&Pay client at the same concurrency, in the same run. This process
 * holds only the bot; Slack's side (slack-load-process.ts) and the emulator
 * (sandbox-process.ts) run in processes of their own.
 *
 * Bot latency: from sending the command to its answer arriving at the sink.
 * Overhead: bot percentile minus direct percentile, per round; the figures
 * are medians over the rounds (the two kinds alternate who goes first).
 */
import { createSlackApp } from '../src/chat/slack/index.js';
import { startHttpServer } from '../src/chat/http-server.js';
import { createRunCommand } from '../src/commands/run-command.js';
import { silentLogger } from '../src/log.js';
import { createProviders } from '../src/providers/index.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { startBenchChild, type BenchChild } from './child.js';
import { median, percentile, pool, progress, round } from './stats.js';

const COMMANDS = 1_000;
const CONCURRENCY = 50;
const ROUNDS = 3;
const WARMUP = 200;
/** Commands sent one at a time afterwards, for context. */
const SEQUENTIAL = 200;
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export interface CommandFigures {
  commands: number;
  concurrency: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  details: Record<string, unknown>;
}

export async function benchCommands(): Promise<CommandFigures> {
  progress(`commands: ${COMMANDS} /kyc <uuid> through Slack at concurrency ${CONCURRENCY}, ${ROUNDS} rounds`);
  const sandbox = await startRemoteSandbox({ sessions: COMMANDS, now: Date.parse('2025-03-01T12:00:00Z') });
  const providers = createProviders({
    loveandpay: { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey: sandbox.credentials.loveandpaySecretKey },
  });
  const client = providers.loveandpay!;
  const runCommand = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
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
    const viaBot = async (count: number, concurrency = CONCURRENCY): Promise<number[]> => {
      const answer = await slackSide!.ask<{ latencies?: number[]; wrong?: number; error?: string }>({ count, concurrency });
      if (answer.error || !answer.latencies) throw new Error(`Slack side: ${answer.error}`);
      if (answer.wrong) wrong.push(`${answer.wrong} via Slack`);
      return answer.latencies;
    };
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
    const rounds: Array<{ bot: number[]; direct: number[]; botMs: number; directMs: number }> = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      const timed = async (run: () => Promise<number[]>) => {
        const started = performance.now();
        const latencies = await run();
        return { latencies, ms: performance.now() - started };
      };
      let bot;
      let plain;
      if (index % 2 === 0) {
        plain = await timed(() => direct(COMMANDS));
        bot = await timed(() => viaBot(COMMANDS));
      } else {
        bot = await timed(() => viaBot(COMMANDS));
        plain = await timed(() => direct(COMMANDS));
      }
      rounds.push({ bot: bot.latencies, direct: plain.latencies, botMs: bot.ms, directMs: plain.ms });
      progress(
        `commands: round ${index + 1}/${ROUNDS}: bot p50 ${percentile(bot.latencies, 50).toFixed(1)} ms p99 ${percentile(bot.latencies, 99).toFixed(1)} ms; ` +
          `direct p50 ${percentile(plain.latencies, 50).toFixed(1)} ms p99 ${percentile(plain.latencies, 99).toFixed(1)} ms`,
      );
    }
    // Context for the figures: the same comparison one command at a time, where no command waits behind another.
    const sequentialDirect = await direct(SEQUENTIAL, 1);
    const sequentialBot = await viaBot(SEQUENTIAL, 1);
    if (wrong.length > 0) throw new Error(`answers did not name the session asked for: ${wrong.join(', ')}`);

    const per = (pick: (r: (typeof rounds)[number]) => number) => round(median(rounds.map(pick)), 1);
    return {
      commands: COMMANDS,
      concurrency: CONCURRENCY,
      overheadP50Ms: per((r) => percentile(r.bot, 50) - percentile(r.direct, 50)),
      overheadP99Ms: per((r) => percentile(r.bot, 99) - percentile(r.direct, 99)),
      details: {
        rounds: ROUNDS,
        botP50Ms: per((r) => percentile(r.bot, 50)),
        botP99Ms: per((r) => percentile(r.bot, 99)),
        directP50Ms: per((r) => percentile(r.direct, 50)),
        directP99Ms: per((r) => percentile(r.direct, 99)),
        botCommandsPerSecond: per((r) => (COMMANDS / r.botMs) * 1000),
        directLookupsPerSecond: per((r) => (COMMANDS / r.directMs) * 1000),
        sequential: {
          commands: SEQUENTIAL,
          botP50Ms: round(percentile(sequentialBot, 50), 2),
          directP50Ms: round(percentile(sequentialDirect, 50), 2),
          overheadP50Ms: round(percentile(sequentialBot, 50) - percentile(sequentialDirect, 50), 2),
          overheadP99Ms: round(percentile(sequentialBot, 99) - percentile(sequentialDirect, 99), 2),
        },
        overheadP50RunsMs: rounds.map((r) => round(percentile(r.bot, 50) - percentile(r.direct, 50), 1)),
        overheadP99RunsMs: rounds.map((r) => round(percentile(r.bot, 99) - percentile(r.direct, 99), 1)),
      },
    };
  } finally {
    await slackSide?.stop();
    await app.stop();
    await server.close();
    await fakeSlack.close();
    await providers.close();
    await sandbox.close();
  }
}
