/**
 * Issue 8, "Fuzzing with fast-check": 10,000 random command lines (any
 * Unicode, control characters, lines up to 20 KB, path and query injection)
 * go through createRunCommand against the real emulators. Every line must be
 * answered without an unexpected failure, every answer must render within
 * the platforms' limits on Slack, Telegram and the console, and no request
 * may leave for a provider unless it is a documented endpoint whose id
 * segment passed validation (requests are recorded as undici sends them:
 * helpers/recording-providers.ts).
 */
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditHandler } from '../../src/commands/audit.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../src/commands/subscriptions.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import type { Reply } from '../../src/domain/reply.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { SEED_NOW, admin, viewer } from '../support/command-harness.js';
import { renderEverywhere } from './helpers/platform-checks.js';
import { recordingProviders, requestProblem, type RecordingProviders } from './helpers/recording-providers.js';

const RUNS = 10_000;
const REPLY_KINDS: ReadonlySet<Reply['kind']> = new Set(['ok', 'not_found', 'usage', 'refused', 'error']);

const telegramMember: Caller = {
  platform: 'telegram',
  chatId: '-100123',
  userId: '42',
  isAdmin: false,
  mayManageSubscriptions: false,
  locale: 'en',
};

/** How commands start in practice: with and without the slash, a bot suffix, keys glued to values. */
const PREFIXES = [
  '/kyc', '/kyc ', 'kyc ', '/KYC ', '/kyc@KycDeskBot ', ' / kyc ', '/kyc invoice ', '/kyc invoice:', '/kyc stripe ',
  '/kyc stripe after:', '/kyc stripe before:', '/kyc status:', '/kyc page:', '/kyc subscribe ', '/customer ',
  '/customers ', '/customer kyc:', '/customer level:', '/customer page:', '/receipt ', '/receipts ', '/check ',
  '/check #', '/check watch ', '/help ', '', '/', '?',
];

/** Fragments that try to change which URL is called, or what the chat shows. */
const INJECTIONS = [
  '../', '..', '/..', '..%2F', '%2F', '%2f..%2f', '..%2F..%2Fcustomers', '%2e%2e%2f', '..\\', '\\', '/', '//',
  '?status=APPROVED', '?', '&limit=1000', '&', '=', '#', '#frag', '%23', '\r\n', '\r\nX-Injected: 1', '%0d%0a',
  '%00', '\u0000', '\u0007', '\u001b[31m', '%', '%25', '%zz', ';', '@', ':', 'vs_', 'VS_', 'vs_../', 'http://evil.example/',
  '<@U123>', '<!channel>', '<b>x</b>', '&amp;', '&lt;', '<https://evil|click>', '${jndi:x}', '__proto__', 'constructor',
  '\u202e', '\u200b', '\ufeff', '\ud800', '\udfff', 'ｋｙｃ', 'Ⅻ', 'e\u0301', '👩‍👩‍👧', 'page:2', 'page:0', 'page:99999999',
  'page:-1', 'after:', 'before:vs_', 'kyc:verified', 'level:2', 'status:', 'limit:5', 'offset:100',
];

/** Words of the grammar, so some random lines get far into the parser. */
const WORDS = [
  'approved', 'declined', 'in_progress', 'not_started', 'expired', 'pending', 'verified', 'canceled', 'processing',
  'requires_input', 'одобрен', 'отклонён', 'stripe', 'invoice', 'page', '2', '1', 'watch', 'help', '?', 'subscribe',
  'unsubscribe', 'subscriptions', 'audit', 'all', 'loveandpay', 'bank131', 'счет', 'Иван',
];

