/**
 * One chat's due outbox rows as cards that live (DESIGN.md, "Alert cards and
 * the review queue"). The first alert of a verification posts its card and
 * the store keeps the card's message (so edits survive restarts and
 * replicas); each later change edits that card and adds one short reply in
 * its thread. A card whose message is gone (deleted) is posted afresh, once.
 *
 * Many rows at once (more than five), or rows held by quiet hours, still
 * become digests (digest.ts), each item linking its verification's card where
 * the chat has one; those cards are edited so every copy shows the same
 * state, without a thread reply (the digest told the chat).
 *
 * Steps run one after another through deliver-outbox.ts, which paces every
 * message and edit and handles failures; in-doubt.ts keeps posts exactly once
 * where the platform can tell.
 */
import type { ChatRef, Platform } from '../domain/chat.js';
import { DeliveryError, type ChatSender, type MessageRef } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import { REVIEW_STRINGS } from '../present/i18n/review.js';
import { pick } from '../present/i18n/pick.js';
import type { AlertCard, ObjectKey, ReviewItem } from '../store/card-types.js';
import type { AlertEvent, OutboxEntry, Store, SummaryEntry, SummaryOrder } from '../store/types.js';
import { alertPresenter, type AlertPresenter, type AlertView } from './alert-reply.js';
import { cardReply, changeReply } from './card-reply.js';
import { isDigestRound, planMessages } from './digest.js';
import { sendTracked } from './in-doubt.js';

/** One message (or edit) of a round, with the rows it delivers. */
export type Step =
  /** A new card (`card` set) or a digest. */
  | { kind: 'post'; entries: OutboxEntry[]; reply: Reply; card?: ObjectKey }
  /** Edits the chat's card of `object`; with `thread`, adds the change's reply in the card's thread. */
  | { kind: 'update'; entries: OutboxEntry[]; object: ObjectKey; event: AlertEvent; thread: boolean }
  /** A day's summary: stats and their chart, made when it is sent (store/stats-types.ts). */
  | { kind: 'summary'; entries: SummaryEntry[]; order: SummaryOrder };

/** What the round knows about the chat's cards; a card posted during the round is added. */
export interface CardContext {
  chat: ChatRef;
  cards: Map<string, AlertCard>;
  items: Map<string, ReviewItem>;
  presenter: AlertPresenter;
}

const keyOf = (object: ObjectKey): string => `${object.provider}/${object.objectId}`;
const objectOf = (event: AlertEvent): ObjectKey => ({ provider: event.provider, objectId: event.objectId });

/** Reads the chat's cards and review items of these rows, and plans their messages. */
export async function planCardSteps(
  store: Store,
  sender: ChatSender,
  chat: ChatRef,
  entries: OutboxEntry[],
  view: AlertView,
): Promise<{ steps: Step[]; context: CardContext; digest: boolean }> {
  const objects = [...new Map(entries.map((entry) => [keyOf(entry.event), objectOf(entry.event)])).values()];
  const [cards, items] = await Promise.all([store.getCards(chat, objects), store.getReviewItems(objects)]);
  const context: CardContext = {
    chat,
    cards: new Map(cards.map((card) => [keyOf(card), card])),
    items: new Map(items.map((item) => [keyOf(item), item])),
    presenter: alertPresenter(view),
  };
  const held = entries.filter((entry) => entry.held).length >= 2;
  const digest = isDigestRound(entries.length, { digest: held });
  return { steps: digest ? digestSteps(entries, context, sender, view, held) : cardSteps(entries, context), context, digest };
}

/** Digests of every row, then an edit (no thread reply) of each card the chat already has, so every copy shows the same state. */
function digestSteps(entries: OutboxEntry[], context: CardContext, sender: ChatSender, view: AlertView, held: boolean): Step[] {
  const digests = planMessages(entries, view, (reply) => sender.fits?.(reply) ?? true, {
    digest: held,
    cardLink: (entry) => context.cards.get(keyOf(entry.event))?.permalink ?? undefined,
    cardLabel: pick(REVIEW_STRINGS, view.locale).buttons.card,
  });
  const latest = new Map(entries.map((entry) => [keyOf(entry.event), entry.event]));
  const edits: Step[] = [...latest].flatMap(([key, event]) =>
    context.cards.has(key) ? [{ kind: 'update' as const, entries: [], object: objectOf(event), event, thread: false }] : [],
  );
  return [...digests.map((message): Step => ({ kind: 'post', entries: message.entries, reply: message.reply })), ...edits];
}

