/**
 * Where a message goes, and who typed a command there. Stores, alerts,
 * pacing and the audit log all name chats as a platform and a chat id, and
 * key them with chatKey; commands see the person as a Caller.
 */
export type Platform = 'slack' | 'telegram' | 'console';

export type Locale = 'en' | 'ru';

export interface ChatRef {
  platform: Platform;
  /** Slack channel id, Telegram chat id, or "console". */
  chatId: string;
}

/**
 * One string per chat, for maps, cursors and lock names. Platform names hold
 * no ':', so the first ':' always splits the two parts.
 */
export function chatKey(chat: ChatRef): string {
  return `${chat.platform}:${chat.chatId}`;
}

export function sameChat(a: ChatRef, b: ChatRef): boolean {
  return a.platform === b.platform && a.chatId === b.chatId;
}

/** Who typed a command, and where: everything a handler may need to decide what to show. */
export interface Caller extends ChatRef {
  userId: string;
  /** How the platform names the person (a Slack username, a Telegram @username or first name), for review cards. */
  userName?: string;
  /** Slack team id; absent elsewhere. */
  workspaceId?: string;
  /** Admins see unmasked personal data and manage subscriptions. */
  isAdmin: boolean;
  /** Admins only: when no admins are configured, nobody may manage subscriptions. */
  mayManageSubscriptions: boolean;
  locale: Locale;
}
