/**
 * Whose a view is: the `private_metadata` of every view KYC Desk publishes
 * or opens (the App Home, the Look up modal) names the person it was made
 * for and the app's direct message with them, with an HMAC over both.
 * Slack signs the request an interaction comes in (events-route.ts), but the
 * view's content is only as good as whoever built it: an interaction on a
 * view is taken as ours only when the MAC checks and the view was made for
 * the very user Slack says acts on it. Who acts is always Slack's
 * `body.user.id`; where a command runs is worked out again (membership.ts),
 * never read from the view.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SLACK_LIMITS } from './limits.js';

export interface ViewOwner {
  /** The Slack user the view was made for. */
  user: string;
  /** The app's direct message with them (app_home_opened's `channel`), when known. */
  dm?: string;
}

/**
 * A key of its own for view MACs, derived from the bot token so every
 * replica shares it (docs.slack.dev: private_metadata is returned as sent).
 */
export function viewMetadataKey(botToken: string): Buffer {
  return createHmac('sha256', botToken).update('kyc-desk view metadata v1').digest();
}

function mac(key: Buffer, owner: ViewOwner): string {
  return createHmac('sha256', key).update(JSON.stringify([owner.user, owner.dm ?? ''])).digest('base64url');
}

export function writeViewMetadata(key: Buffer, owner: ViewOwner): string {
  const text = JSON.stringify({ u: owner.user, ...(owner.dm ? { d: owner.dm } : {}), m: mac(key, owner) });
  if (text.length > SLACK_LIMITS.viewPrivateMetadata) throw new Error('view metadata too long');
  return text;
}

/** The owner, when the metadata is ours and names `actingUser`; null otherwise (a forged, altered or someone else's view). */
export function readViewMetadata(key: Buffer, metadata: string | undefined, actingUser: string): ViewOwner | null {
  if (!metadata) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return null;
  }
  const { u, d, m } = (parsed ?? {}) as { u?: unknown; d?: unknown; m?: unknown };
  if (typeof u !== 'string' || typeof m !== 'string' || (d !== undefined && typeof d !== 'string')) return null;
  const owner: ViewOwner = { user: u, ...(typeof d === 'string' ? { dm: d } : {}) };
  const expected = Buffer.from(mac(key, owner));
  const given = Buffer.from(m);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return u === actingUser ? owner : null;
}
