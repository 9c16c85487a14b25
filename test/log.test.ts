/**
 * Keys and tokens never reach the logs, even inside free text: a provider's
 * error message that echoes our key, an error's stack, a URL with a bot
 * token in it. Redaction by key name cannot see those; the logger scrubs
 * every string by the token's shape.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { redactSecrets } from '../src/redact-secrets.js';

function capturedLogger(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

describe('redactSecrets', () => {
  it.each([
    ['a Stripe live secret key', 'Invalid API Key provided: sk_live_51Hq2xYzAbCdEfGhIjKlMn', 'Invalid API Key provided: sk_live_[redacted]'],
    ['a Stripe test secret key', 'key=sk_test_4eC39HqLyjWDarjtT1zdp7dc.', 'key=sk_test_[redacted].'],
    ['a Stripe restricted key', '"rk_live_abcdef1234567890" and rk_test_ABCDEF123456', '"rk_live_[redacted]" and rk_test_[redacted]'],
    ['a Stripe publishable key', 'pk_live_TYooMQauvdEDq54NiTphI7jx', 'pk_live_[redacted]'],
    ['a Stripe webhook secret', 'secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'secret whsec_[redacted]'],
    ['a Love&Pay public key', 'x-api-key pk_test_Q2xW9eR7tY5uI3oP1aS8dF6g', 'x-api-key pk_test_[redacted]'],
    ['a Love&Pay secret key', 'secret sk_test_Zx8Cv6Bn4Mq2Wr0Ty9Ui7Op5As3Df1Gh', 'secret sk_test_[redacted]'],
    ['a Love&Pay key without live/test', 'pk_4f9a8b7c6d5e4f3a2b1c0d9e', 'pk_[redacted]'],
    ['a Slack bot token', 'token xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp rejected', 'token xoxb-[redacted] rejected'],
    ['a Slack user token', 'xoxp-1111111111-2222222222-3333333333-abcdef0123456789', 'xoxp-[redacted]'],
    ['a Slack app token', 'xapp-1-A0123456789-0123456789-abcdef0123', 'xapp-[redacted]'],
    ['a Slack refresh token', 'xoxe-1-My0xLTEyMzQ1Njc4OTAxMi0xMjM0NTY3ODkwMTIz', 'xoxe-[redacted]'],
    ['a Slack config token', 'xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAxMi0', 'xoxe.xoxp-[redacted]'],
    ['a Telegram bot token', 'token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw!', 'token [redacted]!'],
    [
      'a Telegram bot token inside a Bot API URL',
      'POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage failed',
      'POST https://api.telegram.org/bot[redacted]/sendMessage failed',
    ],
    ['a Bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'Authorization: Bearer [redacted]'],
    ['a Bearer key', "header 'Authorization: bearer sk_live_51Hq2xYzAbCdEfGh'", "header 'Authorization: bearer [redacted]'"],
  ])('hides %s', (_name, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    'kyc_desk_provider_requests_total',
    'column pk_customer_id',
    'desk_sk_live is not a key',
    'request id req_8f2d9c1b, session 550e8400-e29b-41d4-a716-446655440000, vs_1NXWPnCo6b',
    'at 2025-03-01T12:00:00.000Z, 12:34:56, HTTP 401',
    'Invalid API Key provided: sk_test_****abcd',
    'You need to provide your API key in the Authorization header, using Bearer auth',
    'Could not reach Bank 131 (ECONNREFUSED 127.0.0.1:4101)',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('the logger', () => {
  const KEY = 'sk_live_abc123def456ghi789jkl012';
  const BOT = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

  it('scrubs keys from an error message and stack, nested fields, the message and its arguments', () => {
    const { logger, lines, entries } = capturedLogger();
    const error = Object.assign(new Error(`Invalid API Key provided: ${KEY}`), { code: 'invalid_api_key' });
    error.cause = new Error(`GET https://api.telegram.org/bot${BOT}/getMe failed`);
    logger.warn({ err: error, details: { url: new URL(`https://api.telegram.org/bot${BOT}/getMe`), seen: [`Bearer ${KEY}`] } }, `refused %s`, KEY);

    const text = lines.join('');
    expect(text).not.toContain(KEY.slice(8));
    expect(text).not.toContain(BOT.slice(10));
    const [entry] = entries();
    expect(entry!.msg).toBe('refused sk_live_[redacted]');
    // pino's serialiser appends the causes' messages.
    expect(entry!.err).toMatchObject({
      type: 'Error',
      message: 'Invalid API Key provided: sk_live_[redacted]: GET https://api.telegram.org/bot[redacted]/getMe failed',
      code: 'invalid_api_key',
    });
    expect(entry!.err.stack).toMatch(/^Error: Invalid API Key provided: sk_live_\[redacted\]\n\s+at /);
    expect(entry!.err.stack).toContain('caused by: Error: GET https://api.telegram.org/bot[redacted]/getMe failed');
    expect(entry!.details).toEqual({ url: 'https://api.telegram.org/bot[redacted]/getMe', seen: ['Bearer [redacted]'] });
  });

  it('scrubs an error logged on its own, and the message pino takes from it', () => {
    const { logger, lines, entries } = capturedLogger();
    logger.error(new TypeError(`token xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp is invalid`));
    expect(lines.join('')).not.toContain('AbCdEfGhIjKlMnOp');
    expect(entries()[0]).toMatchObject({ msg: 'token xoxb-[redacted] is invalid', err: { type: 'TypeError', message: 'token xoxb-[redacted] is invalid' } });
  });

  it('scrubs what a child logger logs, and still redacts by key name', () => {
    const { logger, lines, entries } = capturedLogger();
    logger.child({ area: 'alerts' }).info({ endpoint: `https://api.telegram.org/bot${BOT}`, apiKey: 'plain-value-no-shape', phone: '+79991234567' }, 'hello');
    expect(lines.join('')).not.toContain(BOT.slice(10));
    expect(entries()[0]).toMatchObject({ area: 'alerts', endpoint: 'https://api.telegram.org/bot[redacted]', apiKey: '[redacted]', phone: '[redacted]', msg: 'hello' });
  });

  it('keeps circular and repeated values readable', () => {
    const { logger, entries } = capturedLogger();
    const shared = { id: 'x' };
    const loop: Record<string, unknown> = { name: 'loop', shared, again: shared };
    loop.self = loop;
    logger.info({ loop }, 'circular');
    expect(entries()[0]!.loop).toEqual({ name: 'loop', shared: { id: 'x' }, again: { id: 'x' }, self: '[Circular]' });
  });
});
