/**
 * Reply -> plain text for the console (and logs of what was answered). Every
 * part of the card shows: a link or button prints the command it runs, so a
 * console user can copy it as the next line.
 *
 *   Love&Pay KYC sessions: approved
 *   APPROVED
 *
 *   By status, all time: approved 12 · declined 3
 *
 *   • 550e8400  [APPROVED]
 *     c***@example.com · +7 999 ***-**-67 · decided 23 Jan 2024, 15:00 (3 hr ago)
 *     → /kyc 550e8400-e29b-41d4-a716-446655440000
 *
 *   [Prev → /kyc approved] [Next → /kyc approved page:3]
 *   Page 2 of 5 · 47 sessions
 */
import type { Locale } from '../../domain/chat.js';
import type { Action, Badge, Field, ListItem, Note, Reply } from '../../domain/reply.js';
import { badgeWords } from '../../present/badge.js';

const NOTE_MARK: Record<Note['tone'], string> = { info: 'ℹ', warning: '⚠', error: '✖' };

/** The outcome in the reader's language, and the provider's status only when it adds something (present/badge.ts). */
export function badgeText(badge: Badge, locale: Locale = 'en'): string {
  return badgeWords(badge, locale);
}

function fieldLine(field: Field): string {
  const link = field.link;
  if (!link) return `${field.label}: ${field.value}`;
  if ('command' in link) return `${field.label}: ${field.value} → ${link.command}`;
  return link.url === field.value ? `${field.label}: ${field.value}` : `${field.label}: ${field.value} <${link.url}>`;
}

function itemLines(item: ListItem, locale: Locale): string[] {
  const head = item.badge ? `• ${item.title}  [${badgeText(item.badge, locale)}]` : `• ${item.title}`;
  return [
    head,
    ...(item.text ? item.text.split('\n').map((line) => `  ${line}`) : []),
    ...(item.command ? [`  → ${item.command}`] : []),
    ...(item.links ?? []).map((link) => `  ${link.label} → ${'command' in link ? link.command : `<${link.url}>`}`),
  ];
}

function noteLines(note: Note): string[] {
  const [first = '', ...rest] = note.text.split('\n');
  return [`${NOTE_MARK[note.tone]} ${first}`, ...rest.map((line) => `  ${line}`)];
}

function actionText(action: Action): string {
  const target = action.command ?? action.url;
  return target ? `[${action.label} → ${target}]` : `[${action.label}]`;
}

export function renderText(reply: Reply, locale: Locale = 'en'): string {
  const sections: string[][] = [];
  sections.push(reply.badge ? [reply.title, badgeText(reply.badge, locale)] : [reply.title]);
  if (reply.fields?.length) sections.push(reply.fields.map(fieldLine));
  if (reply.items?.length) sections.push(reply.items.flatMap((item) => itemLines(item, locale)));
  if (reply.notes?.length) sections.push(reply.notes.flatMap(noteLines));
  if (reply.actions?.length) sections.push([reply.actions.map(actionText).join(' ')]);
  if (reply.footer?.length) sections.push([reply.footer.join(' · ')]);
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}
