/**
 * Issue 8, "Hostile provider data": HTML, Slack mrkdwn control sequences,
 * Telegram HTML, 100 KB strings, nulls in every nullable field and unknown
 * statuses come from the emulators, through the real clients and commands,
 * and are rendered for Slack, Telegram and the console. Nobody is pinged,
 * no markup survives escaping, every limit holds, nothing crashes; alerts
 * built from such data render as safely.
 *
 * The control API can rename a customer (setCustomerName) and set statuses
 * it knows, but has no setter for the other fields a provider sends (emails,
 * verification data, receipts, invoices, Stripe sessions, Bank 131
 * descriptions) nor for unknown statuses or nulls. Those are written
 * straight into the live `sandbox.data` records, which the emulators serve
 * as they are. Status-filtered lists are cached until a control call changes
 * something, so the tests read records by id or in unfiltered lists, and a
 * control call comes last.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPresenter, alertReply } from '../../src/alerts/alert-reply.js';
import { planMessages } from '../../src/alerts/digest.js';
import { createAlerts, type Alerts } from '../../src/alerts/index.js';
import { TELEGRAM_LIMITS } from '../../src/chat/telegram/limits.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller, ChatRef, Locale, Platform } from '../../src/domain/chat.js';
import type { Reply } from '../../src/domain/reply.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore, type AlertEvent, type OutboxEntry, type Store } from '../../src/store/index.js';
import { platformTraits } from '../alerts/helpers/platform-traits.js';
import { recordingSender, type RecordingSender } from '../alerts/helpers/recording-sender.js';
import { SEED_NOW, admin, providerSettings, viewer } from '../support/command-harness.js';
import { renderEverywhere, slackMrkdwnTexts } from './helpers/platform-checks.js';

// --- the hostile strings ----------------------------------------------------------

/** Slack special commands, mentions, a channel link and a disguised link (docs.slack.dev/messaging/formatting-message-text). */
const SLACK_CONTROL = '<!channel> <!here|here> <@U123> <#C123|general> <!subteam^S123> <https://evil.example|click>';
/** Telegram HTML as a provider string (core.telegram.org/bots/api#html-style). */
const TELEGRAM_HTML = '<b>x</b> <a href="https://evil.example">tap</a> <i>y</i> <pre>z</pre> <code>c</code> &amp; &lt;t&gt; &quot;';
const HTML = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const MARKUP = '*bold* _it_ ~strike~ `tick` ```block``` > quote';
const HOSTILE = `Зловред ${SLACK_CONTROL} ${TELEGRAM_HTML} ${HTML} ${MARKUP}`;
const MULTILINE = `${SLACK_CONTROL}\r\n${TELEGRAM_HTML}\n\n${HTML}`;
/** 100 KB of the above, cut mid-sequence on purpose. */
const HUGE = `${HOSTILE} `.repeat(Math.ceil(100_000 / (HOSTILE.length + 1))).slice(0, 100_000);
const EVIL_URL = 'https://evil.example/img.png?<!channel>|<@U123>&a="x"';

/** Writes fields a provider may send (including nulls the sandbox types do not allow) into a live record. */
function setFields(record: object, fields: Record<string, unknown>): void {
  Object.assign(record, fields);
}

function problemsOf(reply: Reply, locale: Locale): string[] {
  return renderEverywhere(reply, locale, '/kyc').problems;
}

const CALLERS: Caller[] = [admin('en'), viewer('ru'), { ...viewer('en'), platform: 'telegram', chatId: '-100123' }];

