/**
 * `/kyc`, `/kyc approved`, `/kyc invoice <uuid>`, `since:7d`: the newest
 * Love&Pay sessions and how many there are per status.
 *
 * Without a window, rows come in Love&Pay's order (newest first) and the
 * counts are all-time, read from each status's pagination total with limit=1
 * so they cost almost nothing. With `since:`, Love&Pay cannot filter by time,
 * so its newest pages are read (at most SCAN_PAGES of 100) and both the rows
 * and the counts cover the window: a session counts when its verdict came in
 * it, or, with no verdict yet, when it started in it; rows are sorted by that
 * time. Verdict times are Love&Pay's verifiedAt for approvals and, for the
 * rest, what the index of verifications knows.
 */
import { loveAndPayOutcome } from '../domain/outcome.js';
import type { Badge, ItemLink, ListItem, Note, Reply } from '../domain/reply.js';
import type { LoveAndPayClient } from '../providers/loveandpay/client.js';
import { verifiedName, type KycSession } from '../providers/loveandpay/schemas.js';
import { loveAndPaySessionRecord } from '../providers/loveandpay/verification-record.js';
import { type Handler, type HandlerContext, type KycListRequest, needProvider } from './handlers.js';
import { rememberFrom, renderedOnce } from './object-memo.js';
import { offsetFor, pageActions, pageCount, pageNotes, PAGE_SIZE } from './paging.js';
import { contactLine, customerCommand, dashboardLinks, invoiceCommand, shortId, verdictTime } from './present.js';
import type { LoveAndPayStatus } from './request.js';
import { scanNewest } from './scan-newest.js';
import { sinceInstant } from './time-window.js';

const STATUSES: readonly LoveAndPayStatus[] = ['APPROVED', 'DECLINED', 'IN_PROGRESS', 'NOT_STARTED', 'EXPIRED'];
/**
 * How far before the window the scan reads on: a session started the day
 * before may have got its verdict inside the window (Love&Pay's
 * verification link lives about a day).
 */
const LOOKBACK_MS = 86_400_000;

export const kycList: Handler<KycListRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  return request.since ? windowedList(client, request, context) : allTimeList(client, request, context);
};

async function allTimeList(client: LoveAndPayClient, request: KycListRequest, context: HandlerContext): Promise<Reply> {
  const { status, invoiceId } = request;
  const [page, counts] = await Promise.all([
    client.listKycSessions({ status, invoiceId, limit: PAGE_SIZE, offset: offsetFor(request.page) }),
    Promise.allSettled(STATUSES.map((each) => client.listKycSessions({ status: each, invoiceId, limit: 1 }))),
  ]);
  const total = page.pagination.total;
  if (total === 0 && invoiceId && !status) await client.getInvoice(invoiceId); // An unknown invoice is not found, not empty.
  // The click on a page read ahead shows the read-ahead's render of these very answers (object-memo.ts).
  const answers = [page.items, page.pagination, ...counts.map((count) => (count.status === 'fulfilled' ? count.value.pagination : null))];
  const reply = await renderedOnce(context, answers, JSON.stringify(request), async (format) => {
    const shown = { ...context, format };
    const { t } = shown;
    const byStatus = STATUSES.flatMap((each, i) => {
      const count = counts[i];
      return count?.status === 'fulfilled' ? [`${t.kycList.statuses[each]} ${format.number(count.value.pagination.total)}`] : [];
    });
    const notes: Note[] = byStatus.length < STATUSES.length ? [{ tone: 'warning', text: t.kycList.countsMissing }] : [];
    const decided = await decisionTimes(page.items, shown);
    return listReply(request, shown, {
      rows: page.items.map((session) => item(session, decided.get(session.id) ?? null, shown)),
      total,
      counts: byStatus,
      window: t.kycList.allTime,
      notes,
    });
  });
  await rememberFrom(context, page.items, (session) => loveAndPaySessionRecord(session));
  return reply;
}

async function windowedList(client: LoveAndPayClient, request: KycListRequest, context: HandlerContext): Promise<Reply> {
  const { t, format, now, settings } = context;
  const from = sinceInstant(request.since!, now(), settings.timeZone);
  const readPage = (limit: number, offset: number) => client.listKycSessions({ invoiceId: request.invoiceId, limit, offset });
  const scan = await scanNewest(readPage, from.getTime() - LOOKBACK_MS);
  const decided = await decisionTimes(scan.items, context);
  if (scan.items.length === 0 && request.invoiceId) await client.getInvoice(request.invoiceId);
  const whenOf = (session: KycSession) => decided.get(session.id)?.getTime() ?? (Date.parse(session.createdAt ?? '') || 0);
  const inWindow = scan.items.filter((session) => whenOf(session) >= from.getTime());
  const counts = STATUSES.map((each) => `${t.kycList.statuses[each]} ${format.number(inWindow.filter((s) => s.status === each).length)}`);
  const rows = inWindow.filter((session) => !request.status || session.status === request.status).sort((a, b) => whenOf(b) - whenOf(a));
  const shown = rows.slice(offsetFor(request.page), offsetFor(request.page) + PAGE_SIZE);
  await rememberFrom(context, shown, (session) => loveAndPaySessionRecord(session));
  return listReply(request, context, {
    rows: shown.map((session) => item(session, decided.get(session.id) ?? null, context)),
    total: rows.length,
    counts,
    window: t.common.since(format.dateTime(from)),
    notes: scan.complete ? [] : [{ tone: 'info', text: t.kycList.scanCut(format.count(scan.items.length, t.kycList.sessionForms)) }],
  });
}

