/**
 * A corpus of replies as people see them: every command family (lists,
 * lookups, cards, subscriptions, the audit log, help) and their errors
 * (typos, ids of the wrong kind, unknown objects, bad windows), plus alert
 * cards and digests, run against the sandbox in one locale and rendered by
 * all three renderers (console text, Slack blocks, Telegram HTML). Tests read
 * it for promises that hold everywhere: a status said once, Russian with no
 * stray English.
 */
import { alertPresenter, alertReply, digestItem, digestReply } from '../../src/alerts/alert-reply.js';
import { createAlerts } from '../../src/alerts/index.js';
import { renderText } from '../../src/chat/console/render.js';
import { renderSlack } from '../../src/chat/slack/render.js';
import { renderTelegram } from '../../src/chat/telegram/render.js';
import { createAuditHandler } from '../../src/commands/audit.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../src/commands/subscriptions.js';
import type { Caller, Locale } from '../../src/domain/chat.js';
import type { Reply } from '../../src/domain/reply.js';
import type { AlertEvent } from '../../src/store/types.js';
import { SEED_NOW, type CommandHarness } from './command-harness.js';

export interface RenderedReply {
  /** The command line, or what the alert is. */
  source: string;
  reply: Reply;
  /** The same reply as each renderer draws it, as plain text. */
  texts: { console: string; slack: string; telegram: string };
}

const ADMIN = (locale: Locale): Caller => ({
  platform: 'slack',
  chatId: 'C0CORPUS',
  userId: 'U0ADMIN',
  isAdmin: true,
  mayManageSubscriptions: true,
  locale,
});

/** The command lines of the corpus, with the sandbox's own ids. */
function corpusLines(harness: CommandHarness): string[] {
  const { sessions, stripeSessions, checks, customers, receipts } = harness.sandbox.data;
  const session = (status: string) => sessions.find((s) => s.status === status)!;
  const stripe = (status: string, error: boolean) => stripeSessions.find((s) => s.status === status && Boolean(s.last_error) === error);
  const check = (status: string, code?: string) => checks.find((c) => c.status === status && (code === undefined || c.errorCode === code));
  const customer = customers.find((c) => c.kycStatus === 'VERIFIED')!;
  const invoice = sessions.find((s) => s.invoiceId)!.invoiceId!;
  const pending = check('pending');
  return [
    '/kyc',
    '/kyc approved',
    '/kyc declined since:7d',
    '/kyc in_progress since:today',
    '/kyc expired page:99',
    `/kyc invoice ${invoice}`,
    '/kyc invoice 00000000-0000-4000-8000-000000000000',
    ...['APPROVED', 'DECLINED', 'IN_PROGRESS', 'NOT_STARTED', 'EXPIRED'].map((status) => `/kyc ${session(status).id}`),
    `/kyc ${session('APPROVED').id.slice(0, 8)}`,
    '/kyc 0f0f0f0f',
    '/kyc stripe',
    '/kyc stripe declined',
    '/kyc stripe since:30d',
    ...[stripe('verified', false), stripe('requires_input', true), stripe('requires_input', false), stripe('canceled', false), stripe('processing', false)]
      .filter((s) => s !== undefined)
      .map((s) => `/kyc ${s!.id}`),
    `/customer ${customer.id}`,
    `/customer ${customer.id.slice(0, 8)}`,
    `/customer ${customer.phone}`,
    `/customer ${customer.email}`,
    `/customer ${customer.fullName.split(' ')[0]}`,
    '/customer kyc:verified level:2',
    '/customer since:30d',
    '/customer nobody@example.com',
    '/customer 00000000-0000-4000-8000-000000000000',
    `/receipt ${receipts[0]!.id}`,
    ...['ok', 'pending'].map((status) => check(status)).filter(Boolean).map((c) => `/check ${c!.id}`),
    ...['passport_validation_failure', 'inn_validation_failure', 'invalid_sign', 'already_exists']
      .map((code) => check('error', code))
      .filter(Boolean)
      .map((c) => `/check ${c!.id}`),
    '/check 987654',
    ...(pending ? [`/check ${pending.id} watch`] : []),
    '/kyc subscribe declined',
    '/kyc subscribe declined stripe',
    '/kyc subscribe approved bank131',
    '/kyc subscriptions',
    '/kyc unsubscribe',
    '/kyc unsubscribe confirm',
    '/kyc audit',
    '/kyc audit since:7d csv',
    'help',
    '/kyc help',
    '/customer help',
    '/receipt help',
    '/check help',
    // Errors: typos, ids of another command, shapes, windows.
    '/kcy',
    '/kyc declnied',
    '/check 34 wacth',
    '/kyc 34',
    `/check ${stripeSessions[0]!.id}`,
    '/receipt ../customers',
    '/kyc page:0',
    '/kyc pending',
    '/customer kyc:maybe',
    '/kyc since:week',
    '/kyc stripe expired',
    '/customer 9991',
    '/receipt',
    `/kyc ${'x'.repeat(1_200)}`,
  ];
}

