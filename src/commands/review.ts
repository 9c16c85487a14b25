/**
 * The review queue (DESIGN.md, "Alert cards and the review queue"): Take,
 * Resolve and Reopen on DECLINED cards, and `/kyc queue [mine]`. They run
 * as command lines like every button, so Slack, Telegram and the console
 * act alike and every action is audited (app/audit-answers.ts). Whoever may
 * use the chat may act: the chat adapters refuse chats that are not allowed
 * before any command runs. The store applies an action and queues the card
 * updates of every chat that got the card in one transaction; the alerts'
 * delivery loop edits the cards.
 * Registered through createRunCommand's `handlers` option.
 */
import type { Caller } from '../domain/chat.js';
import type { ItemLink, ListItem, Reply } from '../domain/reply.js';
import { ALERT_STRINGS } from '../present/i18n/alerts.js';
import { pick } from '../present/i18n/pick.js';
import { REVIEW_STRINGS, type ReviewStrings } from '../present/i18n/review.js';
import { openCommand, reviewCommand, verificationName } from '../present/review-commands.js';
import { RESOLVE_REASONS, type Actor, type AlertCard, type ObjectKey, type ReviewItem, type ReviewResult } from '../store/card-types.js';
import type { Store } from '../store/types.js';
import type { Handler, HandlerContext, Handlers, QueueRequest, ReviewRequest } from './handlers.js';

export type ReviewHandlers = Pick<Handlers, 'kyc:queue' | 'kyc:take' | 'kyc:resolve' | 'kyc:reopen'>;

/** A queue longer than this says how many more there are: a chat message is no place for hundreds. */
const QUEUE_SHOWN = 25;
/** The example note in the hint. */
const EXAMPLE_NOTE = 'called the customer';

export function createReviewHandlers(deps: { store: Pick<Store, 'applyReview' | 'listReviewItems' | 'listCards'> }): ReviewHandlers {
  const { store } = deps;

  const act: Handler<ReviewRequest> = async (request, { caller, now }) => {
    const object: ObjectKey = { provider: request.provider, objectId: request.id };
    const r = strings(caller);
    const name = verificationName(object, pick(ALERT_STRINGS, caller.locale));
    if (request.action === 'resolve' && !request.reason) return resolveForm(object, name, r);
    const result = await store.applyReview({
      ...object,
      action: request.action,
      by: actorOf(caller),
      ...(request.action === 'resolve' ? { reason: request.reason, ...(request.note ? { note: request.note } : {}) } : {}),
      now: now(),
    });
    return answer(result, request, object, name, r);
  };

  const queue: Handler<QueueRequest> = async (request, context) => {
    const { caller } = context;
    const r = strings(caller);
    const all = await store.listReviewItems(['open', 'taken']);
    const items = request.mine ? all.filter((item) => takenBy(item, caller)) : all;
    const title = request.mine ? r.queue.mineTitle : r.queue.title;
    if (items.length === 0) return { kind: 'ok', title, notes: [{ tone: 'info', text: request.mine ? r.queue.mineEmpty : r.queue.empty }] };
    return { kind: 'ok', title, ...(await queueRows(items, QUEUE_SHOWN, store, context)) };
  };

  return { 'kyc:queue': queue, 'kyc:take': act, 'kyc:resolve': act, 'kyc:reopen': act };
}

/** Taken, and by this person. */
export const takenBy = (item: ReviewItem, caller: Caller): boolean => item.status === 'taken' && isActor(item.reviewer, caller);

/**
 * The first `shown` items as queue rows (age, who reviews it, its card and a
 * Take button), and how many more there are as a footer: what `/kyc queue`
 * and the overview (commands/overview.ts) list.
 */
