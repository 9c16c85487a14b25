/**
 * What one oversized provider answer costs in memory, with and without the
 * response size limit (PROVIDER_MAX_RESPONSE_BYTES). The Bank 131 emulator
 * runs in its own process and streams a JSON body of `--bytes` bytes without
 * Content-Length (the `huge` fault); this process reads it through the shared
 * client and prints its RSS before and at the peak, as one JSON line.
 *
 *   npx tsx bench/huge-answer.ts                      300 MB answer, default 10 MB limit
 *   npx tsx bench/huge-answer.ts --limit 500000000    300 MB answer read whole through the client
 *   npx tsx bench/huge-answer.ts --text               read whole as the client did before the limit (body.text())
 *
 * Run each in a fresh process: the peak RSS of a process never goes down.
 */
import { Agent } from 'undici';
import { z } from 'zod';
import { DEFAULT_MAX_RESPONSE_BYTES, ProviderHttpClient } from '../src/providers/http.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { collectGarbage, peakMemoryDuring, toMb } from './rss-sampler.js';

const arg = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const bytes = Number(arg('--bytes') ?? 300_000_000);
const limit = Number(arg('--limit') ?? DEFAULT_MAX_RESPONSE_BYTES);
const asText = process.argv.includes('--text');

const sandbox = await startRemoteSandbox({ customers: 10 });
try {
  const origin = new URL(sandbox.urls.bank131).origin;
  /** A control call on a connection of its own: a pooled one may have idled out while the answer was read. */
  const control = async (method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> => {
    const agent = new Agent();
    try {
      const response = await agent.request({
        origin,
        path: `/_sandbox${route}`,
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return await response.body.json();
    } finally {
      await agent.close();
    }
  };
  await control('POST', '/faults', { provider: 'bank131', huge: { bytes } });
  const path = '/api/v1.1/check/1';

  collectGarbage();
  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  const { value: outcome, peak } = await peakMemoryDuring(async () => {
    try {
      if (asText) {
        // The client before the limit: the whole body as one string, then JSON.parse.
        const agent = new Agent();
        const response = await agent.request({ origin, path, method: 'GET' });
        JSON.parse(await response.body.text());
        await agent.close();
        return 'read whole';
      }
      const client = new ProviderHttpClient({
        provider: 'bank131',
        baseUrl: sandbox.urls.bank131,
        authenticate: () => ({ 'X-PARTNER-PROJECT': sandbox.credentials.bank131Project }),
        timeouts: { requestMs: 120_000 },
        maxResponseBytes: limit,
      });
      await client.get({ endpoint: 'GET /check/:id', path: '/check/1', schema: z.looseObject({}) });
      return 'read whole';
    } catch (error) {
      return (error as { kind?: string }).kind ?? String(error);
    }
  }, 2);
  const progress = (await control('GET', '/huge?provider=bank131')) as { state: string; bytesSent: number };
  const figures = {
    answerMb: bytes / 1e6,
    mode: asText ? 'body.text() (before the limit)' : `limit ${limit / 1e6} MB`,
    outcome,
    rssBeforeMb: Math.round(toMb(before)),
    // Sampled every 2 ms; the kernel's high-water mark (maxRSS) catches a peak between samples, unless start-up set it.
    rssPeakMb: Math.round(toMb(peak.rssBytes)),
    maxRssMb: { before: Math.round(toMb(maxBefore)), after: Math.round(toMb(process.resourceUsage().maxRSS * 1024)) },
    heapPeakMb: Math.round(toMb(peak.heapUsedBytes)),
    emulator: { state: progress.state, sentMb: Math.round(progress.bytesSent / 1e5) / 10 },
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await sandbox.close();
}
