import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { explainProviderError, type ErrorSubject } from '../../src/commands/explain-provider-error.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { ProviderError, type ProviderErrorDetails } from '../../src/providers/errors.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { COMMAND_STRINGS } from '../../src/present/i18n/commands.js';
import {
  providerSettings,
  startCommandHarness,
  viewer,
  type CommandHarness,
} from '../support/command-harness.js';
import { waitFor } from '../support/wait-for.js';

const RECEIPT = '550e8400-e29b-41d4-a716-446655440000';

describe('one sentence per provider failure', () => {
  const cases: Array<[string, ProviderErrorDetails, string, ErrorSubject?]> = [
    ['a timeout', { provider: 'loveandpay', kind: 'timeout', message: '', timeoutMs: 10_000 }, 'Love&Pay did not answer in 10 s, try again'],
    ['a missing receipt', { provider: 'loveandpay', kind: 'not_found', message: '', status: 404 }, 'Receipt 550e8400… not found', { object: 'receipt', id: RECEIPT }],
    ['a missing check', { provider: 'bank131', kind: 'not_found', message: '', code: 'request_not_found' }, 'Bank 131 check 7 not found', { object: 'check', id: '7' }],
    ['a 404 with no subject', { provider: 'stripe', kind: 'not_found', message: '' }, 'Stripe found nothing for that'],
    ['a bad signature', { provider: 'loveandpay', kind: 'auth', message: '', code: 'INVALID_SIGNATURE' }, 'Love&Pay rejected our signature (INVALID_SIGNATURE) — check LOVEANDPAY_SECRET_KEY'],
    ['an unknown API key', { provider: 'loveandpay', kind: 'auth', message: '', code: 'INVALID_API_KEY' }, 'Love&Pay does not know our API key (INVALID_API_KEY) — check LOVEANDPAY_API_KEY'],
    ['an old timestamp', { provider: 'loveandpay', kind: 'auth', message: '', code: 'TIMESTAMP_EXPIRED' }, "Love&Pay rejected our timestamp as too old (TIMESTAMP_EXPIRED) — check this server's clock"],
    ['missing headers', { provider: 'loveandpay', kind: 'auth', message: '', code: 'MISSING_HEADERS' }, 'Love&Pay says our request lacked its auth headers (MISSING_HEADERS) — check LOVEANDPAY_API_KEY'],
    ['Love&Pay auth without a code', { provider: 'loveandpay', kind: 'auth', message: '' }, 'Love&Pay did not accept our credentials — check LOVEANDPAY_API_KEY and LOVEANDPAY_SECRET_KEY'],
    ['a rejected Stripe key', { provider: 'stripe', kind: 'auth', message: '', code: 'invalid_request_error' }, 'Stripe did not accept our credentials (invalid_request_error) — check STRIPE_SECRET_KEY'],
    ['an expired Stripe key', { provider: 'stripe', kind: 'auth', message: '', code: 'api_key_expired' }, 'Stripe says our secret key has expired (api_key_expired) — set a new STRIPE_SECRET_KEY'],
    ['an unknown Bank 131 project', { provider: 'bank131', kind: 'auth', message: '', code: 'partner_project_not_found' }, 'Bank 131 does not know our partner project (partner_project_not_found) — check BANK131_PROJECT'],
    ['an inactive partner', { provider: 'loveandpay', kind: 'forbidden', message: '', code: 'PARTNER_INACTIVE' }, 'Love&Pay says our partner account is inactive (PARTNER_INACTIVE) — contact Love&Pay support'],
    ['a blocked API', { provider: 'loveandpay', kind: 'forbidden', message: '', code: 'API_BLOCKED' }, 'Love&Pay has blocked API access for our account (API_BLOCKED) — contact Love&Pay support'],
    ['an unverified domain', { provider: 'loveandpay', kind: 'forbidden', message: '', code: 'DOMAIN_NOT_VERIFIED' }, 'Love&Pay says our domain is not verified (DOMAIN_NOT_VERIFIED) — verify it in the Love&Pay dashboard'],
    ['a blocked IP', { provider: 'loveandpay', kind: 'forbidden', message: '', code: 'SOURCE_IP_NOT_ALLOWED' }, "Love&Pay does not accept requests from this server's IP address (SOURCE_IP_NOT_ALLOWED) — allow it in the Love&Pay dashboard"],
    ['a Stripe 403', { provider: 'stripe', kind: 'forbidden', message: '', status: 403 }, 'Stripe refused us access to this data'],
    ['a rate limit with Retry-After', { provider: 'stripe', kind: 'rate_limited', message: '', retryAfterMs: 30_000 }, 'Stripe is rate limiting us, try again in 30 s'],
    ['a rate limit without Retry-After', { provider: 'loveandpay', kind: 'rate_limited', message: '', code: 'RATE_LIMIT_EXCEEDED' }, 'Love&Pay is rate limiting us, try again in a minute'],
    ['a refused connection', { provider: 'bank131', kind: 'unavailable', message: '', code: 'ECONNREFUSED' }, 'Could not reach Bank 131, try again in a minute'],
    ['a 502', { provider: 'stripe', kind: 'unavailable', message: '', status: 502 }, 'Stripe had an internal error (HTTP 502), try again later'],
    ['INTERNAL_ERROR', { provider: 'loveandpay', kind: 'unavailable', message: '', status: 500, code: 'INTERNAL_ERROR' }, 'Love&Pay had an internal error (INTERNAL_ERROR), try again later'],
    ['a validation error', { provider: 'loveandpay', kind: 'bad_request', message: '', code: 'VALIDATION_ERROR' }, 'Love&Pay rejected the request as invalid (VALIDATION_ERROR)'],
    ['a 422 without a code', { provider: 'bank131', kind: 'bad_request', message: '', status: 422 }, 'Bank 131 rejected the request as invalid (HTTP 422)'],
    ['an unreadable answer', { provider: 'stripe', kind: 'invalid_response', message: '' }, 'Stripe sent an answer we could not read; try again, and report it if it repeats'],
    ['an answer over the size limit', { provider: 'loveandpay', kind: 'too_large', message: '', limitBytes: 10_000_000 }, 'Love&Pay sent an answer larger than PROVIDER_MAX_RESPONSE_BYTES allows, so we stopped reading it'],
  ];

  it.each(cases)('explains %s', (_name, details, sentence, subject) => {
    const explained = explainProviderError(new ProviderError(details), COMMAND_STRINGS.en, subject);
    expect(explained.sentence).toBe(sentence);
    expect(explained.kind).toBe(details.kind === 'not_found' ? 'not_found' : 'error');
  });

  it('has a Russian sentence for every case', () => {
    for (const [, details, english, subject] of cases) {
      const russian = explainProviderError(new ProviderError(details), COMMAND_STRINGS.ru, subject).sentence;
      expect(russian).not.toBe(english);
      expect(russian).toMatch(/[а-яё]/i);
    }
  });

  it('says the timeout and the retry wait in Russian too', () => {
    const ru = COMMAND_STRINGS.ru;
    expect(explainProviderError(new ProviderError({ provider: 'loveandpay', kind: 'timeout', message: '', timeoutMs: 10_000 }), ru).sentence).toBe(
      'Love&Pay не ответил за 10 с, попробуйте ещё раз',
    );
    expect(explainProviderError(new ProviderError({ provider: 'bank131', kind: 'not_found', message: '' }), ru, { object: 'receipt', id: RECEIPT }).sentence).toBe(
      'Чек 550e8400… не найден',
    );
  });

  it('keeps the request id for the reply', () => {
    const error = new ProviderError({ provider: 'loveandpay', kind: 'auth', message: '', code: 'INVALID_SIGNATURE', requestId: 'req_42' });
    expect(explainProviderError(error, COMMAND_STRINGS.en).requestId).toBe('req_42');
  });

  it('never repeats what the provider said, which may echo personal data', () => {
    const error = new ProviderError({ provider: 'loveandpay', kind: 'bad_request', message: 'phone +79991234567 is invalid' });
    expect(explainProviderError(error, COMMAND_STRINGS.en).sentence).not.toContain('7999');
  });
});

