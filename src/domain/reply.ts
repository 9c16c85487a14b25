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
  /** Kept in a compact card (a Slack link unfurl): the few fields that say where the object stands. */
  brief?: boolean;
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

/** Another object a row links to: a command line that opens it, or (an alert card's message) a URL. */
export type ItemLink = { label: string; command: string } | { label: string; url: string };

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

/**
 * Input a command needs before it runs: one choice and, optionally, a note.
 * Slack asks in a modal; Telegram shows the choices as buttons (the note is
 * a reply to the answer, see Reply.noteCommand); the console prints them.
 */
export interface Form {
  /** What is asked, e.g. "Resolve Stripe Identity session vs_123". */
  title: string;
  /** Each choice runs its command line; a note, when given, is appended to it. */
  choices: Array<{ label: string; command: string }>;
  /** Present when a free-text note may go with the choice. */
  note?: { label: string };
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
  /**
   * Who sees the answer. 'asker' (the default): the person who typed it
   * (Slack answers ephemerally: answers may hold personal data). 'chat':
   * everyone in the chat (Slack posts it in the channel), for answers that
   * hold no personal data whoever asks (stats).
   */
  audience?: 'asker' | 'chat';
  /** A file sent with the answer (a CSV export, a chart); each chat adapter sends it its own way. */
  attachment?: Attachment;
  /** The reply asks for a choice (and a note) before a command runs. */
  form?: Form;
  /**
   * A note written in answer to this message runs this command line with the
   * note appended (Telegram: a reply to the message). Elsewhere the line is typed.
   */
  noteCommand?: string;
}

/**
 * A file that goes with a reply. Slack uploads it into the channel
 * (files.getUploadURLExternal + files.completeUploadExternal), Telegram sends
 * it as a document (a photo for images), the console writes it to a file and
 * prints the path.
 */
export interface Attachment {
  /** A plain file name, no folders: `audit-2025-03-01.csv`. */
  filename: string;
  /** `text/csv`, `image/png`. */
  contentType: string;
  /** The file's content: text (sent as UTF-8) or bytes. */
  data: string | Uint8Array;
  /** What the file is, for the platform's caption or title. */
  title: string;
  /**
   * Who receives it. 'asker' (the default): only the person who asked, in a
   * direct message, because a file outlives an ephemeral answer and the
   * channel's members would all see it (an audit export names who looked up
   * what). 'chat': the chat it was asked in (a chart with no personal data).
   */
  audience?: 'asker' | 'chat';
}

/** Whether an attachment goes to the person who asked only (the default), not to the whole chat. */
export const forAskerOnly = (attachment: Attachment): boolean => (attachment.audience ?? 'asker') === 'asker';

/** The attachment's bytes, as every adapter sends them. */
export function attachmentBytes(attachment: Attachment): Buffer {
  return typeof attachment.data === 'string' ? Buffer.from(attachment.data, 'utf8') : Buffer.from(attachment.data);
}

/** Images go as pictures where the platform shows them (Telegram sendPhoto). */
export const isImage = (attachment: Attachment): boolean => attachment.contentType.startsWith('image/');
