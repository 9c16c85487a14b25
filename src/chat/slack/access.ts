/**
 * Who may use KYC Desk where (DESIGN.md, "Configuration": SLACK_ALLOWED_CHANNELS,
 * SLACK_ADMINS). Closed by default, like Telegram: an empty allow-list means
 * no channel, `*` every channel (DMs included); admins are Slack user ids, and
 * without any, nobody sees unmasked data or manages subscriptions.
 */
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
