import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLoveAndPay } from '../../src/providers/loveandpay/sign.js';

describe('Love&Pay request signer', () => {
  it('matches a vector computed with openssl for a GET with an empty body', () => {
    // printf 'GET/api/v2/kyc/sessions1706012345678<sha256("")>' | openssl dgst -sha256 -hmac sk_test_vector_secret
    expect(
      signLoveAndPay({
        secretKey: 'sk_test_vector_secret',
        method: 'GET',
        path: '/api/v2/kyc/sessions',
        timestamp: '1706012345678',
        body: '',
      }),
    ).toBe('def67de1378ad5632a3f1891189904ebb13448b8f9439f6f22b00c522b1588db');
  });

  it('matches a vector computed with openssl for a POST with a JSON body', () => {
    expect(
      signLoveAndPay({
        secretKey: 'sk_test_vector_secret',
        method: 'POST',
        path: '/api/v2/invoices',
        timestamp: '1706012345678',
        body: '{"amount":1500}',
      }),
    ).toBe('fe921ed78288656838294d8aa476ae9bfce9c247ee1b8ac78614f3f15fc0398e');
  });

  it('equals HMAC-SHA256 of method, path, timestamp and the body hash, computed step by step with node:crypto', () => {
    const input = {
      secretKey: 'секрет-with-utf8',
      method: 'GET',
      path: '/api/v2/customers/550e8400-e29b-41d4-a716-446655440000',
      timestamp: '1717171717171',
      body: 'Иван',
    };
    const bodyHash = createHash('sha256').update(Buffer.from(input.body, 'utf8')).digest('hex');
    const message = Buffer.from(`${input.method}${input.path}${input.timestamp}${bodyHash}`, 'utf8');
    const expected = createHmac('sha256', Buffer.from(input.secretKey, 'utf8')).update(message).digest('hex');
    expect(signLoveAndPay(input)).toBe(expected);
    expect(signLoveAndPay(input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a lower-case method the same as its upper-case form', () => {
    const base = { secretKey: 'k', path: '/api/v2/kyc/sessions', timestamp: '1', body: '' };
    expect(signLoveAndPay({ ...base, method: 'get' })).toBe(signLoveAndPay({ ...base, method: 'GET' }));
  });

  it('changes when the path, timestamp, body or secret changes', () => {
    const base = { secretKey: 'k', method: 'GET', path: '/api/v2/kyc/sessions', timestamp: '1', body: '' };
    const reference = signLoveAndPay(base);
    expect(signLoveAndPay({ ...base, path: '/api/v2/customers' })).not.toBe(reference);
    expect(signLoveAndPay({ ...base, timestamp: '2' })).not.toBe(reference);
    expect(signLoveAndPay({ ...base, body: '{}' })).not.toBe(reference);
    expect(signLoveAndPay({ ...base, secretKey: 'other' })).not.toBe(reference);
  });
});
