/**
 * `/receipt <uuid>`: how Love&Pay read a payment receipt (loveandpay-get-receipt):
 * verified vs extracted amount, date, bank, payment type, OCR confidence,
 * rejection reason, and links to the image and the invoice's sessions.
 * The invoice is fetched too: when nothing was verified, its amount is what
 * the receipt's amount must match.
 */
import type { Status } from '../domain/outcome.js';
import type { Action, Field, Note, Reply } from '../domain/reply.js';
import type { LoveAndPayClient } from '../providers/loveandpay/client.js';
import type { Invoice, Receipt } from '../providers/loveandpay/schemas.js';
import { type Handler, type HandlerContext, needProvider, type ReceiptRequest } from './handlers.js';
import { field, invoiceCommand, shortId, shownTime } from './present.js';
import { own } from '../domain/own.js';

/** Only APPROVED is documented; the others are the sandbox's and likely live values, open-ended. */
const RECEIPT_OUTCOME: Record<string, Status['outcome']> = {
  APPROVED: 'APPROVED',
  VERIFIED: 'APPROVED',
  REJECTED: 'DECLINED',
  DECLINED: 'DECLINED',
  PENDING: 'PENDING',
  PROCESSING: 'PENDING',
};

/** Our own threshold, not the provider's: below it a person should look at the image. */
const LOW_CONFIDENCE = 0.8;

interface Amounts {
  extracted: number | null;
  /** What the extracted amount must equal: the verified amount, else the invoice's. */
  expected: { value: number; source: 'verified' | 'invoice' } | null;
  mismatch: boolean;
}

export const receipt: Handler<ReceiptRequest> = async (request, context) => {
  const client = needProvider(context.providers, 'loveandpay');
  const found = await client.getReceipt(request.id);
  const invoice = await invoiceOf(client, found);
  const { t, format } = context;
  const details = found.verificationDetails;
  const amounts = compare(found, invoice.value);
  const toInvoice = invoiceCommand(found.invoiceId);
  const money = (value: number | null | undefined) => (value === null || value === undefined ? null : format.rubles(value));
  const extracted = money(amounts.extracted);
  // The image shows the payer's name, card and bank: admins only, never in a shared copy.
  const image = context.mask.adminOnly(found.imageUrl);

  const fields: Field[] = [
    { label: t.common.id, value: found.id, mono: true },
    ...field(t.receipt.verifiedAmount, money(found.verifiedAmount)),
    ...field(t.receipt.extractedAmount, extracted && `${extracted}${amounts.mismatch ? ' ⚠' : ''}`),
    ...field(t.receipt.extractedDate, details?.extractedDate && format.day(details.extractedDate)),
    ...field(t.receipt.bank, details?.bank),
    ...field(t.receipt.paymentType, details?.paymentType),
    ...field(t.receipt.confidence, details?.confidence == null ? null : format.percent(details.confidence)),
    ...field(t.receipt.rejectionReason, details?.rejectionReason),
    ...field(t.receipt.image, image, { link: image ? { url: image } : undefined }),
    ...field(t.common.invoice, found.invoiceId, { mono: true, link: toInvoice ? { command: toInvoice } : undefined }),
    ...field(t.receipt.invoiceNumber, invoice.value?.invoiceNumber, { mono: true }),
    ...field(t.receipt.invoiceStatus, invoice.value?.status),
    ...field(t.receipt.invoiceAmount, invoice.value && invoiceAmount(invoice.value, context)),
    ...field(t.receipt.verifiedAt, shownTime(found.verifiedAt, context)),
    ...field(t.common.created, shownTime(found.createdAt, context)),
  ];

  const actions: Action[] = [];
  if (image) actions.push({ label: t.receipt.openImage, role: 'open', url: image });
  if (toInvoice) actions.push({ label: t.receipt.invoiceSessions, role: 'open', command: toInvoice });

  const reply: Reply = {
    kind: 'ok',
    title: t.receipt.title(shortId(found.id)),
    badge: { outcome: own(RECEIPT_OUTCOME, found.status) ?? 'UNKNOWN', native: found.status },
    fields,
    notes: [...notes(found, amounts, context), ...(invoice.failed ? [{ tone: 'warning' as const, text: t.receipt.invoiceMissing }] : [])],
    actions,
    footer: [t.common.timesIn(format.timeZone)],
  };
  return reply;
};

/** The receipt is the answer; a failed invoice lookup only costs the comparison, and the reply says so. */
async function invoiceOf(client: LoveAndPayClient, found: Receipt): Promise<{ value: Invoice | null; failed: boolean }> {
  if (!found.invoiceId) return { value: null, failed: false };
  try {
    return { value: await client.getInvoice(found.invoiceId), failed: false };
  } catch {
    return { value: null, failed: true };
  }
}

function compare(found: Receipt, invoice: Invoice | null): Amounts {
  const extracted = found.verificationDetails?.extractedAmount ?? null;
  const expected =
    found.verifiedAmount !== null
      ? { value: found.verifiedAmount, source: 'verified' as const }
      : invoice?.amount != null
        ? { value: invoice.amount, source: 'invoice' as const }
        : null;
  // Kopecks are the smallest unit; anything below half a kopeck is float noise.
  const mismatch = extracted !== null && expected !== null && Math.abs(expected.value - extracted) >= 0.005;
  return { extracted, expected, mismatch };
}

/** Rubles unless the invoice names another currency. */
function invoiceAmount(invoice: Invoice, { format }: HandlerContext): string | null {
  if (invoice.amount === null) return null;
  const currency = invoice.currency ?? 'RUB';
  return currency === 'RUB' ? format.rubles(invoice.amount) : `${format.number(invoice.amount)} ${currency}`;
}

function notes(found: Receipt, amounts: Amounts, { t, format }: HandlerContext): Note[] {
  const result: Note[] = [];
  if (amounts.mismatch && amounts.extracted !== null && amounts.expected) {
    const extracted = format.rubles(amounts.extracted);
    const expected = format.rubles(amounts.expected.value);
    const text =
      amounts.expected.source === 'verified'
        ? t.receipt.mismatch(extracted, expected)
        : t.receipt.mismatchInvoice(extracted, expected);
    result.push({ tone: 'warning', text });
  }
  const confidence = found.verificationDetails?.confidence;
  if (confidence != null && confidence < LOW_CONFIDENCE) {
    result.push({ tone: 'warning', text: t.receipt.lowConfidence(format.percent(confidence)) });
  }
  return result;
}
