/**
 * Every string the command handlers show, in English and Russian. Explanations
 * of provider codes cite where the meaning comes from:
 * - Stripe Identity last_error codes: Stripe API reference,
 *   VerificationSession.last_error.code (docs.stripe.com/api/identity/verification_sessions/object).
 * - Bank 131 error codes: shared/provider-docs/bank131-check-status.txt.
 * - Love&Pay trust levels: shared/provider-docs/loveandpay-get-customers.txt ("Уровни доверия").
 * - Love&Pay error codes: DESIGN.md, "Love&Pay API v2".
 */
import type { ProviderName } from '../../domain/outcome.js';
import type { Dictionary } from './pick.js';

export type NotFoundObject = 'session' | 'stripeSession' | 'customer' | 'receipt' | 'check' | 'invoice';

export interface CommandStrings {
  common: {
    id: string;
    status: string;
    created: string;
    customer: string;
    invoice: string;
    email: string;
    phone: string;
    yes: string;
    no: string;
    none: string;
    prev: string;
    next: string;
    page: (page: number, pages: number) => string;
    timesIn: (timeZone: string) => string;
    requestId: (id: string) => string;
    testMode: string;
    providers: Record<ProviderName, string>;
    /** A duration in seconds for sentences: 10 -> "10", 0.1 -> "0.1" (en) / "0,1" (ru). */
    seconds: (value: number) => string;
    /** "A and B", "A, B and C". */
    list: (items: readonly string[]) => string;
  };
  kycList: {
    title: string;
    titleStatus: (status: string) => string;
    titleInvoice: (id: string) => string;
    byStatus: string;
    statuses: Record<string, string>;
    total: (count: string) => string;
    empty: string;
    pageMissing: (page: number, pages: number) => string;
    countsMissing: string;
  };
  kycSession: {
    title: (shortId: string) => string;
    name: string;
    dateOfBirth: string;
    document: string;
    documentNumber: string;
    documentIssued: string;
    documentExpires: string;
    faceMatch: string;
    liveness: string;
    verifiedAt: string;
    verificationUrl: string;
    expiresAt: string;
    openCustomer: string;
    invoiceSessions: string;
    openVerification: string;
    noVerificationYet: string;
    expired: string;
    declined: string;
    documentTypes: Record<string, string>;
  };
  stripe: {
    listTitle: string;
    listTitleStatus: (status: string) => string;
    title: (id: string) => string;
    type: string;
    types: Record<string, string>;
    clientReference: string;
    lastError: string;
    stripeSays: (reason: string) => string;
    errors: Record<string, string>;
    unknownError: (code: string) => string;
    verificationUrl: string;
    empty: string;
    waiting: string;
    processing: string;
    canceled: string;
  };
  customer: {
    searchTitle: string;
    searchTitleFor: (what: string) => string;
    title: (name: string) => string;
    checkTitle: (what: string) => string;
    name: string;
    kycStatus: string;
    kycStatuses: Record<string, string>;
    kycVerifiedAt: string;
    trustLevel: string;
    trustLevels: Record<string, string>;
    payments: string;
    totalAmount: string;
    averageAmount: string;
    lastPayment: string;
    blocked: string;
    blockedNote: string;
    recentPayments: string;
    noRecentPayments: string;
    paymentsCount: (count: number, formatted: string) => string;
    total: (count: string) => string;
    empty: string;
    notFoundBy: (what: string) => string;
    open: string;
  };
  receipt: {
    title: (shortId: string) => string;
    verifiedAmount: string;
    extractedAmount: string;
    mismatch: (extracted: string, verified: string) => string;
    mismatchInvoice: (extracted: string, invoice: string) => string;
    invoiceAmount: string;
    invoiceMissing: string;
    extractedDate: string;
    bank: string;
    paymentType: string;
    confidence: string;
    rejectionReason: string;
    image: string;
    openImage: string;
    invoiceSessions: string;
    verifiedAt: string;
    lowConfidence: (percent: string) => string;
  };
  check: {
    title: (id: string) => string;
    description: string;
    participant: string;
    error: string;
    earlierCheck: string;
    openEarlier: string;
    codes: Record<string, string>;
    unknownCode: (code: string) => string;
    ok: string;
    pending: string;
    watchLater: string;
  };
  help: {
    title: (command: string) => string;
    overviewTitle: string;
    examples: string;
    grammar: Record<'kyc' | 'customer' | 'receipt' | 'check', Array<[syntax: string, meaning: string]>>;
    about: Record<'kyc' | 'customer' | 'receipt' | 'check', string>;
  };
  usage: {
    problems: Record<string, (token: string) => string>;
    fallback: (token: string) => string;
    fallbackNoToken: string;
  };
  unavailable: {
    subscriptions: string;
    audit: string;
    watchWithAlerts: string;
    missingProvider: (provider: string, variables: string) => string;
    unexpected: string;
  };
  console: {
    mode: (sandbox: boolean) => string;
    providers: string;
    states: Record<'live' | 'sandbox' | 'off', string>;
    tryThese: string;
    more: string;
    failed: string;
  };
  errors: {
    notFound: Record<NotFoundObject, (id: string) => string>;
    timeout: (provider: string, seconds: string) => string;
    unreachable: (provider: string) => string;
    serverError: (provider: string, status: number) => string;
    notFoundGeneric: (provider: string) => string;
    rateLimited: (provider: string, seconds: string) => string;
    rateLimitedNoWait: (provider: string) => string;
    authKey: (provider: string, variables: string, code: string | undefined) => string;
    forbidden: (provider: string, code: string | undefined) => string;
    badRequest: (provider: string, code: string) => string;
    invalidResponse: (provider: string) => string;
    codes: Record<string, (provider: string) => string>;
  };
}

