/**
 * The buttons a reply offers, the same on every platform: its actions, then
 * a button for each field that links to a command, unless an action (or an
 * earlier field) already runs that command. Each renderer lays them out its
 * own way (Slack: one actions block; Telegram: paging in a row of its own).
 */
import type { Action, Reply } from '../domain/reply.js';

export function replyActions(reply: Reply): Action[] {
  return [...(reply.actions ?? []), ...fieldLinkActions(reply)];
}

/** The field links that become buttons, in field order. */
export function fieldLinkActions(reply: Reply): Action[] {
  const commands = new Set((reply.actions ?? []).map((action) => action.command));
  const buttons: Action[] = [];
  for (const field of reply.fields ?? []) {
    const command = field.link && 'command' in field.link ? field.link.command : undefined;
    if (!command || commands.has(command)) continue;
    commands.add(command);
    buttons.push({ label: field.label, command, role: 'open' });
  }
  return buttons;
}
