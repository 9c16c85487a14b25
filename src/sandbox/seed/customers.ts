/**
 * Seed customers with their invoices, payments and receipts. Trust levels
 * follow the provider's table (shared/provider-docs/loveandpay-get-customers.txt):
 * NEW, LEVEL_1 (1-2 payments), LEVEL_2 (3-5 payments or KYC), LEVEL_3 (6+ and KYC).
 */
import { covering, type Rng } from '../prng.js';
import type { SandboxCustomer, SandboxInvoice, SandboxPayment, SandboxReceipt } from '../types.js';
import { randomRussianName, transliterate } from './russian-names.js';
import { DAY, HOUR, MINUTE, iso, isoDate } from './time.js';

const BANKS = ['Сбербанк', 'Т-Банк', 'Альфа-Банк', 'ВТБ'] as const;
const PAYMENT_TYPES = ['СБП', 'перевод по номеру карты'] as const;
const REJECTION_REASONS = [
  'Сумма в чеке не совпадает с суммой счёта',
  'Чек нечитаем: загрузите фото лучшего качества',
  'Дата платежа раньше даты выставления счёта',
  'Получатель платежа не совпадает с реквизитами счёта',
  'Этот чек уже использован для оплаты другого счёта',
] as const;

const MAIL_DOMAINS = ['yandex.ru', 'mail.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'rambler.ru'] as const;

/** Combinations every data set starts with, so each trust level, KYC status and a blocked customer exist. */
const REQUIRED_PROFILES = [
  { trustLevel: 'NEW', kycStatus: 'PENDING', isBlocked: false },
  { trustLevel: 'LEVEL_1', kycStatus: 'REJECTED', isBlocked: false },
  { trustLevel: 'LEVEL_2', kycStatus: 'VERIFIED', isBlocked: false },
  { trustLevel: 'LEVEL_3', kycStatus: 'VERIFIED', isBlocked: false },
  { trustLevel: 'LEVEL_1', kycStatus: 'PENDING', isBlocked: true },
  { trustLevel: 'LEVEL_2', kycStatus: 'PENDING', isBlocked: false },
] as const;

export interface CustomerSeed {
  customers: SandboxCustomer[];
  invoices: SandboxInvoice[];
  receipts: SandboxReceipt[];
}

export function seedCustomers(rng: Rng, count: number, anchor: number): CustomerSeed {
  const customers: SandboxCustomer[] = [];
  const invoices: SandboxInvoice[] = [];
  const receipts: SandboxReceipt[] = [];
  const emails = new Set<string>();
  const phones = new Set<string>();
  const counter = { invoice: 0 };

  for (let i = 0; i < count; i += 1) {
    const profile = covering(i, REQUIRED_PROFILES, () => randomProfile(rng));
    const name = randomRussianName(rng);
    const createdMs = anchor - rng.int(2 * DAY, 400 * DAY);
    const birth = anchor - rng.int(19 * 365, 70 * 365) * DAY;
    const issued = anchor - rng.int(100, 9 * 365) * DAY;
    const customer: SandboxCustomer = {
      id: rng.uuid(),
      fullName: `${name.firstName} ${name.lastName}`,
      email: uniqueEmail(rng, name.firstName, name.lastName, emails),
      phone: uniquePhone(rng, phones),
      kycStatus: profile.kycStatus,
      trustLevel: profile.trustLevel,
      totalPayments: 0,
      totalAmount: 0,
      lastPaymentAt: null,
      isBlocked: profile.isBlocked,
      createdAt: iso(createdMs),
      kycVerifiedAt: null,
      averageAmount: null,
      payments: [],
      person: {
        firstName: name.firstName,
        middleName: name.middleName,
        lastName: name.lastName,
        dateOfBirth: isoDate(birth),
        documentLast4: rng.digits(4),
        documentIssuedAt: isoDate(issued),
        documentExpiresAt: isoDate(issued + 10 * 365 * DAY),
      },
    };
    if (customer.kycStatus === 'VERIFIED') customer.kycVerifiedAt = iso(rng.int(createdMs, anchor - HOUR));
    addPayments(rng, customer, createdMs, anchor, counter, invoices, receipts);
    customers.push(customer);
  }
  return { customers, invoices, receipts };
}

function randomProfile(rng: Rng) {
  const trustLevel = rng.weighted({ NEW: 20, LEVEL_1: 30, LEVEL_2: 30, LEVEL_3: 20 });
  // LEVEL_3 needs KYC by definition; the others may be at any KYC stage.
  const kycStatus = trustLevel === 'LEVEL_3' ? 'VERIFIED' : rng.weighted({ PENDING: 35, VERIFIED: 45, REJECTED: 20 });
  return { trustLevel, kycStatus, isBlocked: rng.chance(0.04) };
}

function completedPaymentCount(rng: Rng, trustLevel: string, kycStatus: string): number {
  switch (trustLevel) {
    case 'NEW':
      return 0;
    case 'LEVEL_1':
      return rng.int(1, 2);
    case 'LEVEL_2':
      return kycStatus === 'VERIFIED' ? rng.int(1, 5) : rng.int(3, 5);
    default:
      return rng.int(6, 12);
  }
}

function addPayments(
  rng: Rng,
  customer: SandboxCustomer,
  createdMs: number,
  anchor: number,
  counter: { invoice: number },
  invoices: SandboxInvoice[],
  receipts: SandboxReceipt[],
) {
  const completed = completedPaymentCount(rng, customer.trustLevel, customer.kycStatus);
  const failed = rng.chance(0.15) ? 1 : 0;
  const open = rng.chance(0.25) ? 1 : 0;
  const payments: SandboxPayment[] = [];
  for (let k = 0; k < completed + failed + open; k += 1) {
    const kind = k < completed ? 'COMPLETED' : k < completed + failed ? 'FAILED' : 'OPEN';
    // Open invoices are recent: they still wait for payment or for a receipt review.
    const at = kind === 'OPEN' ? anchor - rng.int(10 * MINUTE, 3 * DAY) : rng.int(createdMs + HOUR, anchor - HOUR);
    const amount = rng.int(50, 5000) * 10;
    counter.invoice += 1;
    const invoice: SandboxInvoice = {
      id: rng.uuid(),
      invoiceNumber: `INV-${new Date(at).getUTCFullYear()}-${String(counter.invoice).padStart(6, '0')}`,
      amount,
      currency: 'RUB',
      status: kind === 'COMPLETED' ? 'PAID' : kind === 'FAILED' ? 'EXPIRED' : 'PENDING',
      customerId: customer.id,
      description: `Оплата заказа № ${rng.int(10000, 99999)}`,
      paidAt: kind === 'COMPLETED' ? iso(at + rng.int(MINUTE, 2 * HOUR)) : null,
      expiresAt: iso(at + 3 * DAY),
      createdAt: iso(at),
    };
    invoices.push(invoice);
    if (kind !== 'OPEN') {
      payments.push({
        id: rng.uuid(),
        invoiceNumber: invoice.invoiceNumber,
        amount,
        status: kind,
        paidAt: invoice.paidAt,
        invoiceId: invoice.id,
        createdAt: invoice.paidAt ?? iso(at + rng.int(MINUTE, HOUR)),
      });
    }
    const receipt = receiptFor(rng, invoice, kind, at);
    if (receipt) receipts.push(receipt);
  }
  payments.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const done = payments.filter((p) => p.status === 'COMPLETED');
  customer.payments = payments;
  customer.totalPayments = done.length;
  customer.totalAmount = done.reduce((sum, p) => sum + p.amount, 0);
  customer.averageAmount = done.length ? Math.round(customer.totalAmount / done.length) : null;
  customer.lastPaymentAt = done[0]?.createdAt ?? null;
}

/** Paid by transfer -> an approved receipt; failed -> a rejected one; open -> under review or rejected. */
function receiptFor(rng: Rng, invoice: SandboxInvoice, kind: string, at: number): SandboxReceipt | null {
  const status =
    kind === 'COMPLETED'
      ? rng.chance(0.5) ? 'APPROVED' : null
      : kind === 'FAILED'
        ? rng.chance(0.7) ? 'REJECTED' : null
        : rng.weighted({ PENDING: 60, REJECTED: 40 });
  if (!status) return null;
  const uploaded = at + rng.int(2 * MINUTE, 30 * MINUTE);
  const base = {
    id: rng.uuid(),
    invoiceId: invoice.id,
    imageUrl: `https://storage.loveandpay.io/receipts/${rng.hex(12)}.jpg`,
    createdAt: iso(uploaded),
  };
  if (status === 'PENDING') {
    return { ...base, status, verifiedAmount: null, verificationDetails: null, verifiedAt: null };
  }
  const details = {
    extractedAmount: invoice.amount,
    extractedDate: isoDate(at),
    confidence: rng.float(0.9, 0.99),
    bank: rng.pick(BANKS),
    paymentType: rng.pick(PAYMENT_TYPES),
  };
  const reviewed = iso(uploaded + rng.int(MINUTE, 20 * MINUTE));
  if (status === 'APPROVED') {
    return { ...base, status, verifiedAmount: invoice.amount, verificationDetails: details, verifiedAt: reviewed };
  }
  const reason = rng.pick(REJECTION_REASONS);
  const unreadable = reason.startsWith('Чек нечитаем');
  return {
    ...base,
    status,
    verifiedAmount: null,
    verificationDetails: {
      ...details,
      extractedAmount: unreadable ? null : reason.startsWith('Сумма') ? invoice.amount - rng.int(1, 50) * 10 : invoice.amount,
      extractedDate: unreadable ? null : details.extractedDate,
      bank: unreadable ? null : details.bank,
      confidence: unreadable ? rng.float(0.1, 0.4) : rng.float(0.6, 0.95),
      rejectionReason: reason,
    },
    verifiedAt: reviewed,
  };
}

function uniqueEmail(rng: Rng, first: string, last: string, taken: Set<string>): string {
  const local = `${transliterate(first)}.${transliterate(last)}`;
  const domain = rng.pick(MAIL_DOMAINS);
  let email = `${local}@${domain}`;
  while (taken.has(email)) email = `${local}${rng.int(1, 9999)}@${domain}`;
  taken.add(email);
  return email;
}

function uniquePhone(rng: Rng, taken: Set<string>): string {
  let phone: string;
  do phone = `+79${rng.digits(9)}`;
  while (taken.has(phone));
  taken.add(phone);
  return phone;
}
