import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxReceipt } from '../../src/sandbox/index.js';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness({ sandbox: { customers: 80 } });
});
afterAll(() => harness.close());

const rubles = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} ₽`;
const receipt = (test: (r: SandboxReceipt) => boolean, what: string): SandboxReceipt => {
  const found = harness.sandbox.data.receipts.find(test);
  if (!found) throw new Error(`the seed has no ${what} receipt`);
  return found;
};
const invoiceOf = (r: SandboxReceipt) => harness.sandbox.data.invoices.find((i) => i.id === r.invoiceId)!;

describe('/receipt <uuid>', () => {
  it('shows an approved receipt: amounts, date, bank, payment type, OCR confidence, image and invoice', async () => {
    const approved = receipt((r) => r.status === 'APPROVED', 'approved');
    const details = approved.verificationDetails!;
    const text = await harness.consoleText([`/receipt ${approved.id}`], admin());
    expect(text).toContain(`Receipt ${approved.id.slice(0, 8)}\nAPPROVED\n`);
    expect(text).toContain(`Verified amount: ${rubles(approved.verifiedAmount!)}`);
    expect(text).toContain(`Amount on the receipt: ${rubles(details.extractedAmount!)}\n`);
    expect(text).toContain(`Bank: ${details.bank}`);
    expect(text).toContain(`Payment type: ${details.paymentType}`);
    expect(text).toContain(`OCR confidence: ${Math.round(details.confidence * 100)}%`);
    expect(text).toContain(`Image: ${approved.imageUrl}`);
    expect(text).toContain(`Invoice: ${approved.invoiceId} → /kyc invoice ${approved.invoiceId}`);
    expect(text).toContain(`Invoice number: ${invoiceOf(approved).invoiceNumber}\nInvoice status: ${invoiceOf(approved).status}\nInvoice amount: ${rubles(invoiceOf(approved).amount)}\n`);
    expect(text).toContain(`[Receipt image → ${approved.imageUrl}] [Invoice sessions → /kyc invoice ${approved.invoiceId}]`);
    expect(text).not.toContain('mismatch');
  });

  it('never shows a viewer the receipt image, which shows the payer', async () => {
    const approved = receipt((r) => r.status === 'APPROVED', 'approved');
    const text = await harness.consoleText([`/receipt ${approved.id}`], viewer());
    expect(text).not.toContain(approved.imageUrl);
    expect(text).toContain(`[Invoice sessions → /kyc invoice ${approved.invoiceId}]`);
  });

  it('shows the payment date from the receipt as a calendar date', async () => {
    const approved = receipt((r) => r.status === 'APPROVED', 'approved');
    const [year, month, day] = approved.verificationDetails!.extractedDate!.split('-').map(Number) as [number, number, number];
    const monthName = new Date(Date.UTC(year, month - 1, day)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    const reply = await harness.runCommand(`/receipt ${approved.id}`, viewer());
    expect(reply.fields).toContainEqual({ label: 'Payment date on the receipt', value: `${day} ${monthName} ${year}` });
  });

  it('flags an amount that does not match the invoice and shows the rejection reason', async () => {
    const rejected = receipt(
      (r) => r.status === 'REJECTED' && r.verificationDetails?.extractedAmount != null && r.verificationDetails.extractedAmount !== invoiceOf(r).amount,
      'mismatched rejected',
    );
    const details = rejected.verificationDetails!;
    const text = await harness.consoleText([`/receipt ${rejected.id}`], viewer());
    expect(text).toContain('DECLINED · REJECTED');
    expect(text).toContain(`Amount on the receipt: ${rubles(details.extractedAmount!)} ⚠`);
    expect(text).toContain(
      `⚠ Amount mismatch: the receipt shows ${rubles(details.extractedAmount!)}, the invoice is for ${rubles(invoiceOf(rejected).amount)}.`,
    );
    expect(text).toContain(`Rejection reason: ${details.rejectionReason}`);
  });

  it('shows a receipt still under review as pending', async () => {
    const pending = receipt((r) => r.status === 'PENDING', 'pending');
    const reply = await harness.runCommand(`/receipt ${pending.id}`, viewer());
    expect(reply.badge).toEqual({ outcome: 'PENDING', native: 'PENDING' });
  });

  it('answers in Russian', async () => {
    const approved = receipt((r) => r.status === 'APPROVED', 'approved');
    const text = await harness.consoleText([`/receipt ${approved.id}`], viewer('ru'));
    expect(text).toContain(`Подтверждённая сумма: ${rubles(approved.verifiedAmount!)}`);
    expect(text).toContain(`Уверенность OCR: ${Math.round(approved.verificationDetails!.confidence * 100)} %`);
  });

  it('says which receipt was not found', async () => {
    const reply = await harness.runCommand('/receipt 550e8400-e29b-41d4-a716-446655440000', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Receipt 550e8400… not found' });
  });
});
