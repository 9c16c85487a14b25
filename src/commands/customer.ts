/**
 * `/customer ...` (DESIGN.md, "Commands"): Love&Pay customers found by name
 * or filters a page at a time, and one customer's card across providers
 * (customer-card.ts) reached by id (or a short one), phone, email (Love&Pay's
 * check), or a name only one customer has.
 */
import type { Note, Reply } from '../domain/reply.js';
import type { LoveAndPayClient } from '../providers/loveandpay/client.js';
import type { Customer } from '../providers/loveandpay/schemas.js';
import { crossProviderCard } from './customer-card.js';
import { customerKycOutcome, customerName, customerSummary } from './customer-fields.js';
import {
  needProvider,
  type CustomerCheckRequest,
  type CustomerDetailRequest,
  type CustomerSearchRequest,
  type Handler,
  type HandlerContext,
} from './handlers.js';
import { offsetFor, pageActions, pageCount, pageNotes, PAGE_SIZE } from './paging.js';
import { field } from './present.js';
import { scanNewest } from './scan-newest.js';
import { resolveShortId } from './short-id.js';
import { sinceInstant } from './time-window.js';

/** `/customer <name>`, `/customer kyc:verified level:2`, `since:30d`: Love&Pay customers, a page at a time; one match is its card. */
export const customerSearch: Handler<CustomerSearchRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const viewerSearch = !context.caller.isAdmin && request.search !== undefined;
  if (viewerSearch && !isViewerSearchAllowed(request.search!)) {
    return { kind: 'refused', title: context.t.customer.searchRefused };
  }
  const found = request.since ? await windowedSearch(client, request, context) : await pagedSearch(client, request);
  const { t, format } = context;
  // A viewer sees name matches only (nameMatches, below); the provider's total would count the others, so it is left out.
  const shown = viewerSearch ? found.items.filter((customer) => nameMatches(customer.fullName, request.search!)) : found.items;
  // A name only one customer has is that customer: their card, not a list of one.
  if (request.search && request.page === 1 && shown.length === 1 && (viewerSearch || found.total === 1)) {
    const customer = await client.getCustomer(shown[0]!.id);
    return crossProviderCard(customer, context, []);
  }
  const pages = pageCount(found.total);
  const window = request.since ? t.common.since(format.dateTime(sinceInstant(request.since, context.now(), context.settings.timeZone))) : t.kycList.allTime;
  const notes: Note[] = [
    ...(found.total === 0 || (viewerSearch && shown.length === 0) ? [{ tone: 'info' as const, text: t.customer.empty }] : []),
    ...(viewerSearch ? [] : pageNotes(request.page, pages, shown.length, t)),
    ...(viewerSearch ? [{ tone: 'info' as const, text: t.customer.namesOnly }] : []),
    ...(found.complete ? [] : [{ tone: 'info' as const, text: t.customer.scanCut(format.count(found.scanned, t.customer.customerForms)) }]),
  ];
  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: shown.map((customer) => ({
      title: customerName(customer, context),
      text: customerSummary(customer, context),
      badge: customerKycOutcome(customer.kycStatus),
      command: `/customer ${customer.id}`,
    })),
    notes,
    actions: pageActions(request, pages, t),
    footer: [
      ...(request.page <= pages ? [t.common.page(request.page, pages)] : []),
      ...(viewerSearch ? [] : [t.customer.total(format.count(found.total, t.customer.customerForms), window)]),
    ],
  };
  return reply;
};

interface Found {
  items: Customer[];
  total: number;
  complete: boolean;
  scanned: number;
}

async function pagedSearch(client: LoveAndPayClient, request: CustomerSearchRequest): Promise<Found> {
  const page = await client.listCustomers({ ...filters(request), limit: PAGE_SIZE, offset: offsetFor(request.page) });
  return { items: page.items, total: page.pagination.total, complete: true, scanned: 0 };
}

/** Love&Pay cannot filter customers by time: its newest pages are read back to the window's start (customers who joined in it). */
async function windowedSearch(client: LoveAndPayClient, request: CustomerSearchRequest, context: HandlerContext): Promise<Found> {
  const from = sinceInstant(request.since!, context.now(), context.settings.timeZone).getTime();
  const readPage = (limit: number, offset: number) => client.listCustomers({ ...filters(request), limit, offset });
  const { items: joined, complete, scanned } = await scanNewest(readPage, from);
  const start = offsetFor(request.page);
  return { items: joined.slice(start, start + PAGE_SIZE), total: joined.length, complete, scanned };
}

const filters = (request: CustomerSearchRequest) => ({
  search: request.search,
  kycStatus: request.kycStatus,
  trustLevel: request.trustLevel,
});

/** The search words were typed by the caller, so echoing them shows nothing new. */
function title(request: CustomerSearchRequest, { t }: HandlerContext): string {
  const filters = [
    request.search && `"${request.search}"`,
    request.kycStatus && `kyc:${request.kycStatus.toLowerCase()}`,
    request.trustLevel && `level:${request.trustLevel.replace('LEVEL_', '').toLowerCase()}`,
    request.since && `since:${request.since}`,
  ].filter(Boolean);
  return filters.length ? t.customer.searchTitleFor(filters.join(' ')) : t.customer.searchTitle;
}

/** `/customer +7 999 123-45-67`, `/customer a@b.ru`: the customer with this phone or email, as their card. */
export const customerCheck: Handler<CustomerCheckRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const { t, mask } = context;
  const { phone, email = '' } = request;
  const result = await client.checkCustomer(phone ? { phone } : { email });
  const what = phone ? mask.phone(phone) : mask.email(email);
  if (!result.exists || !result.customer) {
    return { kind: 'not_found', title: t.customer.checkTitle(what), notes: [{ tone: 'info', text: t.customer.notFoundBy(what) }] };
  }
  const verified = result.kycVerified;
  const customer = await client.getCustomer(result.customer.id);
  return crossProviderCard(customer, context, [
    ...field(t.customer.kycVerified, verified === null ? null : verified ? t.common.yes : t.common.no),
    ...field(t.customer.foundBy, what),
  ]);
};

/** `/customer <uuid>` (or its first 8+ characters): the customer's card across providers. */
export const customerDetail: Handler<CustomerDetailRequest> = async (request, context) => {
  const id = await resolveShortId(request.id, 'customer', context);
  if (typeof id !== 'string') return id;
  const customer = await needProvider(context.providers, 'loveandpay').getCustomer(id);
  return crossProviderCard(customer, context, []);
};

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
