/**
 * `/kyc stripe [status]`: Stripe Identity sessions, newest first. Stripe pages
 * with cursors (starting_after / ending_before, per the list endpoint's docs),
 * so Prev/Next carry `before:<first id>` / `after:<last id>`.
 */
import { stripeOutcome } from '../domain/outcome.js';
import type { Action, ListItem, Reply } from '../domain/reply.js';
import type { VerificationSession } from '../providers/stripe/client.js';
import type { Handler, HandlerContext } from './context.js';
import type { StripeListRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { PAGE_SIZE } from './paging.js';
import { toCommandLine } from './parse.js';
import { explainLastError, hasLastError } from './stripe-last-error.js';
import { own } from '../domain/own.js';

export const stripeSessions: Handler<StripeListRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'stripe');
  const page = await client.listVerificationSessions({
    status: request.status,
    limit: PAGE_SIZE,
    startingAfter: request.after,
    endingBefore: request.before,
  });
  const { t, format } = context;
  const reply: Reply = {
    kind: 'ok',
    title: request.status ? t.stripe.listTitleStatus(request.status) : t.stripe.listTitle,
    items: page.items.map((session) => item(session, context)),
    notes: page.items.length ? [] : [{ tone: 'info', text: t.stripe.empty }],
    actions: actions(request, page.items, page.hasMore, context),
    footer: [t.common.timesIn(format.timeZone)],
  };
  return reply;
};

function item(session: VerificationSession, { t, format }: HandlerContext): ListItem {
  const type = session.type && (own(t.stripe.types, session.type) ?? session.type);
  return {
    title: session.id,
    text: [type, format.dateTime(session.created), explainLastError(session, t)].filter(Boolean).join(' · '),
    badge: stripeOutcome(session.status, hasLastError(session)),
    command: `/kyc ${session.id}`,
  };
}

/**
 * Going forward (no cursor or `after:`), has_more means a next page and a cursor means a previous one;
 * going back (`before:`), has_more means an earlier page and the page we came from is always there.
 */
function actions(
  request: StripeListRequest,
  items: VerificationSession[],
  hasMore: boolean,
  { t }: HandlerContext,
): Action[] {
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  const back = request.before !== undefined;
  const hasPrev = back ? hasMore : request.after !== undefined;
  const hasNext = back ? true : hasMore;
  const line = (cursor: { after?: string; before?: string }) =>
    toCommandLine({ command: 'kyc', action: 'stripe-list', status: request.status, ...cursor });
  const result: Action[] = [];
  if (hasPrev && first) result.push({ label: t.common.prev, role: 'page', command: line({ before: first }) });
  if (hasNext && last) result.push({ label: t.common.next, role: 'page', command: line({ after: last }) });
  return result;
}
