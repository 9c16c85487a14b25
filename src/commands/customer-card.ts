/**
 * The customer card across providers (DESIGN.md, "One customer across
 * providers"): the Love&Pay profile and payments, then everything the three
 * providers know about the person's verification, newest first, each with
 * its outcome, the reason in words, when the verdict came, its age and a
 * dashboard link:
 * - Love&Pay sessions, from the store's index (Love&Pay cannot list sessions
 *   by customer; the index holds every session the sweeps and lookups saw);
 * - Stripe sessions whose client_reference_id holds the customer's
 *   STRIPE_CLIENT_REFERENCE field, asked from Stripe's list;
 * - Bank 131 checks whose participant.reference holds the customer's
 *   BANK131_PARTICIPANT_REFERENCE field, from the index (Bank 131 has no
 *   list: only checks looked up or watched here are known, and the card says so).
 * A provider that cannot be asked costs its part of the card, not the card.
 */
import type { ProviderName } from '../domain/outcome.js';
import type { Field, ListItem, Note, Reply } from '../domain/reply.js';
import { indexReference, type VerificationRecord } from '../domain/verification.js';
import type { CustomerDetail, Payment } from '../providers/loveandpay/schemas.js';
import { stripeSessionRecord } from '../providers/stripe/verification-record.js';
import { CHECK_OVERDUE_MS, explainCheckError } from './check.js';
import { customerCard } from './customer-fields.js';
import { explainProviderError } from './explain-provider-error.js';
import type { CustomerField, HandlerContext } from './handlers.js';
import { isProviderError } from '../providers/errors.js';
import { dashboardLinks, field, shortId, shownTime, verdictTime } from './present.js';
import { explainStripeCode } from './stripe-session.js';

/** Verifications shown per provider: the newest, which are what a review needs. */
const PER_PROVIDER = 5;
/** Stripe sessions asked for one customer: a person rarely has more. */
const STRIPE_LIMIT = 20;

/** A verification as the card shows it, whichever provider and source it came from. */
interface Shown extends VerificationRecord {
  firstSeenAt?: Date;
}

export async function crossProviderCard(customer: CustomerDetail, context: HandlerContext, more: Field[]): Promise<Reply> {
  const { t, format } = context;
  const [loveandpay, stripe, bank131] = await Promise.all([
    indexed('loveandpay', customer.id, context),
    stripeSessions(customer, context),
    indexed('bank131', referenceOf(customer, context.settings.references?.bank131), context),
  ]);
  const verifications = [...loveandpay.rows, ...stripe.rows, ...bank131.rows].sort((a, b) => sortTime(b) - sortTime(a));
  const base = customerCard(customer, context, [
    ...field(t.customer.kycVerifiedAt, shownTime(customer.kycVerifiedAt, context)),
    ...field(t.customer.averageAmount, customer.averageAmount === null ? null : format.rubles(customer.averageAmount)),
    ...more,
  ]);
  const notes: Note[] = [
    ...(customer.isBlocked ? [{ tone: 'warning' as const, text: t.customer.blockedNote }] : []),
    ...(verifications.length ? [] : [{ tone: 'info' as const, text: t.customer.noVerifications }]),
    ...loveandpay.notes,
    ...stripe.notes,
    ...bank131.notes,
    ...(customer.recentPayments.length ? [] : [{ tone: 'info' as const, text: t.customer.noRecentPayments }]),
  ];
  return {
    ...base,
    items: [...verifications.map((row) => verificationItem(row, context)), ...customer.recentPayments.map((payment) => paymentItem(payment, context))],
    notes,
    footer: [t.common.timesIn(format.timeZone)],
  };
}

interface Part {
  rows: Shown[];
  notes: Note[];
}

/** What a provider's reference holds for this customer (the customer id unless configured otherwise). */
function referenceOf(customer: CustomerDetail, field: CustomerField = 'customer_id'): string | null {
  if (field === 'email') return customer.email;
  if (field === 'phone') return customer.phone;
  return customer.id;
}

