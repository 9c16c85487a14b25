/**
 * `/check <id>`: a Bank 131 KYC check (bank131-check-status) with its error
 * code explained in words and, for already_exists, the earlier check linked.
 */
import { bank131Outcome } from '../domain/outcome.js';
import type { Action, Note, Reply } from '../domain/reply.js';
import type { CheckResult } from '../providers/bank131/client.js';
import type { CommandStrings } from '../views/i18n/commands.js';
import type { Handler } from './context.js';
import type { CheckRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { field } from './present.js';
import { own } from '../domain/own.js';

export const check: Handler<CheckRequest> = async (request, context) => {
  const result = await needProvider(context.providers, 'bank131').getCheck(request.id);
  const { t } = context;
  const earlier = result.earlierCheckId ? `/check ${result.earlierCheckId}` : undefined;
  const actions: Action[] = earlier ? [{ label: t.check.openEarlier, role: 'open', command: earlier }] : [];
  const reply: Reply = {
    kind: 'ok',
    title: t.check.title(result.id),
    badge: bank131Outcome(result.status),
    fields: [
      { label: t.common.id, value: result.id, mono: true },
      ...field(t.check.description, result.description),
      ...field(t.check.participant, result.participantReference, { mono: true }),
      ...field(t.check.error, result.error?.code, { mono: true }),
      ...field(t.check.earlierCheck, result.earlierCheckId, { mono: true, link: earlier ? { command: earlier } : undefined }),
    ],
    notes: notes(result, t),
    actions,
  };
  return reply;
};

/** Every documented error code has a sentence (CommandStrings.check.codes); others are named as they came. */
export function explainCheckError(code: string, t: CommandStrings): string {
  return own(t.check.codes, code) ?? t.check.unknownCode(code);
}

function notes(result: CheckResult, t: CommandStrings): Note[] {
  if (result.error) return [{ tone: 'error', text: capitalize(explainCheckError(result.error.code, t)) }];
  if (result.status === 'ok') return [{ tone: 'info', text: t.check.ok }];
  if (result.status === 'pending') return [{ tone: 'info', text: t.check.pending }];
  return [];
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
