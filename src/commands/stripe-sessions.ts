/**
 * `/kyc stripe [status]`: Stripe Identity sessions, newest first. Stripe pages
 * with cursors (starting_after / ending_before, per the list endpoint's docs),
 * so Prev/Next carry `before:<first id>` / `after:<last id>`.
 *
 * `declined` is an outcome, not a Stripe status: requires_input with a
 * last_error, or canceled (DESIGN.md, "One vocabulary"). Stripe cannot filter
 * on last_error, so those pages are read unfiltered and sifted, at most
 * SCAN_PAGES pages of 100 per answer; Next goes on from where the scan stopped.
 */
import { stripeOutcome } from '../domain/outcome.js';
import type { Action, ListItem, Reply } from '../domain/reply.js';
import type { CreatedRange, StripeIdentityClient, VerificationSession } from '../providers/stripe/client.js';
import { stripeSessionRecord } from '../providers/stripe/verification-record.js';
import { type Handler, type HandlerContext, needProvider, type StripeListRequest } from './handlers.js';
import { rememberFrom } from './object-memo.js';
import { PAGE_SIZE } from './paging.js';
import { toCommandLine } from './parse.js';
import { customerCommand, dashboardLinks, verdictTime } from './present.js';
import { explainLastError, hasLastError } from './stripe-session.js';
import { own } from '../domain/own.js';
import { sinceInstant } from './time-window.js';

/** Pages of 100 read for one `declined` answer: 500 sessions, five requests at most. */
const SCAN_PAGES = 5;
const SCAN_PAGE_SIZE = 100;

/** One page as shown, with the cursors Prev and Next continue from. */
interface ShownPage {
  items: VerificationSession[];
  hasPrev: boolean;
  hasNext: boolean;
  /** Where Prev and Next continue: the first and last session shown, or scanned when a sifted scan stopped short. */
  prevCursor?: string;
  nextCursor?: string;
  scanned?: number;
}

export const stripeSessions: Handler<StripeListRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'stripe');
  // Stripe filters on creation time itself (created[gte]); its verdicts come minutes after a session is submitted.
  const created: CreatedRange | undefined = request.since
    ? { gte: Math.floor(sinceInstant(request.since, context.now(), context.settings.timeZone).getTime() / 1000) }
    : undefined;
  const page = request.status === 'declined' ? await declinedPage(client, request, created) : await nativePage(client, request, created);
  const { t, format } = context;
  const [indexed] = await Promise.all([
    context.index?.getVerifications('stripe', page.items.map((session) => session.id)),
    rememberFrom(context, page.items, (session) => stripeSessionRecord(session)),
  ]);
  const decided = new Map((indexed ?? []).filter((row) => row.outcome !== 'PENDING').map((row) => [row.objectId, row.decidedAt]));
  const window = created?.gte === undefined ? t.kycList.allTime : t.common.since(format.dateTime(created.gte));
  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: page.items.map((session) => item(session, decided.get(session.id) ?? null, context)),
    notes: page.items.length ? [] : [{ tone: 'info', text: t.stripe.empty }],
    actions: actions(request, page, context),
    footer: [
      t.common.timesIn(format.timeZone),
      ...(request.since ? [t.stripe.window(window)] : []),
      ...(page.scanned ? [t.stripe.scanned(format.count(page.scanned, t.stripe.sessionForms))] : []),
    ],
  };
  return reply;
};

function title(request: StripeListRequest, { t }: HandlerContext): string {
  if (!request.status) return t.stripe.listTitle;
  return t.stripe.listTitleStatus(request.status === 'declined' ? t.stripe.declinedFilter : request.status);
}

/** A status Stripe filters on itself: one request. */
async function nativePage(client: StripeIdentityClient, request: StripeListRequest, created?: CreatedRange): Promise<ShownPage> {
  const page = await client.listVerificationSessions({
    status: request.status === 'declined' ? undefined : request.status,
    created,
    limit: PAGE_SIZE,
    startingAfter: request.after,
    endingBefore: request.before,
  });
  // Going back (`before:`), has_more means an earlier page and the page we came from is always there.
  const back = request.before !== undefined;
  return {
    items: page.items,
    hasPrev: back ? page.hasMore : request.after !== undefined,
    hasNext: back ? true : page.hasMore,
    prevCursor: page.items[0]?.id,
    nextCursor: page.items.at(-1)?.id,
  };
}

const isDeclined = (session: VerificationSession): boolean =>
  stripeOutcome(session.status, hasLastError(session)).outcome === 'DECLINED';

/** Sifts unfiltered pages for declined sessions, forward from `after:` or back from `before:`. */
async function declinedPage(client: StripeIdentityClient, request: StripeListRequest, created?: CreatedRange): Promise<ShownPage> {
  const back = request.before !== undefined;
  let cursor = request.before ?? request.after;
  const found: VerificationSession[] = [];
  let scanned = 0;
  let more = true;
  let lastScanned: string | undefined;
  for (let pages = 0; pages < SCAN_PAGES && more && found.length <= PAGE_SIZE; pages += 1) {
    const page = await client.listVerificationSessions({
      limit: SCAN_PAGE_SIZE,
      created,
      ...(back ? { endingBefore: cursor } : { startingAfter: cursor }),
    });
    // Newest first either way; going back, the sessions nearest the cursor are the last ones.
    const ordered = back ? [...page.items].reverse() : page.items;
    scanned += ordered.length;
    found.push(...ordered.filter(isDeclined));
    more = page.hasMore;
    lastScanned = ordered.at(-1)?.id;
    cursor = lastScanned;
    if (!cursor) more = false;
  }
  const shown = found.slice(0, PAGE_SIZE);
  const further = found.length > PAGE_SIZE || more;
  // A scan that stopped short continues from the last session it read, not the last one it kept.
  const edge = found.length > PAGE_SIZE ? shown.at(-1)?.id : lastScanned;
  if (back) {
    const newestFirst = [...shown].reverse();
    return { items: newestFirst, hasPrev: further, hasNext: true, prevCursor: edge, nextCursor: newestFirst.at(-1)?.id ?? request.before, scanned };
  }
  return {
    items: shown,
    hasPrev: request.after !== undefined,
    hasNext: further,
    prevCursor: shown[0]?.id ?? request.after,
    nextCursor: edge,
    scanned,
  };
}

function item(session: VerificationSession, decidedAt: Date | null, context: HandlerContext): ListItem {
  const { t } = context;
  const type = session.type && (own(t.stripe.types, session.type) ?? session.type);
  const toCustomer = customerCommand(session.client_reference_id);
  const links = [...(toCustomer ? [{ label: t.common.customer, command: toCustomer }] : []), ...dashboardLinks('stripe', session.id, context)];
  return {
    title: session.id,
    text: [type, verdictTime({ decidedAt, startedAt: session.created }, context), explainLastError(session, t)].filter(Boolean).join(' · '),
    badge: stripeOutcome(session.status, hasLastError(session)),
    command: `/kyc ${session.id}`,
    ...(links.length ? { links } : {}),
  };
}

function actions(request: StripeListRequest, page: ShownPage, { t }: HandlerContext): Action[] {
  const line = (cursor: { after?: string; before?: string }) =>
    toCommandLine({ command: 'kyc', action: 'stripe-list', status: request.status, ...cursor });
  const result: Action[] = [];
  if (page.hasPrev && page.prevCursor) result.push({ label: t.common.prev, role: 'page', command: line({ before: page.prevCursor }) });
  if (page.hasNext && page.nextCursor) result.push({ label: t.common.next, role: 'page', command: line({ after: page.nextCursor }) });
  return result;
}