describe('provider failures through the emulators', () => {
  let harness: CommandHarness;
  beforeAll(async () => {
    harness = await startCommandHarness();
  });
  afterAll(() => harness.close());
  afterEach(() => harness.sandbox.control.clearFaults());

  const receiptId = () => harness.sandbox.data.receipts[0]!.id;

  it('turns Love&Pay server errors into a sentence with the request id', async () => {
    harness.sandbox.control.failRate('loveandpay', 1, 500);
    const text = await harness.consoleText([`/receipt ${receiptId()}`], viewer());
    expect(text).toMatch(/^Love&Pay had an internal error \(INTERNAL_ERROR\), try again later\n\nrequest id: \S+/);
  });

  it('says how long Stripe wants us to wait when it rate limits us', async () => {
    harness.sandbox.control.rateLimitBurst('stripe', 5, 60);
    const reply = await harness.runCommand('/kyc stripe', viewer());
    expect(reply).toMatchObject({ kind: 'error', title: 'Stripe is rate limiting us, try again in 60 s' });
  });

  it('says so when Bank 131 sends an answer that is not JSON', async () => {
    harness.sandbox.control.malformedNext('bank131', 5);
    const reply = await harness.runCommand('/check 1', viewer());
    expect(reply).toMatchObject({ kind: 'error', title: 'Bank 131 sent an answer we could not read; try again, and report it if it repeats' });
  });

  it('says so, in one short sentence, when Stripe sends a 300 MB answer, and reads no further than the limit', async () => {
    harness.sandbox.control.hugeNext('stripe', 300_000_000);
    const reply = await harness.runCommand('/kyc stripe', viewer());
    expect(reply).toEqual({
      kind: 'error',
      title: 'Stripe sent an answer larger than PROVIDER_MAX_RESPONSE_BYTES allows, so we stopped reading it',
      footer: [expect.stringMatching(/^request id: \S+$/)],
    });
    const progress = await waitFor(() => {
      const now = harness.sandbox.control.hugeProgress('stripe');
      return now.state === 'abandoned' ? now : undefined;
    });
    expect(progress.bytesSent).toBeLessThan(100_000_000);
    harness.sandbox.control.hugeNext('stripe', 300_000_000);
    expect((await harness.runCommand('/kyc stripe', viewer('ru'))).title).toBe(
      'Stripe прислал ответ больше, чем позволяет PROVIDER_MAX_RESPONSE_BYTES, и мы не стали его дочитывать',
    );
  });

  it('says Love&Pay did not answer in time', async () => {
    const providers = createProviders(providerSettings(harness.sandbox, { timeouts: { connectMs: 1_000, requestMs: 100 } }));
    try {
      harness.sandbox.control.setLatency('loveandpay', 400);
      const run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
      const reply = await run(`/receipt ${receiptId()}`, viewer());
      expect(reply).toMatchObject({ kind: 'error', title: 'Love&Pay did not answer in 0.1 s, try again' });
    } finally {
      await providers.close();
    }
  });

  it.each([
    ['a wrong Love&Pay secret', { secretKey: 'sk_test_wrong' }, 'Love&Pay rejected our signature (INVALID_SIGNATURE) — check LOVEANDPAY_SECRET_KEY'],
    ['an unknown Love&Pay key', { apiKey: 'pk_test_unknown' }, 'Love&Pay does not know our API key (INVALID_API_KEY) — check LOVEANDPAY_API_KEY'],
  ])('explains %s', async (_name, change, sentence) => {
    const settings = providerSettings(harness.sandbox);
    const providers = createProviders({ ...settings, loveandpay: { ...settings.loveandpay!, ...change } });
    try {
      const run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
      expect((await run('/kyc', viewer())).title).toBe(sentence);
    } finally {
      await providers.close();
    }
  });

  it('explains a wrong Stripe key and a wrong Bank 131 project', async () => {
    const settings = providerSettings(harness.sandbox);
    const providers = createProviders({
      ...settings,
      stripe: { apiBase: harness.sandbox.urls.stripe, secretKey: 'sk_test_wrong' },
      bank131: { baseUrl: harness.sandbox.urls.bank131, project: 'nobody' },
    });
    try {
      const run = createRunCommand({ providers, settings: { timeZone: 'Europe/Moscow', sandbox: true } });
      expect((await run('/kyc stripe', viewer())).title).toMatch(/^Stripe did not accept our credentials \(.+\) — check STRIPE_SECRET_KEY$/);
      expect((await run('/check 1', viewer())).title).toBe(
        'Bank 131 does not know our partner project (partner_project_not_found) — check BANK131_PROJECT',
      );
    } finally {
      await providers.close();
    }
  });
});

