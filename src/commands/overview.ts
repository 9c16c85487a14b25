/**
 * The overview a person sees when they open KYC Desk (DESIGN.md, "Slack
 * surfaces": Slack's App Home; Telegram's /start in a private chat): the
 * declines they took, the open queue (oldest first), the alert subscriptions
 * of each allowed chat with their filters and, where asked, the latest
 * alerts. Each section is a Reply, so every chat adapter renders it with its
 * own renderer and limits.
 *
 * Read from the store only: opening the Home calls no provider, costs no
 * lookup and is not a command in the audit log. The store keeps personal
 * data masked already (alerts are masked before they are queued); the one
 * thing it may keep in full is a provider's customer reference when that is
 * an email or a phone (STRIPE_CLIENT_REFERENCE, BANK131_PARTICIPANT_REFERENCE),
 * and the viewer's masker decides how that shows: admins in full, everyone
 * else masked. A reply that showed it in full says so (Reply.unmasked).
 */
import type { Caller, Platform } from '../domain/chat.js';
import type { ProviderName } from '../domain/outcome.js';
import type { ListItem, Reply } from '../domain/reply.js';
import { createFormatter } from '../present/format.js';
import { ALERT_STRINGS } from '../present/i18n/alerts.js';
import { COMMAND_STRINGS, type CommandStrings } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { REVIEW_STRINGS } from '../present/i18n/review.js';
import { SURFACE_STRINGS } from '../present/i18n/surfaces.js';
import { createMasker, type Masker } from '../present/mask.js';
import { openCommand, verificationName } from '../present/review-commands.js';
import type { QueuedAlert, Store, Subscription } from '../store/types.js';
import { explainCheckError } from './check.js';
import type { CommandSettings, HandlerContext } from './handlers.js';
import { shownReference } from './present.js';
import { queueRows, takenBy } from './review.js';
import { explainStripeCode } from './stripe-session.js';
import { subscriptionLine } from './subscriptions.js';

/** Rows per list: an overview, not the whole queue ("Open queue" shows that, 25 at a time). */
const ROWS_SHOWN = 10;
/** Chats listed with their subscriptions; an allow-list of hundreds is counted, not listed. */
const CHATS_SHOWN = 20;
/** "the latest ten alerts" (issue 19). */
const LATEST_ALERTS = 10;

export interface OverviewDeps {
  store: Pick<Store, 'listReviewItems' | 'listCards' | 'listSubscriptions' | 'latestAlerts'>;
  settings: CommandSettings;
  now?: () => Date;
}

export interface OverviewScope {
  /** The allowed chats of the viewer's platform whose subscriptions are listed; 'every' for all of them (SLACK_ALLOWED_CHANNELS=*). */
  chats: readonly string[] | 'every';
  /** Slack's Home lists the latest alerts too; Telegram's /start does not. */
  latestAlerts?: boolean;
}

/** The overview for one viewer: the head (counts, who sees what, buttons), then one Reply per section. */
export type BuildOverview = (viewer: Caller, scope: OverviewScope) => Promise<Reply[]>;

export function createOverview(deps: OverviewDeps): BuildOverview {
  const now = deps.now ?? (() => new Date());
  return async (viewer, scope) => {
    const s = pick(SURFACE_STRINGS, viewer.locale).overview;
    const format = createFormatter(viewer.locale, deps.settings.timeZone);
    const context = { caller: viewer, format, now };
    const [items, subscriptions, latest] = await Promise.all([
      deps.store.listReviewItems(['open', 'taken']),
      deps.store.listSubscriptions(),
      scope.latestAlerts ? deps.store.latestAlerts(LATEST_ALERTS) : Promise.resolve([]),
    ]);
    const mine = items.filter((item) => takenBy(item, viewer));

    const head: Reply = {
      kind: 'ok',
      title: s.title,
      fields: [
        { label: s.openDeclines, value: format.number(items.length) },
        { label: s.yours, value: format.number(mine.length) },
      ],
      notes: [{ tone: 'info', text: viewer.isAdmin ? s.unmasked : s.masked }],
      actions: [
        { label: s.openQueue, command: '/kyc queue', role: 'open' },
        { label: s.stats, command: '/kyc stats', role: 'open' },
      ],
    };
    const review = pick(REVIEW_STRINGS, viewer.locale).queue;
    const sections: Reply[] = [
      head,
      mine.length
        ? { kind: 'ok', title: s.mineTitle, ...(await queueRows(mine, ROWS_SHOWN, deps.store, context)) }
        : { kind: 'ok', title: s.mineTitle, notes: [{ tone: 'info', text: s.mineEmpty }] },
      items.length
        ? { kind: 'ok', title: review.title, ...(await queueRows(items, ROWS_SHOWN, deps.store, context)) }
        : { kind: 'ok', title: review.title, notes: [{ tone: 'info', text: review.empty }] },
      subscriptionsSection(subscriptions, scope, viewer),
    ];
    if (scope.latestAlerts) {
      const mask = createMasker(viewer.isAdmin, { day: format.day });
      const rows = latest.map((alert) => latestAlertRow(alert, { ...context, mask, settings: deps.settings, t: pick(COMMAND_STRINGS, viewer.locale) }));
      sections.push({
        kind: 'ok',
        title: s.latestTitle,
        ...(rows.length ? { items: rows } : { notes: [{ tone: 'info', text: s.latestEmpty }] }),
        ...(mask.unmasked ? { unmasked: true } : {}),
      });
    }
    return sections;
  };
}