export async function queueRows(
  items: ReviewItem[],
  shown: number,
  store: Pick<Store, 'listCards'>,
  { caller, format, now }: Pick<HandlerContext, 'caller' | 'format' | 'now'>,
): Promise<Pick<Reply, 'items' | 'footer'>> {
  const r = strings(caller);
  const kept = items.slice(0, shown);
  const cards = await store.listCards(kept);
  const alerts = pick(ALERT_STRINGS, caller.locale);
  const rows: ListItem[] = kept.map((item) => ({
    title: verificationName(item, alerts),
    badge: { outcome: item.event.outcome, native: item.event.native },
    text: [r.queue.opened(format.age(item.openedAt, now())), item.reviewer && item.status === 'taken' ? r.queue.reviewing(nameOf(item.reviewer)) : r.queue.open].join(' · '),
    command: openCommand(item),
    links: queueLinks(item, cardOf(cards, item, caller), caller, r),
  }));
  const more = items.length - kept.length;
  return { items: rows, ...(more > 0 ? { footer: [alerts.digest.more(format.number(more))] } : {}) };
}

const strings = (caller: Caller): ReviewStrings => pick(REVIEW_STRINGS, caller.locale);

function actorOf(caller: Caller): Actor {
  return { platform: caller.platform, userId: caller.userId, name: caller.userName ?? caller.userId };
}

const isActor = (actor: Actor | null, caller: Caller): boolean => actor?.platform === caller.platform && actor.userId === caller.userId;

const nameOf = (actor: Actor): string => (actor.name.startsWith('@') ? actor.name : `@${actor.name}`);

/** The item's card in the caller's chat, else the first one posted anywhere that has a link. */
function cardOf(cards: AlertCard[], item: ReviewItem, caller: Caller): AlertCard | undefined {
  const ofItem = cards.filter((card) => card.provider === item.provider && card.objectId === item.objectId && card.permalink);
  return ofItem.find((card) => card.chat.platform === caller.platform && card.chat.chatId === caller.chatId) ?? ofItem[0];
}

function queueLinks(item: ReviewItem, card: AlertCard | undefined, caller: Caller, r: ReviewStrings): ItemLink[] {
  return [
    ...(card?.permalink ? [{ label: r.buttons.card, url: card.permalink }] : []),
    ...(isActor(item.reviewer, caller) && item.status === 'taken' ? [] : [{ label: r.buttons.take, command: reviewCommand('take', item) }]),
  ];
}

/** Resolve without a reason asks for one: a modal in Slack, buttons in Telegram and the console. */
function resolveForm(object: ObjectKey, name: string, r: ReviewStrings): Reply {
  const choices = RESOLVE_REASONS.map((reason) => ({ label: r.reasons[reason], command: reviewCommand('resolve', object, reason) }));
  const title = r.answers.formTitle(name);
  return {
    kind: 'ok',
    title,
    notes: [{ tone: 'info', text: r.answers.noteHint(reviewCommand('resolve', object, 'retry_requested', EXAMPLE_NOTE)) }],
    actions: choices.map((choice) => ({ label: choice.label, command: choice.command, role: 'open' })),
    form: { title, choices, note: { label: r.answers.formNote } },
  };
}

function answer(result: ReviewResult, request: ReviewRequest, object: ObjectKey, name: string, r: ReviewStrings): Reply {
  if (!result.ok) {
    const refusal = {
      not_found: r.answers.notFound,
      approved: r.answers.approved,
      resolved: r.answers.resolvedFirst,
      unchanged: r.answers.unchanged,
    }[result.problem];
    return { kind: result.problem === 'unchanged' ? 'ok' : 'refused', title: refusal(name) };
  }
  switch (request.action) {
    case 'take':
      return { kind: 'ok', title: r.answers.took(name), notes: [{ tone: 'info', text: r.answers.cardsUpdate }] };
    case 'reopen':
      return { kind: 'ok', title: r.answers.reopened(name), notes: [{ tone: 'info', text: r.answers.cardsUpdate }] };
    case 'resolve': {
      const reason = r.reasons[request.reason!];
      const noteLater = request.note ? {} : { noteCommand: reviewCommand('resolve', object, request.reason!) };
      return { kind: 'ok', title: r.answers.resolved(name, reason), notes: [{ tone: 'info', text: r.answers.cardsUpdate }], ...noteLater };
    }
  }
}
