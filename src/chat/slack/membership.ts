/**
 * Who may use KYC Desk outside a channel (the App Home, the Look up modal),
 * and as if in which channel; and whether someone is in the channel a
 * message shortcut was used in. Inside a channel, SLACK_ALLOWED_CHANNELS
 * decides (access.ts); the Home sits in no channel, so a person sees it when
 * they belong to at least one allowed channel, and what they run there runs
 * as if typed in it (the audit log, `/kyc subscribe`, and their cards' links
 * name it). In order: with `*`, their direct message with the app; their
 * direct message when it is on the list itself; else the first listed
 * channel they are a member of, as users.conversations tells
 * (channels:read, groups:read). Answers are kept a few minutes per person
 * (bounded), so opening the Home or submitting the modal costs no call most
 * of the time. When Slack fails (rate limited, down), the last answer kept
 * for the person stands, however old; without one the answer is `unknown`:
 * never taken as "not a member".
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { EVERY_CHANNEL, type SlackAccessPolicy } from './access.js';
import { slackErrorReason } from './client.js';

/** Where a person acts outside a channel: an allowed channel they are in, none, or not known just now (Slack failed). */
export type AccessChannel = { kind: 'member'; channel: string } | { kind: 'outside' } | { kind: 'unknown' };

/** Whether a person is in a channel, or `unknown` (Slack failed and nothing was kept). */
export type InChannel = boolean | 'unknown';

export interface Membership {
  /** The allowed channel this person acts in outside a channel. */
  accessChannel(userId: string, dm?: string): Promise<AccessChannel>;
  /**
   * Whether the person is a member of `channelId` (a message shortcut: anyone
   * can open a public channel and use it on a message there without joining).
   * A direct message or group DM is only ever seen by its members.
   */
  isMember(userId: string, channelId: string): Promise<InChannel>;
}

export interface MembershipOptions {
  /** How long an answer is kept (default 5 minutes). */
  ttlMs?: number;
  /** Answers kept at once (default 1,000; the oldest go first). */
  maxUsers?: number;
  now?: () => number;
}

/** users.conversations pages read at most (200 channels each): someone in more than 1,000 channels is looked up no further. */
const MAX_PAGES = 5;
/** users.conversations `limit`: "fewer than 1000", 200 recommended (docs.slack.dev/reference/methods/users.conversations). */
const PAGE_SIZE = 200;

export function createMembership(client: webApi.WebClient, policy: SlackAccessPolicy, log: Logger, options: MembershipOptions = {}): Membership {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxUsers = options.maxUsers ?? 1_000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { answer: string | boolean | null; at: number }>();
  const listed = policy.allowedChannels.filter((channel) => channel !== EVERY_CHANNEL);

  /** Reads the person's channels page by page until `found` answers, or to the end (null). */
  const scan = async <T>(userId: string, found: (theirs: Set<string>) => T | undefined): Promise<T | null> => {
    const theirs = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await client.users.conversations({
        user: userId,
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of answer.channels ?? []) if (channel.id) theirs.add(channel.id);
      const hit = found(theirs);
      if (hit !== undefined) return hit;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return null;
  };

  /** A fresh kept answer, else Slack's; when Slack fails, the last kept answer however old, else 'unknown'. */
  const remembered = async <T extends string | boolean | null>(key: string, lookUp: () => Promise<T>): Promise<T | 'unknown'> => {
    const hit = kept.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.answer as T;
    let answer: T;
    try {
      answer = await lookUp();
    } catch (error) {
      const stale = hit !== undefined;
      log.warn({ reason: slackErrorReason(error), stale }, 'slack users.conversations failed; using the last answer kept, or none');
      return stale ? (hit.answer as T) : 'unknown';
    }
    kept.delete(key);
    if (kept.size >= maxUsers) kept.delete(kept.keys().next().value!);
    kept.set(key, { answer, at: now() });
    return answer;
  };

  return {
    async accessChannel(userId, dm) {
      if (policy.allowedChannels.includes(EVERY_CHANNEL)) return dm ? { kind: 'member', channel: dm } : { kind: 'outside' };
      if (dm && listed.includes(dm)) return { kind: 'member', channel: dm };
      if (listed.length === 0) return { kind: 'outside' };
      const channel = await remembered(userId, () => scan(userId, (theirs) => listed.find((id) => theirs.has(id))));
      if (channel === 'unknown') return { kind: 'unknown' };
      return channel === null ? { kind: 'outside' } : { kind: 'member', channel };
    },
    async isMember(userId, channelId) {
      // D: a direct message; G: a group DM or an old private channel. Only their members ever see them.
      if (!channelId.startsWith('C')) return true;
      const member = await remembered(`${userId} ${channelId}`, async () => (await scan(userId, (theirs) => (theirs.has(channelId) ? true : undefined))) ?? false);
      return member;
    },
  };
}
