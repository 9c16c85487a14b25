/** Who typed a command, and where: everything a handler may need to decide what to show. */
import type { ChatRef } from './chat.js';

export type Locale = 'en' | 'ru';

export interface Caller extends ChatRef {
  userId: string;
  /** Slack team id; absent elsewhere. */
  workspaceId?: string;
  /** Admins see unmasked personal data and manage subscriptions. */
  isAdmin: boolean;
  /** Admins only: when no admins are configured, nobody may manage subscriptions. */
  mayManageSubscriptions: boolean;
  locale: Locale;
}