describe('hostile provider data in command replies', () => {
  let sandbox: Sandbox;
  let providers: Providers;
  let run: RunCommand;
  const ids = {} as Record<
    'hostile' | 'huge' | 'nulls' | 'session' | 'hugeSession' | 'nullSession' | 'unknownSession' | 'emptySession' | 'receipt' | 'nullReceipt' | 'nullDetails' | 'invoice' | 'stripe' | 'nullStripe' | 'reasonOnly',
    string
  >;

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 40, now: SEED_NOW });
    providers = createProviders(providerSettings(sandbox));
    run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true }, now: () => new Date(SEED_NOW) });
    const { control, data } = sandbox;

    const [hostile, huge, nulls] = data.customers;
    Object.assign(ids, { hostile: hostile!.id, huge: huge!.id, nulls: nulls!.id });
    control.setCustomerName(huge!.id, HUGE);
    setFields(huge!, { email: '<@U123>@evil.example', phone: '<!here> +7 999 123 45 67' });
    setFields(hostile!, { kycStatus: 'SUSPENDED<!channel>', trustLevel: '<b>LEVEL_9</b>' });
    setFields(hostile!.payments[0]!, { status: HOSTILE, invoiceId: null });
    setFields(nulls!, { fullName: null, email: null, phone: null, lastPaymentAt: null, kycVerifiedAt: null, averageAmount: null });
    for (const payment of nulls!.payments) setFields(payment, { invoiceId: null });

    // The newest sessions, so /kyc lists them on its first page.
    const [session, hugeSession, nullSession, unknownSession, emptySession] = data.sessions;
    Object.assign(ids, {
      session: session!.id,
      hugeSession: hugeSession!.id,
      nullSession: nullSession!.id,
      unknownSession: unknownSession!.id,
      emptySession: emptySession!.id,
    });
    setFields(session!, {
      status: '<b>UNDER_REVIEW</b><!channel>',
      customerEmail: '<!channel>@evil.example',
      customerPhone: '<@U123>',
      invoiceId: null,
      verificationUrl: 'javascript:alert(1)//<!channel>',
      expiresAt: '<b>tomorrow</b>',
      verification: {
        firstName: HOSTILE, lastName: SLACK_CONTROL, middleName: TELEGRAM_HTML, fullName: HOSTILE,
        dateOfBirth: '<i>1990</i>', documentType: '<b>passport</b>', documentCountry: '<!here>',
        documentNumber: '<@U123>1234', documentIssuedAt: '<b>x', documentExpiresAt: 'not a date',
        faceMatchScore: 0.5, livenessScore: null, verifiedAt: 'garbage',
      },
    });
    setFields(hugeSession!, {
      status: 'IN_PROGRESS',
      customerEmail: HUGE,
      verificationUrl: `https://evil.example/${'a'.repeat(1_500)}?x=<!channel>|y`,
    });
    setFields(nullSession!, {
      status: 'APPROVED', sessionId: null, invoiceId: null, customerId: null, customerEmail: null, customerPhone: null,
      verificationUrl: null, expiresAt: null,
      verification: Object.fromEntries(
        ['firstName', 'lastName', 'middleName', 'fullName', 'dateOfBirth', 'documentType', 'documentCountry', 'documentNumber',
          'documentIssuedAt', 'documentExpiresAt', 'faceMatchScore', 'livenessScore', 'verifiedAt'].map((key) => [key, null]),
      ),
    });
    setFields(unknownSession!, { status: 'ON_HOLD' });
    setFields(emptySession!, { status: '' });

    const receipt = data.receipts.find((r) => r.invoiceId)!;
    const invoice = data.invoices.find((i) => i.id === receipt.invoiceId)!;
    const [nullReceipt, nullDetails] = data.receipts.filter((r) => r !== receipt);
    Object.assign(ids, { receipt: receipt.id, invoice: invoice.id, nullReceipt: nullReceipt!.id, nullDetails: nullDetails!.id });
    setFields(receipt, {
      status: 'MANUAL_REVIEW<!channel>',
      imageUrl: EVIL_URL,
      verificationDetails: { extractedAmount: 1500, extractedDate: '<b>2024</b>', confidence: 0.42, bank: HOSTILE, paymentType: '<b>СБП</b>', rejectionReason: `${MULTILINE}\r\n${HUGE}` },
    });
    setFields(invoice, { invoiceNumber: HOSTILE, currency: '<b>XXX</b>', customerId: null, description: HOSTILE, status: '<!here>' });
    setFields(nullReceipt!, { invoiceId: null, imageUrl: null, verifiedAmount: null, verificationDetails: null, verifiedAt: null });
    setFields(nullDetails!, {
      status: 'REJECTED',
      verificationDetails: { extractedAmount: null, extractedDate: null, confidence: null, bank: null, paymentType: null, rejectionReason: null },
    });

    const [stripe, nullStripe, reasonOnly] = data.stripeSessions;
    Object.assign(ids, { stripe: stripe!.id, nullStripe: nullStripe!.id, reasonOnly: reasonOnly!.id });
    setFields(stripe!, {
      status: 'requires_action<@U123>',
      type: '<b>document</b>',
      last_error: { code: '<!channel>', reason: HUGE },
      client_reference_id: HOSTILE,
      url: 'https://evil.example/<!channel>',
      metadata: { note: HOSTILE },
    });
    setFields(nullStripe!, { status: 'requires_input', type: null, client_reference_id: null, url: null, last_error: null, metadata: null });
    setFields(reasonOnly!, { status: 'requires_input', last_error: { code: null, reason: MULTILINE } });

    control.setCheck('9001', 'error', '<!channel>');
    setFields(sandbox.data.checks.find((c) => c.id === '9001')!, { errorDescription: HUGE });
    control.setCheck('9002', 'pending');
    setFields(sandbox.data.checks.find((c) => c.id === '9002')!, { status: 'queued<b>', description: HUGE, participantReference: HOSTILE });
    control.setCheck('9003', 'ok');
    setFields(sandbox.data.checks.find((c) => c.id === '9003')!, { description: null, participantReference: null });

    // Last, so every cached list is dropped and the emulators serve the records as changed above.
    control.setCustomerName(hostile!.id, HOSTILE);
  });
  afterAll(async () => {
    await providers?.close();
    await sandbox?.close();
  });

  /** Runs the lines for every caller and lists every rendering problem, naming line and caller. */
  async function problemsFor(lines: string[]): Promise<{ problems: string[]; replies: Map<string, Reply> }> {
    const problems: string[] = [];
    const replies = new Map<string, Reply>();
    for (const line of lines) {
      for (const caller of CALLERS) {
        const reply = await run(line, caller);
        replies.set(`${caller.locale}:${caller.isAdmin ? 'admin' : 'viewer'}:${caller.platform} ${line}`, reply);
        const where = `${line} (${caller.platform}, ${caller.locale}, ${caller.isAdmin ? 'admin' : 'viewer'})`;
        if (reply.kind !== 'ok') problems.push(`${where}: ${reply.kind} ${reply.title}`);
        problems.push(...problemsOf(reply, caller.locale).map((p) => `${where}: ${p}`));
      }
    }
    return { problems, replies };
  }

  it('shows markup in customer data literally on every renderer and pings nobody on Slack', async () => {
    const { problems } = await problemsFor([`/customer ${ids.hostile}`, `/customer ${ids.huge}`, '/customer']);
    expect(problems).toEqual([]);

    // An admin sees the name unmasked: escaped, not dropped.
    const reply = await run(`/customer ${ids.hostile}`, admin('en'));
    const rendered = renderEverywhere(reply, 'en');
    const mrkdwn = slackMrkdwnTexts(rendered.slack!).join('\n');
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(mrkdwn).not.toMatch(/<!channel>|<!here|<@U123>|<#C123|<!subteam/);
    expect(rendered.telegramVisible).toContain(SLACK_CONTROL);
    expect(rendered.telegramVisible).toContain(TELEGRAM_HTML);
    expect(rendered.telegramVisible).toContain(HTML);
    expect(rendered.telegram!.chunks.join('')).not.toMatch(/<script|<img|<a href="https:\/\/evil/);
    expect(rendered.text).toContain(HOSTILE);
  });

  it('shows markup in Love&Pay sessions, receipts and invoices literally, with only web links made links', async () => {
    const { problems } = await problemsFor([
      '/kyc',
      `/kyc ${ids.session}`,
      `/kyc ${ids.hugeSession}`,
      `/receipt ${ids.receipt}`,
      `/kyc invoice ${ids.invoice}`,
    ]);
    expect(problems).toEqual([]);

    const session = renderEverywhere(await run(`/kyc ${ids.session}`, admin('en')), 'en');
    expect(session.telegramVisible).toContain(HOSTILE);
    // A javascript: verification link is shown as text at most, never as a link or a button.
    expect(session.telegram!.chunks.join('')).not.toContain('href="javascript');
    expect(session.telegram!.keyboard.flat().some((button) => 'url' in button && button.url.startsWith('javascript'))).toBe(false);
    expect(JSON.stringify(session.slack)).not.toContain('"url":"javascript');

    const receipt = renderEverywhere(await run(`/receipt ${ids.receipt}`, admin('en')), 'en');
    expect(receipt.telegramVisible).toContain(`Bank: ${HOSTILE}`);
    expect(receipt.text).toContain(SLACK_CONTROL);
  });

  it('keeps 100 KB strings within every platform limit, cutting honestly', async () => {
    for (const line of [`/customer ${ids.huge}`, `/receipt ${ids.receipt}`, `/kyc ${ids.stripe}`, '/check 9001', '/check 9002']) {
      const reply = await run(line, admin('en'));
      const rendered = renderEverywhere(reply, 'en');
      expect(rendered.problems, line).toEqual([]);
      expect(rendered.telegram!.chunks.every((chunk) => chunk.length <= TELEGRAM_LIMITS.messageText), line).toBe(true);
    }
    const name = renderEverywhere(await run(`/customer ${ids.huge}`, admin('en')), 'en');
    expect(slackMrkdwnTexts(name.slack!).join('\n')).toMatch(/… and [\d,]+ more characters/);
  });

  it('renders nulls in every nullable field without showing "null" or failing', async () => {
    const lines = [`/customer ${ids.nulls}`, `/kyc ${ids.nullSession}`, `/receipt ${ids.nullReceipt}`, `/receipt ${ids.nullDetails}`, `/kyc ${ids.nullStripe}`, `/kyc ${ids.reasonOnly}`, '/check 9003', '/kyc stripe'];
    const { problems, replies } = await problemsFor(lines);
    expect(problems).toEqual([]);
    for (const [where, reply] of replies) {
      const rendered = renderEverywhere(reply, where.startsWith('ru') ? 'ru' : 'en');
      expect(rendered.text, where).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b|Invalid Date|\[object /);
      expect(rendered.telegramVisible, where).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b|Invalid Date/);
    }
  });

  it('shows unknown statuses as UNKNOWN next to the provider’s own status, on every renderer', async () => {
    const cases: Array<[string, string]> = [
      [`/kyc ${ids.session}`, '<b>UNDER_REVIEW</b><!channel>'],
      [`/kyc ${ids.unknownSession}`, 'ON_HOLD'],
      [`/kyc ${ids.emptySession}`, ''],
      [`/receipt ${ids.receipt}`, 'MANUAL_REVIEW<!channel>'],
      [`/customer ${ids.hostile}`, 'SUSPENDED<!channel>'],
      [`/kyc ${ids.stripe}`, 'requires_action<@U123>'],
      ['/check 9002', 'queued<b>'],
    ];
    for (const [line, native] of cases) {
      const reply = await run(line, admin('en'));
      expect(reply.badge, line).toEqual({ outcome: 'UNKNOWN', native });
      const rendered = renderEverywhere(reply, 'en');
      expect(rendered.problems, line).toEqual([]);
      // An empty provider status adds nothing, so the badge is the outcome alone (issue 15: a status is said once).
      expect(rendered.text, line).toContain(native ? `UNKNOWN · ${native}` : '\nUNKNOWN\n');
      if (native) expect(rendered.telegramVisible, line).toContain(native);
    }
  });

  it('shows markup in Stripe sessions and Bank 131 checks literally on every renderer', async () => {
    const { problems } = await problemsFor(['/kyc stripe', `/kyc ${ids.stripe}`, `/kyc ${ids.reasonOnly}`, '/check 9001', '/check 9002']);
    expect(problems).toEqual([]);
    const stripe = renderEverywhere(await run(`/kyc ${ids.stripe}`, admin('en')), 'en');
    expect(stripe.telegramVisible).toContain(HOSTILE);
    const check = renderEverywhere(await run('/check 9002', admin('en')), 'en');
    expect(check.telegramVisible).toContain(HOSTILE);
  });

  // --- statuses and codes named like Object.prototype members ---------------------------
  // Status and code tables are plain objects; read with `table[value]`, a provider value such
  // as "constructor" or "toString" would find an inherited function. src/domain/own.ts guards
  // every such lookup; these tests keep it that way.

  it('shows a Love&Pay status named "constructor" as UNKNOWN (src/domain/outcome.ts loveAndPayOutcome)', async () => {
    setFields(sandbox.data.sessions.find((s) => s.id === ids.unknownSession)!, { status: 'constructor' });
    try {
      const reply = await run(`/kyc ${ids.unknownSession}`, admin('en'));
      expect(reply.badge).toEqual({ outcome: 'UNKNOWN', native: 'constructor' });
    } finally {
      setFields(sandbox.data.sessions.find((s) => s.id === ids.unknownSession)!, { status: 'ON_HOLD' });
    }
  });

  it('keeps a reply with a 5,000-character verification link within 4,096 characters per Telegram message (src/chat/telegram/split-html.ts splitTelegramHtml)', async () => {
    const session = sandbox.data.sessions.find((s) => s.id === ids.session)!;
    const before = session.verificationUrl;
    setFields(session, { verificationUrl: `https://verify.example/${'a'.repeat(5_000)}` });
    try {
      const telegram = renderEverywhere(await run(`/kyc ${ids.session}`, admin('en')), 'en').telegram!;
      expect(telegram.chunks.every((chunk) => chunk.length <= TELEGRAM_LIMITS.messageText)).toBe(true);
      expect(telegram.chunks.length).toBeLessThanOrEqual(3);
    } finally {
      setFields(session, { verificationUrl: before });
    }
  });

  it('explains a Bank 131 error code named "toString" instead of failing the command (src/commands/check.ts explainCheckError)', async () => {
    sandbox.control.setCheck('9004', 'error', 'toString');
    const reply = await run('/check 9004', admin('en'));
    // Not one of the two verdict codes, so not DECLINED: shown as the unknown answer it is.
    expect(reply).toMatchObject({ kind: 'ok', badge: { outcome: 'UNKNOWN', native: 'error' } });
    expect(reply.notes?.[0]?.text).toBe('Bank 131 reported toString');
  });
});