/** One step per row: a new card for a verification the chat has no card of, else an edit of that card with a thread reply. */
function cardSteps(entries: OutboxEntry[], context: CardContext): Step[] {
  const carded = new Set(context.cards.keys());
  return entries.map((entry): Step => {
    const object = objectOf(entry.event);
    const key = keyOf(object);
    if (carded.has(key)) return { kind: 'update', entries: [entry], object, event: entry.event, thread: true };
    carded.add(key);
    return { kind: 'post', entries: [entry], reply: cardReply(entry.event, context.items.get(key), context.presenter), card: object };
  });
}

export interface StepDeps {
  store: Store;
  sender: ChatSender;
  context: CardContext;
  now: () => Date;
  /** Waits for the chat's next free slot before a further message or edit of the same step; false: delivery stopped. */
  nextSlot: () => Promise<boolean>;
  /** Makes a summary step's reply. */
  summaryReply?: (order: SummaryOrder) => Promise<Reply>;
  /** Told when a summary's message was posted but its chart was not. */
  onFileFailed?: (platform: Platform) => void;
}

/** Thrown when delivery stops between two messages of one step; its rows go back at once. */
export class HandedBack extends Error {
  constructor() {
    super('delivery stopped');
    this.name = 'HandedBack';
  }
}

/** Runs one step; returns how many messages it posted (edits do not count). Throws the sender's DeliveryError. */
export async function runStep(step: Step, deps: StepDeps): Promise<number> {
  const { store, sender, context } = deps;
  if (step.kind === 'summary') {
    if (!deps.summaryReply) throw new Error('no summary maker configured');
    const onFileFailed = () => deps.onFileFailed?.(sender.platform);
    await sendTracked(store, sender, context.chat, { entries: step.entries, reply: await deps.summaryReply(step.order) }, deps.now(), { onFileFailed });
    return 1;
  }
  if (step.kind === 'post') {
    const posted = await sendTracked(store, sender, context.chat, step, deps.now(), step.card ? { card: step.card } : {});
    if (step.card && posted) await keepCard(deps, step.card, posted);
    return 1;
  }
  const key = keyOf(step.object);
  const card = context.cards.get(key);
  if (!card || !sender.edit) {
    // No card to edit here (the platform keeps none): the change goes out as a message of its own.
    if (!step.thread) return 0;
    await sendTracked(store, sender, context.chat, { entries: step.entries, reply: changeReply(step.entries[0]!, context.presenter) }, deps.now());
    return 1;
  }
  const reply = cardReply(step.event, context.items.get(key), context.presenter);
  try {
    await sender.edit(card.message, reply);
  } catch (error) {
    if (!(error instanceof DeliveryError) || error.scope !== 'message') throw error;
    // Deleted (or too old to edit): the chat gets the card afresh, showing the change; no thread to reply in.
    if (!(await deps.nextSlot())) throw new HandedBack();
    const posted = await sendTracked(store, sender, context.chat, { entries: step.entries, reply }, deps.now(), { card: step.object });
    if (posted) await keepCard(deps, step.object, posted);
    return 1;
  }
  if (!step.thread) return 0;
  if (!(await deps.nextSlot())) throw new HandedBack();
  const thread = { entries: step.entries, reply: changeReply(step.entries[0]!, context.presenter) };
  await sendTracked(store, sender, context.chat, thread, deps.now(), { replyTo: card.message });
  return 1;
}

async function keepCard(deps: StepDeps, object: ObjectKey, message: MessageRef): Promise<void> {
  deps.context.cards.set(keyOf(object), await recordCard(deps.store, deps.sender, deps.context.chat, object, message, deps.now()));
}

/** Keeps the card of a verification in this chat, with a link to it where the platform gives one. */
export async function recordCard(store: Store, sender: ChatSender, chat: ChatRef, object: ObjectKey, message: MessageRef, now: Date): Promise<AlertCard> {
  // A link is a convenience for digests and the queue: the card counts without one.
  const permalink = (await sender.permalink?.(message).catch(() => null)) ?? null;
  const card: AlertCard = { chat, provider: object.provider, objectId: object.objectId, message, permalink, postedAt: now };
  await store.saveCard(card);
  return card;
}
