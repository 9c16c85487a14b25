/**
 * `/kyc`, `/kyc approved`, `/kyc invoice <uuid>`: the newest Love&Pay sessions
 * and how many there are per status. Counts come from each status's
 * pagination total, asked with limit=1 so they cost almost nothing.
 */
import type { Badge, ItemLink, ListItem, Note, Reply } from '../domain/reply.js';
import { loveAndPayOutcome } from '../domain/outcome.js';
import { verifiedName, type KycSession } from '../providers/loveandpay/schemas.js';
import { type Handler, type HandlerContext, type KycListRequest, needProvider } from './handlers.js';
import { offsetFor, pageActions, pageCount, PAGE_SIZE } from './paging.js';
import { contactLine, customerCommand, invoiceCommand, shortId } from './present.js';
import type { LoveAndPayStatus } from './request.js';

const STATUSES: readonly LoveAndPayStatus[] = ['APPROVED', 'DECLINED', 'IN_PROGRESS', 'NOT_STARTED', 'EXPIRED'];

export const kycList: Handler<KycListRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const { status, invoiceId } = request;
  const [page, counts] = await Promise.all([
    client.listKycSessions({ status, invoiceId, limit: PAGE_SIZE, offset: offsetFor(request.page) }),
    Promise.allSettled(STATUSES.map((each) => client.listKycSessions({ status: each, invoiceId, limit: 1 }))),
  ]);
  const { t, format } = context;
  const total = page.pagination.total;
  const pages = pageCount(total);
  const notes: Note[] = [];
  if (page.items.length === 0) {
    notes.push({ tone: 'info', text: total > 0 ? t.kycList.pageMissing(request.page, pages) : t.kycList.empty });
  }
  const byStatus = STATUSES.flatMap((each, i) => {
    const count = counts[i];
    return count?.status === 'fulfilled' ? [`${t.kycList.statuses[each]} ${format.number(count.value.pagination.total)}`] : [];
  });
  if (byStatus.length < STATUSES.length) notes.push({ tone: 'warning', text: t.kycList.countsMissing });

  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: page.items.map((session) => item(session, context)),
    fields: byStatus.length ? [{ label: t.kycList.byStatus, value: byStatus.join(' · ') }] : [],
    notes,
    actions: pageActions(request, pages, t),
    footer: [t.common.page(Math.min(request.page, pages), pages), t.kycList.total(format.number(total)), t.common.timesIn(format.timeZone)],
  };
  const badge: Badge | undefined = status ? { ...loveAndPayOutcome(status) } : undefined;
  return badge ? { ...reply, badge } : reply;
};

function title(request: KycListRequest, { t }: HandlerContext): string {
  const status = request.status && t.kycList.statuses[request.status];
  if (request.invoiceId) {
    const base = t.kycList.titleInvoice(shortId(request.invoiceId));
    return status ? `${base}: ${status}` : base;
  }
  return status ? t.kycList.titleStatus(status) : t.kycList.title;
}

/** A row: the verified name once there is one, contacts, when; linked to its detail, customer and invoice. */
function item(session: KycSession, context: HandlerContext): ListItem {
  const { mask, format } = context;
  const name = verifiedName(session.verification);
  const who = contactLine(mask, { email: session.customerEmail, phone: session.customerPhone });
  const links = relatedLinks(session, context);
  return {
    title: shortId(session.id),
    text: [name && mask.name(name), who, session.createdAt && format.dateTime(session.createdAt)].filter(Boolean).join(' · '),
    badge: loveAndPayOutcome(session.status),
    command: `/kyc ${session.id}`,
    ...(links.length ? { links } : {}),
  };
}

function relatedLinks(session: KycSession, { t }: HandlerContext): ItemLink[] {
  const toCustomer = customerCommand(session.customerId);
  const toInvoice = invoiceCommand(session.invoiceId);
  return [
    ...(toCustomer ? [{ label: t.common.customer, command: toCustomer }] : []),
    ...(toInvoice ? [{ label: t.common.invoice, command: toInvoice }] : []),
  ];
}