describe('a provider error body with a code named like an Object.prototype member', () => {
  let server: Server;
  let providers: Providers;

  beforeAll(async () => {
    // A stand-in Love&Pay that refuses every request with a hostile error code (both documented shapes accept any code).
    server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: { code: 'hasOwnProperty', message: '<!channel>' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    providers = createProviders({
      loveandpay: { baseUrl: `http://127.0.0.1:${port}/api/v2`, apiKey: 'pk_test_x', secretKey: 'sk_test_x' },
      retry: { maxAttempts: 1 },
    });
  });
  afterAll(async () => {
    await providers?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('is answered with a sentence instead of rejecting the command (src/commands/explain-provider-error.ts)', async () => {
    const run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: false } });
    await expect(run('/kyc', viewer())).resolves.toMatchObject({ kind: 'error' });
  });
});

// --- alerts ---------------------------------------------------------------------------

const presenter = (locale: Locale) => alertPresenter({ locale, timeZone: 'Europe/Moscow' });

/** Alert events as a sweep could store them: unknown native statuses, hostile details, nulls in every detail. */
function hostileEvents(): AlertEvent[] {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const nulls = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, null]));
  return [
    {
      provider: 'loveandpay', objectId: uuid(1), outcome: 'APPROVED', native: '<b>UNDER_REVIEW</b><!channel>', occurredAt: 'garbage',
      details: { customer: HOSTILE, contact: HUGE, documentType: '<b>passport</b>', documentCountry: SLACK_CONTROL, faceMatchScore: Number.NaN, livenessScore: 0.93, verifiedAt: 'not a date' },
    },
    {
      provider: 'loveandpay', objectId: uuid(2), outcome: 'DECLINED', native: 'ON_HOLD',
      details: nulls(['customer', 'contact', 'documentType', 'documentCountry', 'faceMatchScore', 'livenessScore', 'verifiedAt']),
    },
    { provider: 'loveandpay', objectId: uuid(3), outcome: 'APPROVED', native: '', details: {} },
    {
      provider: 'stripe', objectId: 'vs_hostile1', outcome: 'DECLINED', native: 'requires_action<@U123>', occurredAt: '2025-03-01T12:00:00Z',
      details: { contact: MULTILINE, reference: HOSTILE, verifiedAt: null, errorCode: '<!channel>' },
    },
    { provider: 'stripe', objectId: 'vs_nulls1', outcome: 'APPROVED', native: 'verified', details: nulls(['contact', 'reference', 'verifiedAt', 'errorCode']) },
    {
      provider: 'bank131', objectId: '9001', outcome: 'DECLINED', native: 'queued<b>',
      details: { description: HUGE, participant: HOSTILE, errorCode: 'unknown_code<!here>' },
    },
    { provider: 'bank131', objectId: '9002', outcome: 'APPROVED', native: 'ok', details: nulls(['description', 'participant', 'errorCode']) },
  ];
}

