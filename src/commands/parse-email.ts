/**
 * Email addresses for Love&Pay's /customers/check?email= lookup. Addresses
 * are compared lower-cased: domains are case-insensitive (RFC 5321 §2.4) and
 * providers treat local parts the same way in practice.
 */

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
const MAX_EMAIL_LENGTH = 254;
/** A pragmatic shape: something@domain.tld with no spaces, brackets, quotes, commas or colons. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"._][^\s@<>()[\]\\,;:"]*\.[^\s@<>()[\]\\,;:".0-9]{2,}$/u;

export function readEmail(text: string): string | undefined {
  const email = text.toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email) || email.includes('..')) return undefined;
  return email;
}
