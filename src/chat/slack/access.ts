/**
 * Who may use KYC Desk where (DESIGN.md, "Configuration": SLACK_ALLOWED_CHANNELS,
 * SLACK_ADMINS), and as whom: the Slack ids of whoever clicked or typed become
 * the platform-neutral Caller the commands see. Closed by default, like
 * Telegram: an empty allow-list means no channel, `*` every channel (DMs
 * included); admins are Slack user ids, and without any, nobody sees unmasked
 * data or manages subscriptions.
 */
import type { Caller, Locale } from '../../domain/chat.js';

export interface SlackAccessPolicy {
  allowedChannels: readonly string[];
  admins: readonly string[];
}

/** The SLACK_ALLOWED_CHANNELS value that allows every channel. */
export const EVERY_CHANNEL = '*';

export function isChannelAllowed(policy: SlackAccessPolicy, channelId: string | undefined): boolean {
  if (policy.allowedChannels.includes(EVERY_CHANNEL)) return true;
  return channelId !== undefined && policy.allowedChannels.includes(channelId);
}

export function isAdmin(policy: SlackAccessPolicy, userId: string): boolean {
  return policy.admins.includes(userId);
}

/** Admins only; with none configured, nobody (start-up warns about it). */
export function mayManageSubscriptions(policy: SlackAccessPolicy, userId: string): boolean {
  return isAdmin(policy, userId);
}

export interface SlackOrigin {
  userId: string;
  /** The person's Slack username, for review cards ("Reviewing: @olga"). */
  userName?: string;
  /** Absent for interactions outside a conversation; commands always have one. */
  channelId?: string;
  teamId?: string;
}

export function callerFromSlack(origin: SlackOrigin, policy: SlackAccessPolicy, locale: Locale): Caller {
  const admin = isAdmin(policy, origin.userId);
  return {
    platform: 'slack',
    chatId: origin.channelId ?? '',
    userId: origin.userId,
    ...(origin.userName ? { userName: origin.userName } : {}),
    ...(origin.teamId ? { workspaceId: origin.teamId } : {}),
    isAdmin: admin,
    mayManageSubscriptions: mayManageSubscriptions(policy, origin.userId),
    locale,
  };
}

/**
 * The same person seen as a viewer: what a shared copy may show to the whole
 * channel. Personal data comes back masked and nothing can be managed.
 */
export function asViewer(caller: Caller): Caller {
  return { ...caller, isAdmin: false, mayManageSubscriptions: false };
}
