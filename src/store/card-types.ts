/**
 * Alert cards and the review queue (DESIGN.md, "Alert cards and the review
 * queue"), as the store keeps them: the message each chat got for a
 * verification (so every later change edits it, across restarts and
 * replicas), and DECLINED verifications as work items shared by every chat.
 * A review action and the card updates it queues commit in one transaction,
 * like an observation and its alerts.
 */
import type { ChatRef, Platform } from '../domain/chat.js';
import type { MessageRef } from '../domain/delivery.js';
import type { ProviderName } from '../domain/outcome.js';
import type { AlertEvent } from './types.js';

/** One verification: a Love&Pay session, a Stripe session or a Bank 131 check. */
export interface ObjectKey {
  provider: ProviderName;
  objectId: string;
}

/** The message a chat got for a verification: its card, edited in place by later changes. */
export interface AlertCard extends ObjectKey {
  chat: ChatRef;
  message: MessageRef;
  /** A link that opens the message (digests and /kyc queue link to it); null where the platform has none. */
  permalink: string | null;
  postedAt: Date;
}

/** Why a person resolved a declined verification (DESIGN.md: the Resolve reasons). */
export type ResolveReason = 'customer_contacted' | 'retry_requested' | 'fraud_suspected' | 'false_alarm';

export const RESOLVE_REASONS: readonly ResolveReason[] = ['customer_contacted', 'retry_requested', 'fraud_suspected', 'false_alarm'];

export type ReviewStatus = 'open' | 'taken' | 'resolved';

/** Who acted on a review item, as cards name them. */
export interface Actor {
  platform: Platform;
  userId: string;
  /** The platform's name for the person (a Slack username, a Telegram @username); the id when unknown. */
  name: string;
}

export interface ReviewItem extends ObjectKey {
  status: ReviewStatus;
  /** The verification's latest alert: the DECLINED one, or the APPROVED one that came later. */
  event: AlertEvent;
  openedAt: Date;
  /** Who took it; kept after it is resolved (the card says who was on it). */
  reviewer: Actor | null;
  takenAt: Date | null;
  /** Who resolved it; null while unresolved, and when a later APPROVED closed it (reason 'approved'). */
  resolvedBy: Actor | null;
  resolvedAt: Date | null;
  reason: ResolveReason | 'approved' | null;
  note: string | null;
  /** Grows with every change; a change's card updates are queued under it, once per chat. */
  version: number;
}

export type ReviewAction = 'take' | 'resolve' | 'reopen';

/** A person's change to a review item, as a card update tells it in the card's thread. */
export interface ReviewChange {
  action: ReviewAction;
  by: Actor;
  /** ISO 8601. */
  at: string;
  reason?: ResolveReason;
  note?: string;
}

export interface ReviewInput extends ObjectKey {
  action: ReviewAction;
  by: Actor;
  /** Resolve only. */
  reason?: ResolveReason;
  note?: string;
  now: Date;
}

/**
 * What a review action did. Refusals: `not_found` (no DECLINED alert made it
 * a work item), `approved` (a later APPROVED closed it), `resolved` (take a
 * resolved item only after reopening it), `unchanged` (it is already so).
 */
export type ReviewResult =
  | { ok: true; item: ReviewItem; queued: number }
  | { ok: false; problem: 'not_found' }
  | { ok: false; problem: 'approved' | 'resolved' | 'unchanged'; item: ReviewItem };

export interface CardStore {
  // --- alert cards --------------------------------------------------------
  /** This chat's cards of these verifications (those it has). */
  getCards(chat: ChatRef, objects: ObjectKey[]): Promise<AlertCard[]>;
  /** Every chat's cards of these verifications. */
  listCards(objects: ObjectKey[]): Promise<AlertCard[]>;
  /** Records (or replaces, after a deleted card was posted afresh) a chat's card of a verification. */
  saveCard(card: AlertCard): Promise<void>;

  // --- review items -------------------------------------------------------
  /**
   * A DECLINED alert commits its review item (open) with it; a later
   * APPROVED closes an unresolved one (reason 'approved'). These read them.
   */
  getReviewItems(objects: ObjectKey[]): Promise<ReviewItem[]>;
  /** Items in these states, oldest first (by when they opened). */
  listReviewItems(statuses: ReviewStatus[]): Promise<ReviewItem[]>;
  /**
   * One transaction: applies a person's action (take, resolve, reopen) and
   * queues a card update to every chat that was told of the verification
   * (its card, or an alert or digest naming it), each once per change.
   */
  applyReview(input: ReviewInput): Promise<ReviewResult>;
}
