/**
 * The platform-neutral card tree every command returns. Each chat adapter's
 * renderer (chat/<platform>/render.ts) turns it into Slack blocks, Telegram
 * HTML or plain text; nothing here knows a platform. All strings are plain
 * text: renderers escape them.
 */
import type { Outcome } from './outcome.js';

/** How a reply ended, for the audit log and metrics. */
export type ResultKind = 'ok' | 'not_found' | 'usage' | 'refused' | 'error';

export const RESULT_KINDS: readonly ResultKind[] = ['ok', 'not_found', 'usage', 'refused', 'error'];

export interface Badge {
  outcome: Outcome;
  /** The provider's own status, shown next to the outcome. */
  native: string;
}

/** A link either opens a URL or runs a command line in the same chat. */
export type Link = { url: string } | { command: string };

export interface Field {
  label: string;
  value: string;
  /** Render as code (ids, amounts that must be copied exactly). */
  mono?: boolean;
  link?: Link;
}

export interface ListItem {
  title: string;
  /** Secondary line: customer, dates, amounts. */
  text?: string;
  badge?: Badge;
  /** The command line that opens this item's detail. */
  command?: string;
  /** Objects the row links to besides its detail (its customer, its invoice), each a command line. */
  links?: ItemLink[];
}

export interface ItemLink {
  label: string;
  command: string;
}

export type NoteTone = 'info' | 'warning' | 'error';

export interface Note {
  tone: NoteTone;
  text: string;
}

/**
 * A button. `page` actions replace the message they sit on (Prev/Next);
 * `open` actions answer with a new message; `share` posts a masked copy to the channel.
 */
export interface Action {
  label: string;
  command?: string;
  url?: string;
  role: 'page' | 'open' | 'share' | 'watch';
}

export interface Reply {
  kind: ResultKind;
  title: string;
  badge?: Badge;
  fields?: Field[];
  items?: ListItem[];
  notes?: Note[];
  actions?: Action[];
  /** Small print: counts, request ids, page numbers. */
  footer?: string[];
  /** True when the reply shows unmasked personal data (admins only). */
  unmasked?: boolean;
}
