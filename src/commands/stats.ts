/**
 * `/kyc stats [today|yesterday|7d|30d] [providers]` and `/kyc summary
 * [daily HH:MM [providers] | off]` (DESIGN.md, "Stats and the daily
 * summary"). Stats hold no personal data, so anyone in an allowed chat may
 * ask and the answer is for the whole chat (stats/stats-answer.ts). The
 * daily summary posts into the chat every day, like an alert subscription,
 * so only those who manage subscriptions set or stop it; anyone may look.
 * Registered through createRunCommand's `handlers` option.
 */
import type { Caller, ChatRef } from '../domain/chat.js';
import { PROVIDER_TITLES, type ProviderName } from '../domain/outcome.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../log.js';
import { pick } from '../present/i18n/pick.js';
import { STATS_STRINGS, type StatsStrings } from '../present/i18n/stats.js';
import { StatsAnswers } from '../stats/answer-cache.js';
import { periodStats } from '../stats/stats-answer.js';
import { nextSummaryAt, summaryDayOf } from '../stats/summary-schedule.js';
import type { Store, SummarySchedule } from '../store/types.js';
import type { Handler, Handlers, HandlerContext, StatsRequest, SummaryRequest } from './handlers.js';

export type StatsHandlers = Pick<Handlers, 'kyc:stats' | 'kyc:summary'>;

export function createStatsHandlers(deps: { store: Store; logger?: Logger }): StatsHandlers {
  const { store } = deps;

  // One answer per window, providers, zone and language each minute, shared by whoever asks (stats/answer-cache.ts).
  const answers = new StatsAnswers();
  const stats: Handler<StatsRequest> = (request, { caller, settings, now }) => {
    const at = now();
    const key = [request.period, [...request.providers].sort().join(','), settings.timeZone, caller.locale].join('|');
    return answers.get(key, at, () => periodStats(store, request, { locale: caller.locale, timeZone: settings.timeZone, now: at, logger: deps.logger }));
  };

  const summary: Handler<SummaryRequest> = async (request, context) => {
    const { caller, now } = context;
    const t = pick(STATS_STRINGS, caller.locale);
    const chat = chatOf(caller);
    if (request.change === undefined) {
      const current = await store.getSummary(chat);
      return current ? described(current, context, t, store) : { kind: 'ok', title: t.summary.title, notes: [{ tone: 'info', text: `${t.summary.none} ${t.summary.howToSet}` }] };
    }
    if (!caller.mayManageSubscriptions) return { kind: 'refused', title: t.summary.refused };
    if (request.change === 'off') {
      const removed = await store.removeSummary(chat);
      return { kind: 'ok', title: t.summary.title, notes: [{ tone: 'info', text: removed ? t.summary.off : t.summary.wasOff }] };
    }
    const schedule: SummarySchedule = {
      chat,
      at: request.change.at,
      // The zone it was set in (TZ_DISPLAY), so 09:00 keeps meaning the same hour.
      timeZone: context.settings.timeZone,
      locale: caller.locale,
      providers: request.change.providers,
      createdBy: caller.userId,
      createdAt: now(),
    };
    await store.setSummary(schedule);
    // As stored: set again at the same time, it keeps its first createdAt (today's summary stays due).
    return described((await store.getSummary(chat)) ?? schedule, context, t, store);
  };

  return { 'kyc:stats': stats, 'kyc:summary': summary };
}

async function described(schedule: SummarySchedule, { format, now }: HandlerContext, t: StatsStrings, store: Store): Promise<Reply> {
  const at = now();
  const todayQueued = await store.summaryQueued(schedule.chat, summaryDayOf(schedule, at));
  return {
    kind: 'ok',
    title: t.summary.title,
    notes: [
      { tone: 'info', text: t.summary.set(schedule.at, schedule.timeZone, providerWords(schedule.providers, t)) },
      { tone: 'info', text: t.summary.first(format.when(nextSummaryAt(schedule, at, todayQueued), at)) },
    ],
  };
}

function providerWords(providers: ProviderName[], t: StatsStrings): string {
  return providers.length === 0 ? t.summary.allProviders : providers.map((provider) => PROVIDER_TITLES[provider]).join(', ');
}

const chatOf = (caller: Caller): ChatRef => ({ platform: caller.platform, chatId: caller.chatId });