/**
 * One row per allowed chat with its subscriptions (a chat without any says
 * so), then the chats that get alerts without being on the allow-list
 * (ALERT_SLACK_CHANNELS, ALERT_TELEGRAM_CHATS): every shared chat alerts go
 * to. A private chat with someone (a Telegram user id, a Slack direct
 * message) is a person's own: it is never listed, whatever it gets.
 */
function subscriptionsSection(all: Subscription[], scope: OverviewScope, viewer: Caller): Reply {
  const s = pick(SURFACE_STRINGS, viewer.locale).overview;
  const shared = (chatId: string) => isSharedChat(viewer.platform, chatId);
  const ofPlatform = all.filter((sub) => sub.chat.platform === viewer.platform && shared(sub.chat.chatId));
  const chats = [...new Set([...(scope.chats === 'every' ? [] : scope.chats.filter(shared)), ...ofPlatform.map((sub) => sub.chat.chatId)])];
  if (ofPlatform.length === 0) {
    return { kind: 'ok', title: s.subscriptionsTitle, notes: [{ tone: 'info', text: s.noSubscriptions }] };
  }
  const rows: ListItem[] = chats.slice(0, CHATS_SHOWN).map((chatId) => {
    const subs = ofPlatform.filter((sub) => sub.chat.chatId === chatId);
    return { title: s.chat[viewer.platform](chatId), text: subs.length ? subs.map((sub) => subscriptionLine(sub, viewer)).join('\n') : s.noAlerts };
  });
  const more = chats.length - rows.length;
  const footer = more > 0 ? [pick(ALERT_STRINGS, viewer.locale).digest.more(String(more))] : [];
  return { kind: 'ok', title: s.subscriptionsTitle, items: rows, ...(footer.length ? { footer } : {}) };
}

/** A chat several people share: a Telegram group or channel (negative ids), a Slack channel (a direct message's id starts with D). */
function isSharedChat(platform: Platform, chatId: string): boolean {
  if (platform === 'telegram') return chatId.startsWith('-');
  if (platform === 'slack') return !chatId.startsWith('D');
  return true;
}

type RowContext = Pick<HandlerContext, 'format' | 'now' | 'settings' | 't'> & { mask: Masker; caller: Caller };

/** What a digest line says about an alert (alerts/alert-reply.ts), with the customer reference as the viewer may see it. */
function latestAlertRow({ event, queuedAt }: QueuedAlert, context: RowContext): ListItem {
  const { format, now, mask, settings, t, caller } = context;
  const d = event.details;
  const text = (key: string): string | null => (typeof d[key] === 'string' && d[key] !== '' ? (d[key] as string) : null);
  const referenceKey: Partial<Record<ProviderName, string>> = { stripe: 'reference', bank131: 'participant' };
  const key = referenceKey[event.provider];
  const reference = key ? text(key) : null;
  const code = text('errorCode');
  const facts = [
    format.when(event.occurredAt ?? queuedAt, now()),
    text('customer'),
    text('contact'),
    reference && shownReference(reference, settings.references?.[event.provider as 'stripe' | 'bank131'], mask),
    code && errorWords(event.provider, code, t),
  ];
  return {
    title: verificationName(event, pick(ALERT_STRINGS, caller.locale)),
    badge: { outcome: event.outcome, native: event.native },
    // A contact and a reference may be the same email: said once.
    text: [...new Set(facts.filter(Boolean))].join(' · '),
    command: openCommand(event),
  };
}

/** A provider's error code in the words /kyc vs_… and /check use. */
function errorWords(provider: ProviderName, code: string, t: CommandStrings): string {
  if (provider === 'stripe') return explainStripeCode(code, t);
  if (provider === 'bank131') return explainCheckError(code, t);
  return code;
}
