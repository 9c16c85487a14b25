/**
 * Who may use KYC Desk where (DESIGN.md, "Configuration": SLACK_ALLOWED_CHANNELS,
 * SLACK_ADMINS). An empty allow-list means every channel; admins are Slack user ids.
 */
export interface SlackAccessPolicy {
  allowedChannels: readonly string[];
  admins: readonly string[];
}

export function isChannelAllowed(policy: SlackAccessPolicy, channelId: string | undefined): boolean {
  if (policy.allowedChannels.length === 0) return true;
  return channelId !== undefined && policy.allowedChannels.includes(channelId);
}

export function isAdmin(policy: SlackAccessPolicy, userId: string): boolean {
  return policy.admins.includes(userId);
}

/** When no admins are configured at all, anyone may manage subscriptions (domain/caller.ts). */
export function mayManageSubscriptions(policy: SlackAccessPolicy, userId: string): boolean {
  return policy.admins.length === 0 || isAdmin(policy, userId);
}
