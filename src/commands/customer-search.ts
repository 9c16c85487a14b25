/** `/customer <name>`, `/customer kyc:verified level:2`: Love&Pay customers, a page at a time. */
import type { Reply } from '../domain/reply.js';
import type { Handler, HandlerContext } from './context.js';
import { customerKycOutcome, customerName, customerSummary } from './customer-fields.js';
import type { CustomerSearchRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { offsetFor, pageActions, pageCount, PAGE_SIZE } from './paging.js';

export const customerSearch: Handler<CustomerSearchRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
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
  const empty = total > 0 ? t.kycList.pageMissing(request.page, pages) : t.customer.empty;
  const reply: Reply = {
    kind: 'ok',
    title: title(request, context),
    items: page.items.map((customer) => ({
      title: customerName(customer, context),
      text: customerSummary(customer, context),
      badge: customerKycOutcome(customer.kycStatus),
      command: `/customer ${customer.id}`,
    })),
    notes: page.items.length ? [] : [{ tone: 'info', text: empty }],
    actions: pageActions(request, pages, t),
    footer: [t.common.page(Math.min(request.page, pages), pages), t.customer.total(format.number(total))],
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
