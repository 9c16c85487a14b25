/**
 * `/kyc subscribe [approved|declined] [loveandpay|stripe|bank131]`,
 * `/kyc unsubscribe [...]`, `/kyc subscriptions` and `/check <id> watch`:
 * which alerts this channel or chat gets. Only admins change subscriptions
 * (Caller.mayManageSubscriptions; nobody when none are configured); anyone may look,
 * and anyone may watch a check (a one-off, dropped once it resolves).
 * Registered through createRunCommand's `handlers` option.
 */
import { sameChat, type Caller, type ChatRef } from '../domain/chat.js';
import { type AlertOutcome, PROVIDER_TITLES, type ProviderName } from '../domain/outcome.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import type { ListItem, Reply } from '../domain/reply.js';
import { ALERT_STRINGS, type AlertStrings } from '../present/i18n/alerts.js';
import { pick } from '../present/i18n/pick.js';
import { REVIEW_STRINGS } from '../present/i18n/review.js';
import { covers, subtract } from '../store/subscription-filters.js';
import type { Store, Subscription } from '../store/types.js';
import { check } from './check.js';
import type { CheckRequest, Handler, Handlers, SubscribeRequest, SubscriptionsRequest } from './handlers.js';
import { toCommandLine } from './parse.js';

/** A watched check gives up after this long by default (issue 6: 3 days). */
const DEFAULT_WATCH_TIMEOUT_MS = 3 * 86_400_000;
/** Watches one chat may hold: each is polled every sweep, so one chat must not be able to flood Bank 131. */
const MAX_WATCHES_PER_CHAT = 200;

export interface SubscriptionHandlerDeps {
  store: Store;
  /** How long `/check <id> watch` keeps polling (default 3 days). */
  watchTimeoutMs?: number;
}

export type SubscriptionHandlers = Pick<Handlers, 'kyc:subscribe' | 'kyc:unsubscribe' | 'kyc:subscriptions' | 'check:watch'>;

