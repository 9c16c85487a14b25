/** Slack ids of whoever clicked or typed -> the platform-neutral Caller the commands see. */
import type { Caller, Locale } from '../../domain/caller.js';
import { isAdmin, mayManageSubscriptions, type SlackAccessPolicy } from './access.js';

export interface SlackOrigin {
  userId: string;
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