interface ListParts {
  rows: ListItem[];
  total: number;
  counts: string[];
  /** What the counts cover: "all time" or "since 22 Feb 2025, 00:00". */
  window: string;
  notes: Note[];
}

function listReply(request: KycListRequest, context: HandlerContext, parts: ListParts): Reply {
  const { t, format } = context;
  const pages = pageCount(parts.total);
  const empty = parts.total === 0 ? [{ tone: 'info' as const, text: request.invoiceId ? t.kycList.emptyInvoice : t.kycList.empty }] : [];
  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: parts.rows,
    fields: parts.counts.length ? [{ label: t.kycList.byStatus(parts.window), value: parts.counts.join(' · ') }] : [],
    notes: [...empty, ...pageNotes(request.page, pages, parts.rows.length, t), ...parts.notes],
    actions: pageActions(request, pages, t),
    footer: [
      ...(request.page <= pages ? [t.common.page(request.page, pages)] : []),
      t.kycList.total(format.count(parts.total, t.kycList.sessionForms), parts.window),
      t.common.timesIn(format.timeZone),
    ],
  };
  const badge: Badge | undefined = request.status ? { ...loveAndPayOutcome(request.status) } : undefined;
  return badge ? { ...reply, badge } : reply;
}

/**
 * When each finished session got its verdict: Love&Pay's verifiedAt, else the
 * index's decision time, read once per session the answer cache keeps
 * (object-memo.ts: the click on a page read ahead reads nothing).
 */
async function decisionTimes(sessions: readonly KycSession[], context: HandlerContext): Promise<Map<string, Date>> {
  const times = new Map<string, Date>();
  const unknown: KycSession[] = [];
  for (const session of sessions) {
    const verifiedAt = session.verification?.verifiedAt;
    if (verifiedAt && !Number.isNaN(Date.parse(verifiedAt))) times.set(session.id, new Date(verifiedAt));
    else if (loveAndPayOutcome(session.status).outcome !== 'PENDING') unknown.push(session);
  }
  const unread: KycSession[] = [];
  for (const session of unknown) {
    const kept = context.memo.get<Date | null>(session, DECIDED_AT);
    if (kept === undefined) unread.push(session);
    else if (kept) times.set(session.id, kept);
  }
  if (unread.length && context.index) {
    const rows = new Map((await context.index.getVerifications('loveandpay', unread.map((session) => session.id))).map((row) => [row.objectId, row]));
    for (const session of unread) {
      const row = rows.get(session.id);
      const decidedAt = row?.decidedAt && row.outcome !== 'PENDING' ? row.decidedAt : null;
      if (decidedAt) times.set(session.id, decidedAt);
      context.memo.set(session, DECIDED_AT, decidedAt);
    }
  }
  return times;
}

const DECIDED_AT = 'decided-at';

function title(request: KycListRequest, { t }: HandlerContext): string {
  const status = request.status && t.kycList.statuses[request.status];
  if (request.invoiceId) {
    const base = t.kycList.titleInvoice(shortId(request.invoiceId));
    return status ? `${base}: ${status}` : base;
  }
  return status ? t.kycList.titleStatus(status) : t.kycList.title;
}

/** A row: the verified name once there is one, contacts, when; linked to its detail, customer, invoice and dashboard. */
function item(session: KycSession, decidedAt: Date | null, context: HandlerContext): ListItem {
  const { mask } = context;
  const name = verifiedName(session.verification);
  const who = contactLine(mask, { email: session.customerEmail, phone: session.customerPhone });
  const links = relatedLinks(session, context);
  return {
    title: shortId(session.id),
    text: [name && mask.name(name), who, verdictTime({ decidedAt, startedAt: session.createdAt }, context)].filter(Boolean).join(' · '),
    badge: loveAndPayOutcome(session.status),
    command: `/kyc ${session.id}`,
    ...(links.length ? { links } : {}),
  };
}

function relatedLinks(session: KycSession, context: HandlerContext): ItemLink[] {
  const { t } = context;
  const toCustomer = customerCommand(session.customerId);
  const toInvoice = invoiceCommand(session.invoiceId);
  return [
    ...(toCustomer ? [{ label: t.common.customer, command: toCustomer }] : []),
    ...(toInvoice ? [{ label: t.common.invoice, command: toInvoice }] : []),
    ...dashboardLinks('loveandpay', session.id, context),
  ];
}