/** Alert cards and a digest for each provider and verdict, as a sweep would queue them. */
function alertReplies(locale: Locale): Array<[string, Reply]> {
  const p = alertPresenter({ locale, timeZone: 'Europe/Moscow' });
  const events: AlertEvent[] = [
    {
      provider: 'loveandpay',
      objectId: '550e8400-e29b-41d4-a716-446655440000',
      outcome: 'APPROVED',
      native: 'APPROVED',
      occurredAt: '2025-03-01T10:00:00Z',
      details: { customerId: '3f2a9c10-1111-4222-8333-444455556666', customer: 'Иван И.', contact: 'c***@example.com', documentType: 'passport', documentCountry: 'RUS', faceMatchScore: 0.97, livenessScore: 0.91, verifiedAt: '2025-03-01T10:00:00Z' },
    },
    {
      provider: 'stripe',
      objectId: 'vs_1NuN4zLkdIwHu7ixleE6HvkI',
      outcome: 'DECLINED',
      native: 'requires_input',
      occurredAt: '2025-03-01T10:00:00Z',
      details: { contact: 'c***@example.com', reference: '3f2a9c10-1111-4222-8333-444455556666', verifiedAt: null, errorCode: 'selfie_face_mismatch' },
    },
    {
      provider: 'bank131',
      objectId: '34',
      outcome: 'DECLINED',
      native: 'error',
      details: { description: 'Passport, inn validation failure', participant: '3f2a9c10-1111-4222-8333-444455556666', errorCode: 'passport_validation_failure', earlierCheckId: null },
    },
  ];
  return [
    ...events.map((event): [string, Reply] => [`alert ${event.provider}`, alertReply(event, p)]),
    ['digest', digestReply(events.map((event) => digestItem(event, p)), 2, p)],
  ];
}

export async function replyCorpus(harness: CommandHarness, locale: Locale): Promise<RenderedReply[]> {
  // The first sweep fills the index of verifications, as in the demo; a few lookups fill the audit log.
  await createAlerts({ store: harness.store, providers: harness.providers, senders: {} }).sweepOnce();
  const run = createRunCommand({
    providers: harness.providers,
    settings: { timeZone: 'Europe/Moscow', sandbox: true, dashboards: { stripeTestMode: true } },
    now: () => new Date(SEED_NOW),
    index: harness.store,
    handlers: { ...createSubscriptionHandlers({ store: harness.store }), 'kyc:audit': createAuditHandler(harness.store) },
    onAnswer: (answer) =>
      void harness.store.appendAudit({
        at: new Date(SEED_NOW),
        platform: answer.caller.platform,
        workspaceId: null,
        chatId: answer.caller.chatId,
        userId: answer.caller.userId,
        command: answer.line.split(' ')[0] ?? '',
        result: answer.result,
      }),
  });
  const corpus: RenderedReply[] = [];
  for (const line of corpusLines(harness)) corpus.push(rendered(line, await run(line, ADMIN(locale)), locale));
  for (const [source, reply] of alertReplies(locale)) corpus.push(rendered(source, reply, locale));
  return corpus;
}

function rendered(source: string, reply: Reply, locale: Locale): RenderedReply {
  const slack = renderSlack(reply, { locale, shareCommand: source.startsWith('/') ? source : undefined });
  const slackText = [
    slack.text,
    ...slack.blocks.flatMap((block) => {
      const parts: string[] = [];
      if ('text' in block && block.text) parts.push(block.text.text);
      if ('fields' in block && block.fields) parts.push(...block.fields.map((field) => field.text));
      if ('elements' in block) parts.push(...block.elements.map((element) => ('text' in element && typeof element.text === 'object' ? element.text.text : 'text' in element ? String(element.text) : '')));
      if ('accessory' in block && block.accessory) {
        const accessory = block.accessory;
        parts.push(accessory.type === 'button' ? accessory.text.text : accessory.options.map((option) => option.text.text).join('\n'));
      }
      return parts;
    }),
  ].join('\n');
  const telegram = renderTelegram(reply, locale);
  const telegramText = [...telegram.chunks, ...telegram.keyboard.flat().map((button) => button.text)]
    .join('\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { source, reply, texts: { console: renderText(reply, locale), slack: slackText.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), telegram: telegramText } };
}
