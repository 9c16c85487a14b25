/**
 * Who may use KYC Desk outside a channel (the App Home, the Look up modal),
 * and as if in which channel. Inside a channel, SLACK_ALLOWED_CHANNELS
 * decides (access.ts); the Home sits in no channel, so a person sees it when
 * they belong to at least one allowed channel, and what they run there runs
 * as if typed in it (the audit log, `/kyc subscribe`, and their cards' links
 * name it). In order: with `*`, their direct message with the app; their
 * direct message when it is on the list itself; else the first listed
 * channel they are a member of, as users.conversations tells
 * (channels:read, groups:read). Answers are kept a few minutes per person
 * (bounded), so opening the Home or submitting the modal costs no call most
 * of the time; a Slack failure answers "no channel" and is not kept.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { EVERY_CHANNEL, type SlackAccessPolicy } from './access.js';
import { slackErrorReason } from './client.js';

export interface Membership {
  /** The allowed channel this person acts in outside a channel; null when they are in none. */
  accessChannel(userId: string, dm?: string): Promise<string | null>;
}

export interface MembershipOptions {
  /** How long an answer is kept (default 5 minutes). */
  ttlMs?: number;
  /** People whose answers are kept at once (default 1,000; the oldest go first). */
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
  const kept = new Map<string, { channel: string | null; at: number }>();
  const listed = policy.allowedChannels.filter((channel) => channel !== EVERY_CHANNEL);

  const lookUp = async (userId: string): Promise<string | null> => {
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
      const found = listed.find((channel) => theirs.has(channel));
      if (found) return found;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return null;
  };

  return {
    async accessChannel(userId, dm) {
      if (policy.allowedChannels.includes(EVERY_CHANNEL)) return dm ?? null;
      if (dm && listed.includes(dm)) return dm;
      if (listed.length === 0) return null;
      const hit = kept.get(userId);
      if (hit && now() - hit.at < ttlMs) return hit.channel;
      let channel: string | null;
      try {
        channel = await lookUp(userId);
      } catch (error) {
        log.warn({ reason: slackErrorReason(error) }, 'slack users.conversations failed; treating the person as outside every allowed channel');
        return null;
      }
      kept.delete(userId);
      if (kept.size >= maxUsers) kept.delete(kept.keys().next().value!);
      kept.set(userId, { channel, at: now() });
      return channel;
    },
  };
}
