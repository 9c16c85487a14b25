/**
 * The floor of `reconcileParseRatio`: the same pages the reconciliation reads
 * (src/alerts/reconcile-loveandpay.ts), in the same order and with the same
 * concurrency, fetched bare: signed GETs over the same kind of keep-alive
 * agent, bodies read as text and (with `parse`) JSON.parse-d, as any client
 * of the API must; nothing validated or stored.
 *
 * The walk mirrors walkList(): per final status, in turn, the first page
 * alone; then the planned pages up to its total with `concurrency` workers;
 * then one page at a time while the last one came back full. Totals come from
 * the emulator's summary (a control route, not counted), since no body is
 * parsed here; the bench checks both walks made the same number of requests.
 */
import type { Dispatcher } from 'undici';
import { MAX_PAGE_SIZE } from '../src/providers/loveandpay/client.js';
import { signLoveAndPay } from '../src/providers/loveandpay/sign.js';

export interface RawWalkOptions {
  dispatcher: Dispatcher;
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  /** Sessions per final status, as the lists will report them. */
  totals: Record<string, number>;
  statuses: readonly string[];
  concurrency: number;
  /** JSON.parse every body (the floor any client has); otherwise bodies are only read. */
  parse?: boolean;
}

/** Returns the number of requests made. */
export async function rawWalk(options: RawWalkOptions): Promise<number> {
  let requests = 0;
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const fetchPage = async (status: string, offset: number): Promise<void> => {
    requests += 1;
    const path = `${prefix}/kyc/sessions`;
    const timestamp = String(Date.now());
    const signature = signLoveAndPay({ secretKey: options.secretKey, method: 'GET', path, timestamp, body: '' });
    const response = await options.dispatcher.request({
      origin: base.origin,
      path: `${path}?status=${status}&limit=${MAX_PAGE_SIZE}&offset=${offset}`,
      method: 'GET',
      headers: { accept: 'application/json', 'x-api-key': options.apiKey, 'x-timestamp': timestamp, 'x-signature': signature },
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`raw fetch: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
    if (options.parse) JSON.parse(text);
  };

  for (const status of options.statuses) {
    const total = options.totals[status] ?? 0;
    await fetchPage(status, 0);
    if (total < MAX_PAGE_SIZE) continue;
    let next = MAX_PAGE_SIZE;
    const worker = async () => {
      while (next < total) {
        const offset = next;
        next += MAX_PAGE_SIZE;
        await fetchPage(status, offset);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    // A full last planned page makes the reconciliation read one more (empty) page.
    const lastPlanned = Math.max(0, Math.ceil(total / MAX_PAGE_SIZE) - 1) * MAX_PAGE_SIZE;
    if (total - lastPlanned === MAX_PAGE_SIZE) await fetchPage(status, lastPlanned + MAX_PAGE_SIZE);
  }
  return requests;
}
