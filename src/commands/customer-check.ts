/**
 * `/customer +7 999 123-45-67`, `/customer a@b.ru`: is there a customer with
 * this phone or email? Love&Pay's check answers with five fields of the
 * customer it found and whether their KYC is verified (DESIGN.md).
 */
import type { Reply } from '../domain/reply.js';
import type { Handler } from './context.js';
import { customerFields, customerKycOutcome, customerName } from './customer-fields.js';
import type { CustomerCheckRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { field } from './present.js';

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
  const reply: Reply = {
    kind: 'ok',
    title: t.customer.title(customerName(customer, context)),
    badge: customerKycOutcome(customer.kycStatus),
    fields: [
      ...customerFields(customer, context),
      ...field(t.customer.kycVerified, verified === null ? null : verified ? t.common.yes : t.common.no),
      ...field(t.customer.foundBy, what),
    ],
    actions: [{ label: t.customer.open, role: 'open', command: `/customer ${customer.id}` }],
  };
  return reply;
};