export function createSubscriptionHandlers(deps: SubscriptionHandlerDeps): SubscriptionHandlers {
  const { store } = deps;
  const watchTimeoutMs = deps.watchTimeoutMs ?? DEFAULT_WATCH_TIMEOUT_MS;

  const subscribe: Handler<SubscribeRequest> = async (request, { caller, now, settings }) => {
    const t = strings(caller);
    if (!caller.mayManageSubscriptions) return refused(t);
    const existing = (await store.listSubscriptions(chatOf(caller))).filter((sub) => !sub.disabledReason);
    // An overlap says what already covers it, and changes nothing.
    const covering = existing.find((sub) => covers(sub, request));
    // Quiet hours change the covering subscription itself (the store applies them), so they go on.
    if (covering && request.quiet === undefined) {
      return {
        kind: 'ok',
        title: t.subscriptions.alreadyTitle,
        notes: [{ tone: 'info', text: t.subscriptions.alreadyCovered(describe(request, t), describe(covering, t)) }],
        actions: [{ label: t.subscriptions.title, command: '/kyc subscriptions', role: 'open' }],
      };
    }
    const widened = existing.filter((sub) => sub.source === 'command' && covers(request, sub));
    const stored = await store.subscribe({
      chat: chatOf(caller),
      outcomes: request.outcomes,
      providers: request.providers,
      source: 'command',
      createdBy: caller.userId,
      // Quiet hours keep the zone they were typed in (TZ_DISPLAY), so they mean the same hours later.
      ...(request.quiet !== undefined ? { quiet: request.quiet && { ...request.quiet, timeZone: settings.timeZone } } : {}),
      now: now(),
    });
    return {
      kind: 'ok',
      title: t.subscriptions.subscribedTitle,
      notes: [
        { tone: 'info', text: t.subscriptions.subscribed(describe(stored, t)) },
        ...(stored.quiet ? [{ tone: 'info' as const, text: quietText(stored.quiet, caller) }] : []),
        ...(widened.length ? [{ tone: 'info' as const, text: t.subscriptions.replaces(t.subscriptions.list(widened.map((sub) => describe(sub, t)))) }] : []),
      ],
      actions: [{ label: t.subscriptions.title, command: '/kyc subscriptions', role: 'open' }],
    };
  };

  const unsubscribe: Handler<SubscribeRequest> = async (request, { caller }) => {
    const t = strings(caller);
    if (!caller.mayManageSubscriptions) return refused(t);
    // Taking away several subscriptions at once is asked first, with the line that does it on a button.
    const affected = (await store.listSubscriptions(chatOf(caller))).filter((sub) => subtract(sub, request) !== null);
    if (affected.length > 1 && !request.confirmed) {
      return {
        kind: 'ok',
        title: t.subscriptions.confirmTitle(affected.length),
        items: affected.map((sub) => ({ title: describe(sub, t) })),
        notes: [{ tone: 'warning', text: t.subscriptions.confirmNote }],
        actions: [
          { label: t.subscriptions.confirm, command: toCommandLine({ ...request, confirmed: true }), role: 'open' },
          { label: t.subscriptions.keep, command: '/kyc subscriptions', role: 'open' },
        ],
      };
    }
    const removed = await store.unsubscribe({ chat: chatOf(caller), outcomes: request.outcomes, providers: request.providers });
    return {
      kind: 'ok',
      title: t.subscriptions.unsubscribedTitle,
      notes: [{ tone: 'info', text: removed > 0 ? t.subscriptions.unsubscribed(removed) : t.subscriptions.nothingToRemove }],
    };
  };

  const subscriptions: Handler<SubscriptionsRequest> = async (_request, { caller, format, now }) => {
    const t = strings(caller);
    const chat = chatOf(caller);
    const [subs, watches] = await Promise.all([store.listSubscriptions(chat), store.listWatches()]);
    const items: ListItem[] = subs.map((sub) => ({
      title: describe(sub, t),
      text: [
        sub.source === 'static' ? t.subscriptions.staticSource[sub.chat.platform] : t.subscriptions.commandSource(sub.createdBy ?? '—'),
        sub.disabledReason ? t.subscriptions.disabled(sub.disabledReason) : null,
        sub.quiet ? quietText(sub.quiet, caller) : null,
      ]
        .filter(Boolean)
        .join('\n'),
    }));
    const ours = watches.filter((watch) => sameChat(watch.chat, chat));
    items.push(
      ...ours.map((watch) => ({
        title: `${t.subscriptions.watches}: ${t.subscriptions.watchItem(watch.checkId, format.when(watch.expiresAt, now()))}`,
        command: `/check ${watch.checkId}`,
      })),
    );
    const reply: Reply = { kind: 'ok', title: t.subscriptions.title, items };
    if (items.length === 0) reply.notes = [{ tone: 'info', text: t.subscriptions.none }];
    else if (subs.some((sub) => sub.disabledReason)) reply.notes = [{ tone: 'warning', text: t.subscriptions.disabledNote }];
    return reply;
  };

  /** `/check <id> watch`: the check as `/check <id>` shows it, and a watch when it is still pending. */
  const watch: Handler<CheckRequest> = async (request, context) => {
    const { caller, format, now } = context;
    const t = strings(caller);
    const reply = await check({ ...request, watch: false }, context);
    const days = format.number(Math.round((watchTimeoutMs / 86_400_000) * 10) / 10);
    if (reply.badge?.outcome !== 'PENDING') {
      const native = reply.badge?.native ?? '—';
      return { ...reply, notes: [{ tone: 'info', text: t.checkWatch.final(native) }, ...(reply.notes ?? [])] };
    }
    const chat = chatOf(caller);
    const ours = (await store.listWatches()).filter((w) => sameChat(w.chat, chat));
    const already = ours.some((w) => w.checkId === request.id);
    if (!already && ours.length >= MAX_WATCHES_PER_CHAT) {
      return { ...reply, kind: 'refused', notes: [{ tone: 'warning', text: t.checkWatch.tooMany(format.number(MAX_WATCHES_PER_CHAT)) }, ...(reply.notes ?? [])] };
    }
    const at = now();
    await store.addWatch({
      checkId: request.id,
      chat,
      createdBy: caller.userId,
      now: at,
      expiresAt: new Date(at.getTime() + watchTimeoutMs),
    });
    const note = already ? t.checkWatch.alreadyWatching(days) : t.checkWatch.watching(days);
    return { ...reply, title: t.checkWatch.watchingTitle(request.id), notes: [{ tone: 'info', text: note }, ...(reply.notes ?? [])] };
  };

  return { 'kyc:subscribe': subscribe, 'kyc:unsubscribe': unsubscribe, 'kyc:subscriptions': subscriptions, 'check:watch': watch };
}

const strings = (caller: Caller): AlertStrings => pick(ALERT_STRINGS, caller.locale);

/** "quiet 22:00–08:00 (Europe/Moscow)": alerts are held then and come as one digest when the hours end. */
const quietText = (quiet: QuietHours, caller: Caller): string => pick(REVIEW_STRINGS, caller.locale).quiet(quiet.from, quiet.to, quiet.timeZone);

const chatOf = (caller: Caller): ChatRef => ({ platform: caller.platform, chatId: caller.chatId });

const refused = (t: AlertStrings): Reply => ({ kind: 'refused', title: t.subscriptions.refused });

/** One subscription on one line, as the overview (commands/overview.ts) lists a chat's: its filter, quiet hours, why it is off. */
export function subscriptionLine(sub: Subscription, caller: Caller): string {
  const t = strings(caller);
  return [describe(sub, t), sub.quiet ? quietText(sub.quiet, caller) : null, sub.disabledReason ? t.subscriptions.disabled(sub.disabledReason) : null]
    .filter(Boolean)
    .join(' · ');
}

/** "approved from Love&Pay and Stripe"; empty lists read as everything. */
function describe(sub: Pick<Subscription, 'outcomes' | 'providers'>, t: AlertStrings): string {
  const outcomes = sub.outcomes.length
    ? t.subscriptions.list(sub.outcomes.map((outcome: AlertOutcome) => t.subscriptions.outcomes[outcome]))
    : t.subscriptions.everything;
  const providers = sub.providers.length
    ? t.subscriptions.list(sub.providers.map((provider: ProviderName) => PROVIDER_TITLES[provider]))
    : t.subscriptions.all;
  return t.subscriptions.describe(outcomes, providers);
}
