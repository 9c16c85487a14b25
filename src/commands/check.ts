/**
 * `/check <id>`: a Bank 131 KYC check (bank131-check-status) with its error
 * code explained in words. For already_exists the client has read the earlier
 * check the bank points at, and that check's result is the answer.
 * Faults of the request or setup (invalid_sign, request_not_found,
 * partner_project_not_found, a wrong address) arrive as ProviderErrors and
 * are explained by run-command, never shown as a verdict.
 */
import { own } from '../domain/own.js';
import type { Action, Field, Note, Reply } from '../domain/reply.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import { checkOutcome, decidingAnswer, type CheckAnswer, type CheckResult } from '../providers/bank131/client.js';
import { type CheckRequest, type Handler, needProvider } from './handlers.js';
import { explainProviderError } from './explain-provider-error.js';
import { field } from './present.js';

export const check: Handler<CheckRequest> = async (request, context) => {
  const result = await needProvider(context.providers, 'bank131').getCheck(request.id);
  const { t } = context;
  const shown = decidingAnswer(result);
  const earlier = result.earlierCheckId ? `/check ${result.earlierCheckId}` : undefined;
  const actions: Action[] = earlier ? [{ label: t.check.openEarlier, role: 'open', command: earlier }] : [];
  const reply: Reply = {
    kind: 'ok',
    title: t.check.title(result.id),
    badge: checkOutcome(result),
    fields: [
      { label: t.common.id, value: result.id, mono: true },
      ...field(t.check.earlierCheck, result.earlierCheckId, { mono: true, link: earlier ? { command: earlier } : undefined }),
      ...(shown ? answerFields(shown, t) : []),
    ],
    notes: [...followNotes(result, t), ...(shown ? verdictNotes(shown, t) : [])],
    actions,
  };
  return reply;
};

function answerFields(answer: CheckAnswer, t: CommandStrings): Field[] {
  return [
    ...field(t.check.description, answer.description),
    ...field(t.check.participant, answer.participantReference, { mono: true }),
    ...field(t.check.error, answer.error?.code, { mono: true }),
  ];
}

/** Every documented error code has a sentence (CommandStrings.check.codes); others are named as they came. */
export function explainCheckError(code: string, t: CommandStrings): string {
  return own(t.check.codes, code) ?? t.check.unknownCode(code);
}

/** already_exists: say whose result this is, or why there is none. */
function followNotes(result: CheckResult, t: CommandStrings): Note[] {
  const earlierId = result.earlierCheckId;
  if (!earlierId) return [];
  if (result.earlier && 'failure' in result.earlier) {
    const why = explainProviderError(result.earlier.failure, t, { object: 'check', id: earlierId }).sentence;
    return [{ tone: 'warning', text: t.check.earlierUnreadable(earlierId, why) }];
  }
  if (!decidingAnswer(result)) return [{ tone: 'warning', text: t.check.earlierPointsFurther(earlierId) }];
  return [{ tone: 'info', text: t.check.sameDataAs(earlierId) }];
}

function verdictNotes(answer: CheckAnswer, t: CommandStrings): Note[] {
  if (answer.error) return [{ tone: 'error', text: capitalize(explainCheckError(answer.error.code, t)) }];
  if (answer.status === 'ok') return [{ tone: 'info', text: t.check.ok }];
  if (answer.status === 'pending') return [{ tone: 'info', text: t.check.pending }];
  return [];
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
