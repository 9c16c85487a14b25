import { createHash, createHmac } from 'node:crypto';

/**
 * Love&Pay request signature (DESIGN.md, "Love&Pay API v2"):
 * hex(HMAC-SHA256(secretKey, METHOD + PATH + TIMESTAMP + hex(SHA256(body)))).
 * PATH is the full path with the /api/v2 prefix and without the query string;
 * TIMESTAMP is Unix milliseconds as a string; a GET signs the empty body.
 */
export function signLoveAndPay(input: {
  secretKey: string;
  method: string;
  path: string;
  timestamp: string;
  body: string;
}): string {
  const bodyHash = createHash('sha256').update(input.body, 'utf8').digest('hex');
  const payload = input.method.toUpperCase() + input.path + input.timestamp + bodyHash;
  return createHmac('sha256', input.secretKey).update(payload, 'utf8').digest('hex');
}