describe('replies that are not provider failures', () => {
  const unconfigured: Providers = { close: async () => {} };

  it('names the variables to set when a provider is not configured', async () => {
    const run = createRunCommand({ providers: unconfigured, settings: { timeZone: 'Europe/Moscow', sandbox: false } });
    expect(await run('/kyc stripe', viewer())).toMatchObject({ kind: 'error', title: 'Stripe is not configured: set STRIPE_SECRET_KEY.' });
    expect((await run('/kyc', viewer())).title).toBe('Love&Pay is not configured: set LOVEANDPAY_API_KEY and LOVEANDPAY_SECRET_KEY.');
    expect((await run('/check 7', viewer('ru'))).title).toBe('Банк 131 не настроен: задайте BANK131_PROJECT.');
  });

  it('answers an unexpected failure with a generic sentence and no stack trace', async () => {
    const run = createRunCommand({
      providers: unconfigured,
      settings: { timeZone: 'Europe/Moscow', sandbox: false },
      handlers: {
        'receipt:detail': async () => {
          throw new TypeError('Cannot read properties of undefined (reading "amount")');
        },
      },
    });
    const reply = await run(`/receipt ${RECEIPT}`, viewer());
    expect(reply).toEqual({ kind: 'error', title: 'Something went wrong on our side while answering; please try again.' });
  });
});
