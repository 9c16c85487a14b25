/** `/customer <name>`, `/customer kyc:verified level:2`: Love&Pay customers, a page at a time. */
import type { Reply } from '../domain/reply.js';
import type { Handler, HandlerContext } from './context.js';
import { customerKycOutcome, customerName, customerSummary } from './customer-fields.js';
import type { CustomerSearchRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { offsetFor, pageActions, pageCount, PAGE_SIZE } from './paging.js';
import { isViewerSearchAllowed, nameMatches } from './viewer-search.js';

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
  // A viewer sees name matches only (viewer-search.ts); the provider's total would count the others, so it is left out.
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
