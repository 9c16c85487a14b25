/**
 * `/customer ...` (DESIGN.md, "Commands"): Love&Pay customers found by name
 * or filters a page at a time, one customer by phone or email (Love&Pay's
 * check, which answers with five fields and whether their KYC is verified),
 * and one customer by id with averages and recent payments.
 */
import type { ListItem, Reply } from '../domain/reply.js';
import type { Payment } from '../providers/loveandpay/schemas.js';
import { customerCard, customerKycOutcome, customerName, customerSummary } from './customer-fields.js';
import {
  needProvider,
  type CustomerCheckRequest,
  type CustomerDetailRequest,
  type CustomerSearchRequest,
  type Handler,
  type HandlerContext,
} from './handlers.js';
import { offsetFor, pageActions, pageCount, PAGE_SIZE } from './paging.js';
import { field } from './present.js';

/** `/customer <name>`, `/customer kyc:verified level:2`: Love&Pay customers, a page at a time. */
export const customerSearch: Handler<CustomerSearchRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const viewerSearch = !context.caller.isAdmin && request.search !== undefined;
  if (viewerSearch && !isViewerSearchAllowed(request.search!)) {
    return { kind: 'refused', title: context.t.customer.searchRefused };
  }
  const page = await client.listCustomers({
    search: request.search,
    kycStatus: request.kycStatus,
    trustLevel: request.trustLevel,
    limit: PAGE_SIZE,
    offset: offsetFor(request.page),
  });
  const { t, format } = context;
  const total = page.pagination.total;
  const pages = pageCount(total);
  // A viewer sees name matches only (nameMatches, below); the provider's total would count the others, so it is left out.
  const shown = viewerSearch ? page.items.filter((customer) => nameMatches(customer.fullName, request.search!)) : page.items;
  const empty = total > 0 && !viewerSearch ? t.kycList.pageMissing(request.page, pages) : t.customer.empty;
  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: shown.map((customer) => ({
      title: customerName(customer, context),
      text: customerSummary(customer, context),
      badge: customerKycOutcome(customer.kycStatus),
      command: `/customer ${customer.id}`,
    })),
    notes: [...(shown.length ? [] : [{ tone: 'info' as const, text: empty }]), ...(viewerSearch ? [{ tone: 'info' as const, text: t.customer.namesOnly }] : [])],
    actions: pageActions(request, pages, t),
    footer: viewerSearch
      ? [t.common.page(Math.min(request.page, pages), pages)]
      : [t.common.page(Math.min(request.page, pages), pages), t.customer.total(format.number(total))],
  };
  return reply;
};

/** The search words were typed by the caller, so echoing them shows nothing new. */
function title(request: CustomerSearchRequest, { t }: HandlerContext): string {
  const filters = [
    request.search && `"${request.search}"`,
    request.kycStatus && `kyc:${request.kycStatus.toLowerCase()}`,
    request.trustLevel && `level:${request.trustLevel.replace('LEVEL_', '').toLowerCase()}`,
  ].filter(Boolean);
  return filters.length ? t.customer.searchTitleFor(filters.join(' ')) : t.customer.searchTitle;
}

/** `/customer +7 999 123-45-67`, `/customer a@b.ru`: is there a customer with this phone or email? */
export const customerCheck: Handler<CustomerCheckRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const { t, mask } = context;
  const { phone, email = '' } = request;
  const result = await client.checkCustomer(phone ? { phone } : { email });
  const what = phone ? mask.phone(phone) : mask.email(email);
  if (!result.exists || !result.customer) {
    return { kind: 'not_found', title: t.customer.checkTitle(what), notes: [{ tone: 'info', text: t.customer.notFoundBy(what) }] };
  }
  const customer = result.customer;
  const verified = result.kycVerified;
  return {
    ...customerCard(customer, context, [
      ...field(t.customer.kycVerified, verified === null ? null : verified ? t.common.yes : t.common.no),
      ...field(t.customer.foundBy, what),
    ]),
    actions: [{ label: t.customer.open, role: 'open', command: `/customer ${customer.id}` }],
  };
};

/** `/customer <uuid>`: one Love&Pay customer with averages and recent payments. */
export const customerDetail: Handler<CustomerDetailRequest> = async (request, context) => {
  const customer = await needProvider(context.providers, 'loveandpay').getCustomer(request.id);
  const { t, format } = context;
  const reply: Reply = {
    ...customerCard(customer, context, [
      ...field(t.customer.kycVerifiedAt, customer.kycVerifiedAt && format.dateTime(customer.kycVerifiedAt)),
      ...field(t.customer.averageAmount, customer.averageAmount === null ? null : format.rubles(customer.averageAmount)),
    ]),
    items: customer.recentPayments.map((payment) => paymentItem(payment, context)),
    notes: [
      ...(customer.isBlocked ? [{ tone: 'warning' as const, text: t.customer.blockedNote }] : []),
      ...(customer.recentPayments.length ? [] : [{ tone: 'info' as const, text: t.customer.noRecentPayments }]),
    ],
    footer: [t.common.timesIn(format.timeZone)],
  };
  return reply;
};

/** Live recentPayments carry `{id, invoiceNumber, amount, status, paidAt}`: no invoice id to link. */
function paymentItem(payment: Payment, { t, format }: HandlerContext): ListItem {
  return {
    title: payment.amount === null ? t.common.none : format.rubles(payment.amount),
    text: [
      payment.status,
      payment.invoiceNumber && t.customer.invoiceNumber(payment.invoiceNumber),
      payment.paidAt && t.customer.paidAt(format.dateTime(payment.paidAt)),
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

// --- what a viewer may search by -------------------------------------------
// What a viewer (not an admin) may search customers by (DESIGN.md, "Data
// protection": masking must not be undone by searching). Love&Pay's search
// matches names, emails and phones by substring, so a viewer who could search
// `9991` or `iuliia.zhukova` would learn hidden digits or confirm a masked
// email one guess at a time. For viewers:
// - a search with digits or an email's punctuation (`.`, `_`, `@`) is refused:
//   a full phone, a full email or an id looks one customer up instead;
// - of what the provider finds, only customers whose name holds every word
//   of the search are shown, so a Latin word cannot probe an email's local
//   part letter by letter either.

/** Digits (any script) or the characters that join the parts of an email address. */
const NOT_A_NAME = /[\p{N}._@+]/u;

function isViewerSearchAllowed(search: string): boolean {
  return !NOT_A_NAME.test(search);
}

/** Case- and ё/е-insensitive: every word of the search appears in the name. */
function nameMatches(fullName: string | null | undefined, search: string): boolean {
  if (!fullName) return false;
  const name = fold(fullName);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => name.includes(word));
}

const fold = (text: string): string => text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
