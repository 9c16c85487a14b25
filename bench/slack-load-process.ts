/**
 * Plays Slack for the commands benchmark, in a process of its own so its work
 * (signing, sending, receiving answers) does not load the bot's process:
 * posts signed `/kyc <uuid>` slash commands to the bot's /slack/events at a
 * fixed concurrency and times each one until its answer is in: the ack's own
 * body when it carries the message (Slack shows that at once), or else the
 * post to this process's response_url sink.
 *
 * argv[2]: {eventsUrl, signingSecret, ids}. Each stdin line
 * {count, concurrency, eventsUrl?} runs that many commands (to another app's
 * /slack/events when given: the bare Bolt floor) and answers {latencies, wrong}.
 */
import { Agent } from 'undici';
import { signSlackRequest, slashCommandBody } from '../test/support/slack-signing.js';
import { serveRequests } from './child.js';
import { startResponseSink } from './response-sink.js';
import { pool } from './stats.js';

interface Setup {
  eventsUrl: string;
  signingSecret: string;
  ids: string[];
}

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;
const sink = await startResponseSink();
const agent = new Agent({ keepAliveTimeout: 4_000 });
let sequence = 0;

async function run(count: number, concurrency: number, events: URL): Promise<{ latencies: number[]; wrong: number }> {
  const latencies: number[] = [];
  let wrong = 0;
  await pool(setup.ids.slice(0, count), concurrency, async (id) => {
    const responseId = `c${sequence++}`;
    const body = slashCommandBody({ command: '/kyc', text: id, responseUrl: sink.url(responseId), channelId: 'C0BENCH', userId: 'U0BENCH' });
    const answered = sink.expect(responseId);
    const started = performance.now();
    const signed = signSlackRequest(setup.signingSecret, body);
    const ack = await agent.request({ origin: events.origin, path: events.pathname, method: 'POST', headers: signed.headers, body });
    const acked = await ack.body.text();
    if (ack.statusCode !== 200) throw new Error(`the Slack receiver answered HTTP ${ack.statusCode}`);
    const answer = acked ? { at: performance.now(), body: JSON.parse(acked) as Record<string, unknown> } : await answered;
    if (acked) sink.forget(responseId);
    latencies.push(answer.at - started);
    // The answer names the session it was asked about (its title shows the id's first 8 characters).
    if (!JSON.stringify(answer.body).includes(id.slice(0, 8))) wrong += 1;
  });
  return { latencies, wrong };
}

process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
serveRequests(
  (request) => {
    const { count, concurrency, eventsUrl } = request as { count: number; concurrency: number; eventsUrl?: string };
    return run(count, concurrency, new URL(eventsUrl ?? setup.eventsUrl));
  },
  async () => {
    await agent.close();
    await sink.close();
  },
);
