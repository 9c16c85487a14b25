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
import { bank131CheckRecord } from '../providers/bank131/verification-record.js';
import { type CheckRequest, type Handler, type HandlerContext, needProvider } from './handlers.js';
import { explainProviderError } from './explain-provider-error.js';
import { customerCommand, dashboardActions, field, shownReference, shownTime } from './present.js';

/** Bank 131 answers within 10 minutes to 2 days (bank131-check-status): a check pending longer is overdue. */
export const CHECK_OVERDUE_MS = 2 * 86_400_000;

export const check: Handler<CheckRequest> = async (request, context) => {
  const result = await needProvider(context.providers, 'bank131').getCheck(request.id);
  const { t, now } = context;
  const shown = decidingAnswer(result);
  const badge = checkOutcome(result);
  // Bank 131 answers carry no dates: when the bot first saw the check is the only one there is.
  await context.remember([bank131CheckRecord(result)]);
  const indexed = (await context.index?.getVerifications('bank131', [result.id]))?.[0];
  const firstSeen = indexed?.firstSeenAt ?? null;
  const overdue = badge.outcome === 'PENDING' && firstSeen !== null && now().getTime() - firstSeen.getTime() > CHECK_OVERDUE_MS;
  const earlier = result.earlierCheckId ? `/check ${result.earlierCheckId}` : undefined;
  const toCustomer = participantCustomer(shown, context);
  const actions: Action[] = [
    ...(earlier ? [{ label: t.check.openEarlier, role: 'open' as const, command: earlier }] : []),
    ...(toCustomer ? [{ label: t.customer.open, role: 'open' as const, command: toCustomer }] : []),
    ...dashboardActions('bank131', result.id, context),
  ];
  const reply: Reply = {
    kind: 'ok',
    title: t.check.title(result.id),
    badge,
    fields: [
      { label: t.common.id, value: result.id, mono: true },
      ...field(t.check.earlierCheck, result.earlierCheckId, { mono: true, link: earlier ? { command: earlier } : undefined }),
      ...(shown ? answerFields(shown, context) : []),
      ...field(t.check.firstSeen, shownTime(firstSeen, context)),
      ...(badge.outcome !== 'PENDING' ? field(t.common.decidedAt, shownTime(indexed?.decidedAt, context)) : []),
    ],
    notes: [
      ...followNotes(result, t),
      ...(shown ? verdictNotes(shown, t) : []),
      ...(overdue ? [{ tone: 'warning' as const, text: t.check.overdue }] : []),
    ],
    actions,
    footer: firstSeen ? [t.common.timesIn(context.format.timeZone)] : undefined,
  };
  return reply;
};

function answerFields(answer: CheckAnswer, context: HandlerContext): Field[] {
  const { t, mask, settings } = context;
  const description = answer.description && (own(t.check.descriptions, answer.description) ?? answer.description);
  const reference = answer.participantReference && shownReference(answer.participantReference, settings.references?.bank131, mask);
  const toCustomer = participantCustomer(answer, context);
  return [
    ...field(t.check.description, description),
    ...field(t.check.participant, reference, { mono: true, link: toCustomer ? { command: toCustomer } : undefined }),
    ...field(t.check.error, answer.error?.code, { mono: true }),
  ];
}

/** The customer card of the check's participant, when participant.reference holds a Love&Pay customer id. */
function participantCustomer(answer: CheckAnswer | null, { settings }: HandlerContext): string | undefined {
  if ((settings.references?.bank131 ?? 'customer_id') !== 'customer_id') return undefined;
  return customerCommand(answer?.participantReference);
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