const paren = (code: string | undefined): string => (code ? ` (${code})` : '');

const en: CommandStrings = {
  common: {
    id: 'ID',
    status: 'Status',
    created: 'Created',
    customer: 'Customer',
    invoice: 'Invoice',
    email: 'Email',
    phone: 'Phone',
    yes: 'yes',
    no: 'no',
    none: '—',
    prev: 'Prev',
    next: 'Next',
    page: (page, pages) => `Page ${page} of ${pages}`,
    timesIn: (timeZone) => `Times in ${timeZone}`,
    requestId: (id) => `request id: ${id}`,
    testMode: 'Stripe test mode',
    providers: { loveandpay: 'Love&Pay', stripe: 'Stripe', bank131: 'Bank 131' },
    list: (items) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items),
    seconds: (value) => new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value),
  },
  kycList: {
    title: 'Love&Pay KYC sessions',
    titleStatus: (status) => `Love&Pay KYC sessions: ${status}`,
    titleInvoice: (id) => `Love&Pay KYC sessions for invoice ${id}`,
    byStatus: 'By status',
    statuses: {
      APPROVED: 'approved',
      DECLINED: 'declined',
      IN_PROGRESS: 'in progress',
      NOT_STARTED: 'not started',
      EXPIRED: 'expired',
    },
    total: (count) => `${count} sessions`,
    empty: 'No sessions found.',
    pageMissing: (page, pages) => `There is no page ${page}; the list has ${pages} page(s).`,
    countsMissing: 'Counts per status are unavailable right now.',
  },
  kycSession: {
    title: (shortId) => `Love&Pay KYC session ${shortId}`,
    name: 'Name',
    dateOfBirth: 'Date of birth',
    document: 'Document',
    documentNumber: 'Document number',
    documentIssued: 'Document issued',
    documentExpires: 'Document expires',
    faceMatch: 'Face match',
    liveness: 'Liveness',
    verifiedAt: 'Verified at',
    verificationUrl: 'Verification link',
    expiresAt: 'Link expires',
    openCustomer: 'Customer',
    invoiceSessions: 'Invoice sessions',
    openVerification: 'Verification page',
    noVerificationYet: 'The customer has not finished verification yet.',
    expired: 'The session expired before the customer finished; start a new one.',
    declined: 'Love&Pay declined this verification.',
    documentTypes: { passport: 'passport', id_card: 'ID card' },
  },
  stripe: {
    listTitle: 'Stripe Identity sessions',
    listTitleStatus: (status) => `Stripe Identity sessions: ${status}`,
    title: (id) => `Stripe Identity session ${id}`,
    type: 'Type',
    types: { document: 'document', id_number: 'ID number', verification_flow: 'verification flow' },
    clientReference: 'Client reference',
    lastError: 'Last error',
    stripeSays: (reason) => `Stripe says: ${reason}`,
    errors: {
      abandoned: 'the user left the verification without finishing it',
      consent_declined: 'the user declined to give consent',
      country_not_supported: "the document's country is not supported",
      device_not_supported: "the user's device cannot take the photos (no camera)",
      document_expired: 'the document has expired',
      document_type_not_supported: 'this type of document is not accepted',
      document_unverified_other: 'the document could not be verified',
      email_unverified_other: 'the email address could not be verified',
      email_verification_declined: 'the user did not confirm the email address',
      id_number_insufficient_document_data: 'the document has too little data to check the ID number',
      id_number_mismatch: "the ID number does not match the person's details",
      id_number_unverified_other: 'the ID number could not be verified',
      phone_unverified_other: 'the phone number could not be verified',
      phone_verification_declined: 'the user did not confirm the phone number',
      selfie_document_missing_photo: 'the document has no photo to compare the selfie with',
      selfie_face_mismatch: 'selfie does not match the document',
      selfie_manipulated: 'the selfie looks manipulated',
      selfie_unverified_other: 'the selfie could not be verified',
      under_supported_age: 'the person is younger than the supported age',
    },
    unknownError: (code) => `Stripe reported ${code}`,
    verificationUrl: 'Verification link',
    empty: 'No Stripe Identity sessions found.',
    waiting: 'Waiting for the user to submit the verification.',
    processing: 'Stripe is checking the submitted documents, usually within a minute.',
    canceled: 'The session was canceled and cannot be used again.',
  },
  customer: {
    searchTitle: 'Love&Pay customers',
    searchTitleFor: (what) => `Love&Pay customers: ${what}`,
    title: (name) => `Customer ${name}`,
    checkTitle: (what) => `Customer check: ${what}`,
    name: 'Name',
    kycStatus: 'KYC',
    kycStatuses: { VERIFIED: 'verified', PENDING: 'pending', REJECTED: 'rejected' },
    kycVerifiedAt: 'KYC verified at',
    trustLevel: 'Trust level',
    trustLevels: {
      NEW: 'NEW — new customer',
      LEVEL_1: 'LEVEL_1 — basic: 1-2 successful payments',
      LEVEL_2: 'LEVEL_2 — medium: 3-5 payments or KYC',
      LEVEL_3: 'LEVEL_3 — high: 6+ payments and KYC',
    },
    payments: 'Payments',
    totalAmount: 'Total paid',
    averageAmount: 'Average payment',
    lastPayment: 'Last payment',
    blocked: 'Blocked',
    blockedNote: 'This customer is blocked.',
    recentPayments: 'Recent payments',
    noRecentPayments: 'No recent payments.',
    paymentsCount: (count, formatted) => `${formatted} ${count === 1 ? 'payment' : 'payments'}`,
    total: (count) => `${count} customers`,
    empty: 'No customers found.',
    notFoundBy: (what) => `No customer with ${what}.`,
    open: 'Open customer',
  },
  receipt: {
    title: (shortId) => `Receipt ${shortId}`,
    verifiedAmount: 'Verified amount',
    extractedAmount: 'Amount on the receipt',
    mismatch: (extracted, verified) =>
      `Amount mismatch: the receipt shows ${extracted}, the verified amount is ${verified}.`,
    mismatchInvoice: (extracted, invoice) => `Amount mismatch: the receipt shows ${extracted}, the invoice is for ${invoice}.`,
    invoiceAmount: 'Invoice amount',
    invoiceMissing: 'The invoice could not be loaded, so its amount was not compared.',
    extractedDate: 'Payment date on the receipt',
    bank: 'Bank',
    paymentType: 'Payment type',
    confidence: 'OCR confidence',
    rejectionReason: 'Rejection reason',
    image: 'Image',
    openImage: 'Receipt image',
    invoiceSessions: 'Invoice sessions',
    verifiedAt: 'Verified at',
    lowConfidence: (percent) => `OCR confidence is low (${percent}); compare with the image.`,
  },
  check: {
    title: (id) => `Bank 131 check ${id}`,
    description: 'Description',
    participant: 'Participant reference',
    error: 'Error',
    earlierCheck: 'Earlier check',
    openEarlier: 'Earlier check',
    codes: {
      invalid_sign: 'the check request was signed incorrectly, so Bank 131 did not verify it',
      passport_validation_failure:
        'the passport data were not verified: check the passport number and start the verification again',
      inn_validation_failure:
        'the taxpayer number (INN) was not verified: check the INN and start the verification again',
      already_exists: 'these data were already submitted; the result is on the earlier check',
      request_not_found: 'Bank 131 has no check with this id',
      partner_project_not_found: 'Bank 131 does not know the project in X-PARTNER-PROJECT — check BANK131_PROJECT',
    },
    unknownCode: (code) => `Bank 131 reported ${code}`,
    ok: 'Verified: the money can be sent.',
    pending: 'Bank 131 is still checking; results take from 10 minutes to 2 days.',
    watchLater: 'Ask again later to see the result.',
  },
  help: {
    title: (command) => `Help: /${command}`,
    overviewTitle: 'KYC Desk commands',
    examples: 'Examples',
    about: {
      kyc: 'KYC sessions at Love&Pay and Stripe Identity, and alerts',
      customer: 'Love&Pay customers: KYC status, trust level, payments',
      receipt: 'Receipt verification at Love&Pay',
      check: 'Bank 131 KYC checks',
    },
    grammar: {
      kyc: [
        ['/kyc', 'the newest Love&Pay sessions with counts per status'],
        ['/kyc approved|declined|in_progress|not_started|expired', 'sessions with one status'],
        ['/kyc invoice <uuid>', 'the sessions of one invoice'],
        ['/kyc <uuid>', 'one Love&Pay session'],
        ['/kyc stripe [status]', 'Stripe Identity sessions (requires_input, processing, verified, canceled)'],
        ['/kyc vs_...', 'one Stripe Identity session'],
        ['/kyc subscribe [approved|declined] [loveandpay|stripe|bank131]', 'alerts in this chat'],
        ['/kyc unsubscribe · /kyc subscriptions', 'stop alerts · list them'],
        ['page:N', 'another page of a list'],
      ],
      customer: [
        ['/customer <name>', 'search customers'],
        ['/customer <phone|email>', 'check one customer by phone or email'],
        ['/customer <uuid>', 'one customer with recent payments'],
        ['kyc:verified|pending|rejected  level:new|1|2|3', 'filters'],
        ['page:N', 'another page'],
      ],
      receipt: [['/receipt <uuid>', 'amounts, date, bank, payment type, OCR confidence, image and invoice']],
      check: [
        ['/check <id>', 'the status of a Bank 131 check'],
        ['/check <id> watch', 'tell this chat when a pending check resolves'],
      ],
    },
  },
  usage: {
    problems: {
      empty: () => 'Type a command, for example /kyc.',
      too_long: () => 'That is too long to be a command.',
      unknown_command: (token) => `There is no command ${token}.`,
      unknown_word: (token) => `${token} means nothing to this command.`,
      unknown_filter: (token) => `${token} is not a filter of this command.`,
      unknown_status: (token) => `${token} is not a status of this list.`,
      ambiguous_status: (token) =>
        `${token} means two statuses: say not_started or in_progress (Love&Pay), requires_input or processing (Stripe).`,
      bad_outcome: (token) => `Alerts exist for approved and declined only, not ${token}.`,
      bad_filter: (token) => `${token} is not a value this filter takes.`,
      bad_page: (token) => `${token} is not a page number (1-1000).`,
      bad_limit: (token) => `${token} is not a number from 1 to 100.`,
      bad_id: (token) => `${token} is not an id of the right shape here.`,
      missing_id: () => 'This needs an id.',
      bad_phone: (token) => `${token} is not a Russian phone number of 10 or 11 digits.`,
      bad_email: (token) => `${token} is not an email address.`,
      bad_search: (token) => `${token} has characters no name, email or phone has.`,
      conflicting: (token) => `${token} cannot go together with the rest.`,
    },
    fallback: (token) => `I could not read ${token}.`,
    fallbackNoToken: 'I could not read that.',
  },
  unavailable: {
    subscriptions: 'Alert subscriptions are not available yet; they come with alerts.',
    audit: 'The audit log is not available yet; it comes with alerts.',
    watchWithAlerts: 'Watching a check comes with alerts and is not available yet. The current status is below.',
    missingProvider: (provider, variables) => `${provider} is not configured: set ${variables}.`,
    unexpected: 'Something went wrong on our side while answering; please try again.',
  },
  console: {
    mode: (sandbox) =>
      sandbox ? 'KYC Desk console — sandbox mode (built-in provider emulators, demo data)' : 'KYC Desk console — live providers',
    providers: 'Providers',
    states: { live: 'live', sandbox: 'sandbox', off: 'not configured' },
    tryThese: 'Try',
    more: 'Type /kyc help, /customer help, /receipt help or /check help for more; exit or quit to leave.',
    failed: 'That command failed unexpectedly; please try again.',
  },
  errors: {
    notFound: {
      session: (id) => `KYC session ${id} not found`,
      stripeSession: (id) => `Stripe session ${id} not found`,
      customer: (id) => `Customer ${id} not found`,
      receipt: (id) => `Receipt ${id} not found`,
      check: (id) => `Bank 131 check ${id} not found`,
      invoice: (id) => `Invoice ${id} not found`,
    },
    timeout: (provider, seconds) => `${provider} did not answer in ${seconds} s, try again`,
    unreachable: (provider) => `Could not reach ${provider}, try again in a minute`,
    serverError: (provider, status) => `${provider} had an internal error (HTTP ${status}), try again later`,
    notFoundGeneric: (provider) => `${provider} found nothing for that`,
    rateLimited: (provider, seconds) => `${provider} is rate limiting us, try again in ${seconds} s`,
    rateLimitedNoWait: (provider) => `${provider} is rate limiting us, try again in a minute`,
    authKey: (provider, variables, code) => `${provider} did not accept our credentials${paren(code)} — check ${variables}`,
    forbidden: (provider, code) => `${provider} refused us access to this data${paren(code)}`,
    badRequest: (provider, code) => `${provider} rejected the request as invalid (${code})`,
    invalidResponse: (provider) => `${provider} sent an answer we could not read; try again, and report it if it repeats`,
    codes: {
      INVALID_SIGNATURE: (p) => `${p} rejected our signature (INVALID_SIGNATURE) — check LOVEANDPAY_SECRET_KEY`,
      INVALID_API_KEY: (p) => `${p} does not know our API key (INVALID_API_KEY) — check LOVEANDPAY_API_KEY`,
      TIMESTAMP_EXPIRED: (p) => `${p} rejected our timestamp as too old (TIMESTAMP_EXPIRED) — check this server's clock`,
      MISSING_HEADERS: (p) => `${p} says our request lacked its auth headers (MISSING_HEADERS) — check LOVEANDPAY_API_KEY`,
      PARTNER_INACTIVE: (p) => `${p} says our partner account is inactive (PARTNER_INACTIVE) — contact ${p} support`,
      API_BLOCKED: (p) => `${p} has blocked API access for our account (API_BLOCKED) — contact ${p} support`,
      DOMAIN_NOT_VERIFIED: (p) => `${p} says our domain is not verified (DOMAIN_NOT_VERIFIED) — verify it in the ${p} dashboard`,
      SOURCE_IP_NOT_ALLOWED: (p) =>
        `${p} does not accept requests from this server's IP address (SOURCE_IP_NOT_ALLOWED) — allow it in the ${p} dashboard`,
      INTERNAL_ERROR: (p) => `${p} had an internal error (INTERNAL_ERROR), try again later`,
      VALIDATION_ERROR: (p) => `${p} rejected the request as invalid (VALIDATION_ERROR)`,
      partner_project_not_found: (p) => `${p} does not know our partner project (partner_project_not_found) — check BANK131_PROJECT`,
      api_key_expired: (p) => `${p} says our secret key has expired (api_key_expired) — set a new STRIPE_SECRET_KEY`,
    },
  },
};

