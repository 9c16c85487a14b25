/** `/customer <uuid>`: one Love&Pay customer with averages and recent payments. */
import type { ListItem, Reply } from '../domain/reply.js';
import type { Payment } from '../providers/loveandpay/schemas.js';
import type { Handler, HandlerContext } from './context.js';
import { customerFields, customerKycOutcome, customerName } from './customer-fields.js';
import type { CustomerDetailRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { field } from './present.js';

export const customerDetail: Handler<CustomerDetailRequest> = async (request, context) => {
  const customer = await needProvider(context.providers, 'loveandpay').getCustomer(request.id);
  const { t, format } = context;
  const reply: Reply = {
    kind: 'ok',
    title: t.customer.title(customerName(customer, context)),
    badge: customerKycOutcome(customer.kycStatus),
    fields: [
      ...customerFields(customer, context),
      ...field(t.customer.kycVerifiedAt, customer.kycVerifiedAt && format.dateTime(customer.kycVerifiedAt)),
      ...field(t.customer.averageAmount, customer.averageAmount === null ? null : format.rubles(customer.averageAmount)),
    ],
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