async function indexed(provider: 'loveandpay' | 'bank131', reference: string | null, context: HandlerContext): Promise<Part> {
  const { t } = context;
  const explain = provider === 'bank131' ? [{ tone: 'info' as const, text: t.customer.bank131Known }] : [];
  const key = indexReference(reference);
  if (!context.index) return { rows: [], notes: [{ tone: 'info', text: t.customer.noIndex }] };
  if (!key) return { rows: [], notes: explain };
  const rows = await context.index.verificationsOf({ provider, customerRef: key, limit: PER_PROVIDER });
  return { rows, notes: explain };
}

async function stripeSessions(customer: CustomerDetail, context: HandlerContext): Promise<Part> {
  const { t } = context;
  const client = context.providers.stripe;
  const reference = referenceOf(customer, context.settings.references?.stripe);
  if (!client || !reference) return { rows: [], notes: [] };
  try {
    const page = await client.listVerificationSessions({ clientReferenceId: reference, limit: STRIPE_LIMIT });
    // Stripe filters on the reference; a session of someone else would be the worst row a card could show.
    const records = page.items.filter((session) => session.client_reference_id === reference).map((session) => stripeSessionRecord(session));
    await context.remember(records);
    // Stripe's session says nothing of when its verdict came; the index may know (from the sweep's events).
    const known = new Map((await context.index?.getVerifications('stripe', records.map((r) => r.objectId)))?.map((row) => [row.objectId, row]) ?? []);
    const rows = records.map((record) => {
      const row = known.get(record.objectId);
      return row && row.outcome === record.outcome ? { ...record, decidedAt: row.decidedAt } : record;
    });
    return { rows: rows.slice(0, PER_PROVIDER), notes: [] };
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return { rows: [], notes: [{ tone: 'warning', text: t.customer.providerFailed(explainProviderError(error, t).sentence) }] };
  }
}

const sortTime = (row: Shown): number => (row.decidedAt ?? row.startedAt ?? row.firstSeenAt)?.getTime() ?? 0;

const OPEN: Record<ProviderName, (id: string) => string> = {
  loveandpay: (id) => `/kyc ${id}`,
  stripe: (id) => `/kyc ${id}`,
  bank131: (id) => `/check ${id}`,
};

function verificationItem(row: Shown, context: HandlerContext): ListItem {
  const { t, now } = context;
  const reason = row.reason ? reasonText(row.provider, row.reason, context) : null;
  // A Bank 131 answer has no dates: the bot's first sight is the check's only one.
  const time = verdictTime(row, context) ?? (row.firstSeenAt ? t.customer.firstSeen(shownTime(row.firstSeenAt, context)!) : null);
  const overdue =
    row.provider === 'bank131' && row.outcome === 'PENDING' && row.firstSeenAt && now().getTime() - row.firstSeenAt.getTime() > CHECK_OVERDUE_MS;
  const links = dashboardLinks(row.provider, row.objectId, context);
  return {
    title: t.customer.verificationTitle[row.provider](row.provider === 'loveandpay' ? shortId(row.objectId) : row.objectId),
    text: [reason, time, overdue ? t.customer.overdue : null].filter(Boolean).join(' · '),
    badge: { outcome: row.outcome, native: row.native },
    command: OPEN[row.provider](row.objectId),
    ...(links.length ? { links } : {}),
  };
}

function reasonText(provider: ProviderName, code: string, { t }: HandlerContext): string {
  if (provider === 'stripe') return explainStripeCode(code, t);
  if (provider === 'bank131') return `${explainCheckError(code, t)} (${code})`;
  return code;
}

/** Live recentPayments carry `{id, invoiceNumber, amount, status, paidAt}`: no invoice id to link. */
function paymentItem(payment: Payment, context: HandlerContext): ListItem {
  const { t, format } = context;
  const paid = shownTime(payment.paidAt, context);
  return {
    title: payment.amount === null ? t.common.none : format.rubles(payment.amount),
    text: [payment.status, payment.invoiceNumber && t.customer.invoiceNumber(payment.invoiceNumber), paid && t.customer.paidAt(paid)]
      .filter(Boolean)
      .join(' · '),
  };
}