describe('hostile provider data in alerts', () => {
  it('renders single alerts with unknown statuses, nulls and markup safely on every renderer', () => {
    for (const locale of ['en', 'ru'] as const) {
      for (const event of hostileEvents()) {
        const reply = alertReply(event, presenter(locale));
        const rendered = renderEverywhere(reply, locale);
        expect(rendered.problems, `${event.provider} ${event.objectId}`).toEqual([]);
        expect(rendered.text, event.objectId).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b|Invalid Date|\[object /);
        expect(reply.badge).toEqual({ outcome: event.outcome, native: event.native });
      }
    }
  });

  it('puts 60 hostile alerts into digests that each fit one message and name every alert once', () => {
    const chat: ChatRef = { platform: 'slack', chatId: 'C1' };
    const events = Array.from({ length: 60 }, (_, i) => {
      const base = hostileEvents()[i % 7]!;
      return { ...base, objectId: base.provider === 'loveandpay' ? base.objectId.replace(/\d{4}$/, String(1000 + i)) : `${base.objectId}${i}` };
    });
    const entries: OutboxEntry[] = events.map((event, i) => ({ id: i + 1, chat, event, createdAt: new Date(SEED_NOW), attempts: 1, lastError: null }));
    for (const platform of ['slack', 'telegram', 'console'] as Platform[]) {
      const messages = planMessages(entries, { locale: 'en', timeZone: 'Europe/Moscow' }, (reply) => platformTraits(platform).fits?.(reply) ?? true);
      expect(messages.flatMap((m) => m.entries.map((e) => e.id)), platform).toEqual(entries.map((e) => e.id));
      for (const message of messages) {
        const rendered = renderEverywhere(message.reply, 'en');
        expect(rendered.problems, platform).toEqual([]);
        // digest.ts: a digest names as many alerts as one message shows whole, and at least one;
        // a single alert with a 100 KB detail is the one case that takes several Telegram messages.
        if (platform === 'telegram' && message.entries.length > 1) expect(rendered.telegram!.chunks).toHaveLength(1);
      }
    }
  });

  it('renders an alert whose Bank 131 error code is named "constructor" (src/alerts/alert-reply.ts errorText)', () => {
    const event: AlertEvent = { provider: 'bank131', objectId: '7', outcome: 'DECLINED', native: 'error', details: { errorCode: 'constructor' } };
    expect(renderEverywhere(alertReply(event, presenter('en')), 'en').problems).toEqual([]);
  });

  describe('from the emulators through the sweep and the outbox', () => {
    let sandbox: Sandbox;
    let store: Store;
    let providers: Providers;
    let sender: RecordingSender;
    let alerts: Alerts;
    const chat: ChatRef = { platform: 'console', chatId: 'ops' };

    beforeAll(async () => {
      sandbox = await startSandbox({ customers: 40, now: SEED_NOW });
      store = await openStore('file::memory:');
      providers = createProviders(providerSettings(sandbox));
      sender = recordingSender('console');
      alerts = createAlerts({ store, providers, senders: { console: sender }, reconcileEveryMs: Number.POSITIVE_INFINITY });
      await store.subscribe({ chat, outcomes: [], providers: [], source: 'command', createdBy: 'U1', now: new Date() });
      for (const id of ['9101', '9102']) {
        sandbox.control.setCheck(id, 'pending');
        await store.addWatch({ checkId: id, chat, createdBy: 'U1', now: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
      }
      expect((await alerts.sweepOnce()).failures).toEqual([]);
    });
    afterAll(async () => {
      await alerts?.stop();
      await providers?.close();
      await sandbox?.close();
      await store?.close();
    });

    it('announces hostile sessions, Stripe sessions and checks with their data inert on every renderer', async () => {
      const { control, data } = sandbox;
      const open = data.sessions.filter((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED');
      const [hostile, empty] = open;
      control.setSessionStatus(hostile!.id, 'APPROVED');
      control.setCustomerName(hostile!.customerId, HOSTILE);
      setFields(hostile!, { customerEmail: '<!channel>@evil.example', customerPhone: '<@U123>' });
      setFields(hostile!.verification!, { documentType: '<b>passport</b>', documentCountry: SLACK_CONTROL, verifiedAt: 'garbage' });
      control.setSessionStatus(empty!.id, 'DECLINED');
      setFields(empty!, { customerEmail: null, customerPhone: null });

      const waiting = data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error);
      setFields(waiting[0]!, { client_reference_id: HOSTILE, provided_details: { email: '<@U123>@evil.example', phone: '<!here>' } });
      control.setStripeStatus(waiting[0]!.id, 'requires_input', '<!channel>');
      setFields(waiting[1]!, { client_reference_id: null, provided_details: null });
      control.setStripeStatus(waiting[1]!.id, 'verified');

      // Only a verdict alerts (an unknown code such as '<!channel>' never does), so the hostile text rides on a declined check.
      control.setCheck('9101', 'error', 'passport_validation_failure');
      setFields(data.checks.find((c) => c.id === '9101')!, { errorDescription: HOSTILE });
      control.setCheck('9102', 'ok');
      setFields(data.checks.find((c) => c.id === '9102')!, { description: HUGE, participantReference: HOSTILE });

      const report = await alerts.sweepOnce();
      await alerts.deliverOnce();

      expect(report.failures).toEqual([]);
      expect(sender.messages.length).toBeGreaterThan(0);
      const named = sender.messages.flatMap(({ reply }) => (reply.items ?? []).map((item) => item.command).concat(reply.actions?.map((a) => a.command) ?? []));
      for (const command of [`/kyc ${hostile!.id}`, `/kyc ${empty!.id}`, `/kyc ${waiting[0]!.id}`, `/kyc ${waiting[1]!.id}`, '/check 9101', '/check 9102']) {
        expect(named).toContain(command);
      }
      for (const { reply } of sender.messages) {
        for (const locale of ['en', 'ru'] as const) expect(renderEverywhere(reply, locale).problems).toEqual([]);
        expect(renderEverywhere(reply, 'en').text).not.toMatch(/\bnull\b|\bundefined\b|\[object /);
      }
    });
  });
});