describe('10,000 random command lines against the emulators', () => {
  let sandbox: Sandbox;
  let recorder: RecordingProviders;
  let runCommand: RunCommand;
  let store: Store;
  const logs: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 40, now: SEED_NOW });
    recorder = recordingProviders(sandbox, {
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      timeouts: { connectMs: 2_000, requestMs: 5_000 },
    });
    // Warnings and errors mean an unexpected failure (run-command.ts logs those, and only those).
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    // Subscriptions, watches and the audit log as the app registers them, on a store of their own.
    store = await openStore('file::memory:');
    runCommand = createRunCommand({
      providers: recorder.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      now: () => new Date(SEED_NOW),
      logger,
      handlers: { ...createSubscriptionHandlers({ store }), 'kyc:audit': createAuditHandler(store) },
    });
  });
  afterAll(async () => {
    await recorder?.providers.close();
    await sandbox?.close();
    await store?.close();
  });

  /** Ids and contacts that exist in the sandbox, in the spellings people paste. */
  function realTokens(): string[] {
    const { sessions, customers, receipts, invoices, stripeSessions, checks } = sandbox.data;
    const session = sessions[0]!.id;
    const stripe = stripeSessions[0]!.id;
    const check = checks[0]!.id;
    return [
      session, session.toUpperCase(), `"${session}"`, `<${session}>`, session.slice(0, 8), `${session}x`,
      customers[0]!.id, receipts[0]!.id, invoices[0]!.id, stripe, stripe.replace(/^vs_/, 'VS_'), `${stripe}/`,
      check, `#${check}`, `№${check}`, check.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      '1', '007', '9'.repeat(19), '9'.repeat(20), customers[0]!.email, customers[0]!.phone,
      customers[0]!.phone.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, '8 ($1) $2-$3-$4'),
      customers[0]!.fullName.split(' ')[0]!, 'a@b', '@', 'x@y.z?status=APPROVED',
    ];
  }

  it('answers every line without an unexpected failure, within every platform limit, and never sends an unvalidated path segment', async () => {
    const ids = realTokens();
    const token = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids) },
      { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    );
    const separator = fc.constantFrom(' ', ' ', ' ', '', '', '\t', '\n', '\r\n', '\u00a0', '\u200b', '/', '  ');
    const tail = fc
      .array(fc.tuple(separator, token), { maxLength: 6 })
      .map((parts) => parts.map(([sep, word]) => sep + word).join(''));
    const structured = fc.tuple(fc.constantFrom(...PREFIXES), tail).map(([prefix, rest]) => prefix + rest);
    // Up to 20 KB: a pasted document, or an id followed by a flood of injection.
    const long = fc
      .tuple(
        fc.constantFrom(...PREFIXES),
        fc.oneof(fc.constantFrom(...INJECTIONS, ...ids), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 })),
        fc.integer({ min: 900, max: 20_480 }),
      )
      .map(([prefix, chunk, length]) => (prefix + `${chunk} `.repeat(Math.ceil(length / (chunk.length + 1)))).slice(0, length));
    const line = fc.oneof(
      { weight: 12, arbitrary: structured },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: long },
    );
    const caller = fc.constantFrom(admin('en'), viewer('ru'), telegramMember);

    let reachedProviders = 0;
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(line, caller, async (typed, who) => {
        const before = recorder.requests.length;
        logs.length = 0;
        const reply = await runCommand(typed, who);
        const problems: string[] = [];

        if (!REPLY_KINDS.has(reply.kind)) problems.push(`reply kind ${String(reply.kind)}`);
        // No faults are injected here: an 'error' reply means the bot sent something a provider refused, or broke.
        if (reply.kind === 'error') problems.push(`error reply: ${reply.title}`);
        if (logs.length > 0) problems.push(`logged: ${logs.join(' | ').slice(0, 400)}`);

        problems.push(...renderEverywhere(reply, who.locale, typed).problems);

        const sent = recorder.requests.slice(before);
        for (const request of sent) {
          const problem = requestProblem(request, sandbox);
          if (problem) problems.push(`request ${request.provider} ${request.path}: ${problem}`);
        }
        if (sent.length > 0) reachedProviders += 1;
        kinds.set(reply.kind, (kinds.get(reply.kind) ?? 0) + 1);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );

    // The run was not vacuous: many lines got through the parser to real endpoints, many were refused before.
    const endpoints = new Set(recorder.requests.map((r) => `${r.provider} ${r.path.split('?')[0]!.replace(/[^/]*\d[^/]*$/, ':id')}`));
    expect(reachedProviders).toBeGreaterThan(300);
    expect(kinds.get('usage') ?? 0).toBeGreaterThan(RUNS / 2);
    expect(endpoints.size).toBeGreaterThanOrEqual(7);
  }, 120_000);
});
