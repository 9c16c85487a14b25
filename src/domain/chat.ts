/**
 * Where a message goes: a platform and a chat on it. Stores, alerts, pacing
 * and the audit log all name chats this way, and key them with chatKey.
 */
export type Platform = 'slack' | 'telegram' | 'console';

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