const ru: CommandStrings = {
  common: {
    id: 'ID',
    status: 'Статус',
    created: 'Дата создания',
    customer: 'Клиент',
    invoice: 'Счёт',
    email: 'Email',
    phone: 'Телефон',
    yes: 'да',
    no: 'нет',
    none: '—',
    prev: 'Назад',
    next: 'Далее',
    page: (page, pages) => `Страница ${page} из ${pages}`,
    timesIn: (timeZone) => `Время: ${timeZone}`,
    requestId: (id) => `id запроса: ${id}`,
    testMode: 'тестовый режим Stripe',
    providers: { loveandpay: 'Love&Pay', stripe: 'Stripe', bank131: 'Банк 131' },
    list: (items) => new Intl.ListFormat('ru', { type: 'conjunction' }).format(items),
    seconds: (value) => new Intl.NumberFormat('ru', { maximumFractionDigits: 1 }).format(value),
  },
  kycList: {
    title: 'KYC-сессии Love&Pay',
    titleStatus: (status) => `KYC-сессии Love&Pay: ${status}`,
    titleInvoice: (id) => `KYC-сессии Love&Pay по счёту ${id}`,
    byStatus: 'По статусам',
    statuses: {
      APPROVED: 'одобрено',
      DECLINED: 'отклонено',
      IN_PROGRESS: 'в процессе',
      NOT_STARTED: 'не начато',
      EXPIRED: 'истекло',
    },
    total: (count) => `сессий: ${count}`,
    empty: 'Сессий не найдено.',
    pageMissing: (page, pages) => `Страницы ${page} нет; всего страниц: ${pages}.`,
    countsMissing: 'Счётчики по статусам сейчас недоступны.',
  },
  kycSession: {
    title: (shortId) => `KYC-сессия Love&Pay ${shortId}`,
    name: 'Имя',
    dateOfBirth: 'Дата рождения',
    document: 'Документ',
    documentNumber: 'Номер документа',
    documentIssued: 'Документ выдан',
    documentExpires: 'Документ действует до',
    faceMatch: 'Совпадение лица',
    liveness: 'Liveness',
    verifiedAt: 'Проверено',
    verificationUrl: 'Ссылка на проверку',
    expiresAt: 'Ссылка действует до',
    openCustomer: 'Клиент',
    invoiceSessions: 'Сессии счёта',
    openVerification: 'Страница проверки',
    noVerificationYet: 'Клиент ещё не завершил проверку.',
    expired: 'Сессия истекла до завершения проверки; создайте новую.',
    declined: 'Love&Pay отклонил эту проверку.',
    documentTypes: { passport: 'паспорт', id_card: 'ID-карта' },
  },
  stripe: {
    listTitle: 'Сессии Stripe Identity',
    listTitleStatus: (status) => `Сессии Stripe Identity: ${status}`,
    title: (id) => `Сессия Stripe Identity ${id}`,
    type: 'Тип',
    types: { document: 'документ', id_number: 'номер документа', verification_flow: 'сценарий проверки' },
    clientReference: 'Ссылка клиента',
    lastError: 'Последняя ошибка',
    stripeSays: (reason) => `Ответ Stripe: ${reason}`,
    errors: {
      abandoned: 'пользователь бросил проверку, не завершив её',
      consent_declined: 'пользователь не дал согласие',
      country_not_supported: 'страна документа не поддерживается',
      device_not_supported: 'устройство пользователя не может сделать снимки (нет камеры)',
      document_expired: 'срок действия документа истёк',
      document_type_not_supported: 'этот тип документа не принимается',
      document_unverified_other: 'документ не удалось проверить',
      email_unverified_other: 'email не удалось подтвердить',
      email_verification_declined: 'пользователь не подтвердил email',
      id_number_insufficient_document_data: 'в документе слишком мало данных для проверки номера',
      id_number_mismatch: 'номер документа не совпадает с данными человека',
      id_number_unverified_other: 'номер документа не удалось проверить',
      phone_unverified_other: 'телефон не удалось подтвердить',
      phone_verification_declined: 'пользователь не подтвердил телефон',
      selfie_document_missing_photo: 'в документе нет фото для сравнения с селфи',
      selfie_face_mismatch: 'селфи не совпадает с фото в документе',
      selfie_manipulated: 'селфи выглядит подделанным',
      selfie_unverified_other: 'селфи не удалось проверить',
      under_supported_age: 'человек младше допустимого возраста',
    },
    unknownError: (code) => `Stripe сообщил ${code}`,
    verificationUrl: 'Ссылка на проверку',
    empty: 'Сессий Stripe Identity не найдено.',
    waiting: 'Ждём, пока пользователь отправит данные.',
    processing: 'Stripe проверяет документы, обычно в течение минуты.',
    canceled: 'Сессия отменена и больше не может быть использована.',
  },
  customer: {
    searchTitle: 'Клиенты Love&Pay',
    searchTitleFor: (what) => `Клиенты Love&Pay: ${what}`,
    title: (name) => `Клиент ${name}`,
    checkTitle: (what) => `Проверка клиента: ${what}`,
    name: 'Имя',
    kycStatus: 'KYC',
    kycStatuses: { VERIFIED: 'подтверждён', PENDING: 'ожидает', REJECTED: 'отклонён' },
    kycVerifiedAt: 'KYC пройден',
    trustLevel: 'Уровень доверия',
    trustLevels: {
      NEW: 'NEW — новый клиент',
      LEVEL_1: 'LEVEL_1 — базовый: 1-2 успешных платежа',
      LEVEL_2: 'LEVEL_2 — средний: 3-5 платежей или KYC',
      LEVEL_3: 'LEVEL_3 — высокий: 6+ платежей и KYC',
    },
    payments: 'Платежи',
    totalAmount: 'Оплачено всего',
    averageAmount: 'Средний платёж',
    lastPayment: 'Последний платёж',
    blocked: 'Заблокирован',
    blockedNote: 'Клиент заблокирован.',
    recentPayments: 'Последние платежи',
    noRecentPayments: 'Недавних платежей нет.',
    paymentsCount: (_count, formatted) => `платежей: ${formatted}`,
    total: (count) => `клиентов: ${count}`,
    empty: 'Клиентов не найдено.',
    notFoundBy: (what) => `Клиента с ${what} нет.`,
    open: 'Открыть клиента',
  },
  receipt: {
    title: (shortId) => `Чек ${shortId}`,
    verifiedAmount: 'Подтверждённая сумма',
    extractedAmount: 'Сумма в чеке',
    mismatch: (extracted, verified) => `Суммы не совпадают: в чеке ${extracted}, подтверждено ${verified}.`,
    mismatchInvoice: (extracted, invoice) => `Суммы не совпадают: в чеке ${extracted}, счёт выставлен на ${invoice}.`,
    invoiceAmount: 'Сумма счёта',
    invoiceMissing: 'Счёт не удалось загрузить, поэтому его сумма не сверена.',
    extractedDate: 'Дата платежа в чеке',
    bank: 'Банк',
    paymentType: 'Тип платежа',
    confidence: 'Уверенность OCR',
    rejectionReason: 'Причина отклонения',
    image: 'Изображение',
    openImage: 'Изображение чека',
    invoiceSessions: 'Сессии счёта',
    verifiedAt: 'Проверен',
    lowConfidence: (percent) => `Низкая уверенность OCR (${percent}); сверьте с изображением.`,
  },
  check: {
    title: (id) => `Проверка Банка 131 ${id}`,
    description: 'Описание',
    participant: 'ID получателя',
    error: 'Ошибка',
    earlierCheck: 'Предыдущая проверка',
    openEarlier: 'Предыдущая проверка',
    codes: {
      invalid_sign: 'запрос на проверку подписан неверно, поэтому Банк 131 его не проверил',
      passport_validation_failure:
        'паспортные данные не подтверждены: проверьте номер паспорта и запустите проверку заново',
      inn_validation_failure: 'ИНН не подтверждён: проверьте ИНН и запустите проверку заново',
      already_exists: 'эти данные уже отправлялись на проверку; результат — в предыдущей проверке',
      request_not_found: 'у Банка 131 нет проверки с таким id',
      partner_project_not_found: 'Банк 131 не знает проект из X-PARTNER-PROJECT — проверьте BANK131_PROJECT',
    },
    unknownCode: (code) => `Банк 131 сообщил ${code}`,
    ok: 'Проверка пройдена: можно отправлять деньги.',
    pending: 'Банк 131 ещё проверяет; ответ приходит от 10 минут до 2 дней.',
    watchLater: 'Запросите статус позже.',
  },
  help: {
    title: (command) => `Справка: /${command}`,
    overviewTitle: 'Команды KYC Desk',
    examples: 'Примеры',
    about: {
      kyc: 'KYC-сессии Love&Pay и Stripe Identity, оповещения',
      customer: 'Клиенты Love&Pay: статус KYC, уровень доверия, платежи',
      receipt: 'Проверка чеков в Love&Pay',
      check: 'KYC-проверки Банка 131',
    },
    grammar: {
      kyc: [
        ['/kyc', 'последние сессии Love&Pay и счётчики по статусам'],
        ['/kyc approved|declined|in_progress|not_started|expired', 'сессии с одним статусом'],
        ['/kyc invoice <uuid>', 'сессии одного счёта'],
        ['/kyc <uuid>', 'одна сессия Love&Pay'],
        ['/kyc stripe [статус]', 'сессии Stripe Identity (requires_input, processing, verified, canceled)'],
        ['/kyc vs_...', 'одна сессия Stripe Identity'],
        ['/kyc subscribe [approved|declined] [loveandpay|stripe|bank131]', 'оповещения в этот чат'],
        ['/kyc unsubscribe · /kyc subscriptions', 'отключить оповещения · список подписок'],
        ['page:N', 'другая страница списка'],
      ],
      customer: [
        ['/customer <имя>', 'поиск клиентов'],
        ['/customer <телефон|email>', 'проверка клиента по телефону или email'],
        ['/customer <uuid>', 'один клиент с последними платежами'],
        ['kyc:verified|pending|rejected  level:new|1|2|3', 'фильтры'],
        ['page:N', 'другая страница'],
      ],
      receipt: [['/receipt <uuid>', 'суммы, дата, банк, тип платежа, уверенность OCR, изображение и счёт']],
      check: [
        ['/check <id>', 'статус проверки Банка 131'],
        ['/check <id> watch', 'сообщить в чат, когда проверка завершится'],
      ],
    },
  },
  usage: {
    problems: {
      empty: () => 'Введите команду, например /kyc.',
      too_long: () => 'Слишком длинно для команды.',
      unknown_command: (token) => `Команды ${token} нет.`,
      unknown_word: (token) => `${token} ничего не значит для этой команды.`,
      unknown_filter: (token) => `${token} — не фильтр этой команды.`,
      unknown_status: (token) => `${token} — не статус этого списка.`,
      ambiguous_status: (token) =>
        `${token} — это два статуса: укажите not_started или in_progress (Love&Pay), requires_input или processing (Stripe).`,
      bad_outcome: (token) => `Оповещения бывают только для approved и declined, не для ${token}.`,
      bad_filter: (token) => `${token} — недопустимое значение фильтра.`,
      bad_page: (token) => `${token} — не номер страницы (1-1000).`,
      bad_limit: (token) => `${token} — не число от 1 до 100.`,
      bad_id: (token) => `${token} — id неподходящего вида.`,
      missing_id: () => 'Нужен id.',
      bad_phone: (token) => `${token} — не российский номер из 10 или 11 цифр.`,
      bad_email: (token) => `${token} — не email.`,
      bad_search: (token) => `В ${token} есть символы, которых не бывает в имени, email или телефоне.`,
      conflicting: (token) => `${token} нельзя сочетать с остальным.`,
    },
    fallback: (token) => `Не удалось разобрать ${token}.`,
    fallbackNoToken: 'Не удалось разобрать команду.',
  },
  unavailable: {
    subscriptions: 'Подписки на оповещения пока недоступны; они появятся вместе с оповещениями.',
    audit: 'Журнал аудита пока недоступен; он появится вместе с оповещениями.',
    watchWithAlerts: 'Слежение за проверкой появится вместе с оповещениями и пока недоступно. Текущий статус — ниже.',
    missingProvider: (provider, variables) => `${provider} не настроен: задайте ${variables}.`,
    unexpected: 'У нас что-то пошло не так при ответе; попробуйте ещё раз.',
  },
  console: {
    mode: (sandbox) =>
      sandbox ? 'Консоль KYC Desk — режим песочницы (встроенные эмуляторы, демо-данные)' : 'Консоль KYC Desk — рабочие провайдеры',
    providers: 'Провайдеры',
    states: { live: 'рабочий', sandbox: 'песочница', off: 'не настроен' },
    tryThese: 'Попробуйте',
    more: 'Подробнее: /kyc help, /customer help, /receipt help, /check help; выход — exit или quit.',
    failed: 'Команда неожиданно не выполнилась; попробуйте ещё раз.',
  },
  errors: {
    notFound: {
      session: (id) => `KYC-сессия ${id} не найдена`,
      stripeSession: (id) => `Сессия Stripe ${id} не найдена`,
      customer: (id) => `Клиент ${id} не найден`,
      receipt: (id) => `Чек ${id} не найден`,
      check: (id) => `Проверка Банка 131 ${id} не найдена`,
      invoice: (id) => `Счёт ${id} не найден`,
    },
    timeout: (provider, seconds) => `${provider} не ответил за ${seconds} с, попробуйте ещё раз`,
    unreachable: (provider) => `Не удалось связаться с ${provider}, попробуйте через минуту`,
    serverError: (provider, status) => `У ${provider} внутренняя ошибка (HTTP ${status}), попробуйте позже`,
    notFoundGeneric: (provider) => `${provider} ничего не нашёл`,
    rateLimited: (provider, seconds) => `${provider} ограничивает частоту запросов, попробуйте через ${seconds} с`,
    rateLimitedNoWait: (provider) => `${provider} ограничивает частоту запросов, попробуйте через минуту`,
    authKey: (provider, variables, code) => `${provider} не принял наши ключи${paren(code)} — проверьте ${variables}`,
    forbidden: (provider, code) => `${provider} не дал нам доступа к этим данным${paren(code)}`,
    badRequest: (provider, code) => `${provider} отклонил запрос как неверный (${code})`,
    invalidResponse: (provider) => `${provider} прислал ответ, который мы не смогли прочитать; попробуйте ещё раз и сообщите, если повторится`,
    codes: {
      INVALID_SIGNATURE: (p) => `${p} отклонил нашу подпись (INVALID_SIGNATURE) — проверьте LOVEANDPAY_SECRET_KEY`,
      INVALID_API_KEY: (p) => `${p} не знает наш API-ключ (INVALID_API_KEY) — проверьте LOVEANDPAY_API_KEY`,
      TIMESTAMP_EXPIRED: (p) => `${p} счёл метку времени устаревшей (TIMESTAMP_EXPIRED) — проверьте часы сервера`,
      MISSING_HEADERS: (p) => `${p}: в запросе нет заголовков авторизации (MISSING_HEADERS) — проверьте LOVEANDPAY_API_KEY`,
      PARTNER_INACTIVE: (p) => `${p}: наш партнёрский аккаунт неактивен (PARTNER_INACTIVE) — обратитесь в поддержку ${p}`,
      API_BLOCKED: (p) => `${p} заблокировал доступ к API для нашего аккаунта (API_BLOCKED) — обратитесь в поддержку ${p}`,
      DOMAIN_NOT_VERIFIED: (p) => `${p}: наш домен не подтверждён (DOMAIN_NOT_VERIFIED) — подтвердите его в кабинете ${p}`,
      SOURCE_IP_NOT_ALLOWED: (p) =>
        `${p} не принимает запросы с IP-адреса этого сервера (SOURCE_IP_NOT_ALLOWED) — разрешите его в кабинете ${p}`,
      INTERNAL_ERROR: (p) => `У ${p} внутренняя ошибка (INTERNAL_ERROR), попробуйте позже`,
      VALIDATION_ERROR: (p) => `${p} отклонил запрос как неверный (VALIDATION_ERROR)`,
      partner_project_not_found: (p) => `${p} не знает наш партнёрский проект (partner_project_not_found) — проверьте BANK131_PROJECT`,
      api_key_expired: (p) => `${p}: срок действия секретного ключа истёк (api_key_expired) — задайте новый STRIPE_SECRET_KEY`,
    },
  },
};

export const COMMAND_STRINGS: Dictionary<CommandStrings> = { en, ru };
