/**
 * Russian phone numbers as people type them, to the +7XXXXXXXXXX form
 * Love&Pay stores (loveandpay-get-customers: `"phone": "+79991234567"`) and
 * its /customers/check endpoint looks up.
 */

/** Only digits, spaces and the separators people put in phone numbers. */
const PHONE_CHARACTERS = /^\+?[0-9 ().\-]+$/;

export type PhoneReading =
  /** Not a phone at all: a name or other search text. */
  | { kind: 'not_phone' }
  /** A few bare digits: a search for part of a number, which the customer search matches. */
  | { kind: 'partial' }
  | { kind: 'phone'; phone: string }
  | { kind: 'bad_phone' };

/**
 * `+7 999 123-45-67`, `8 (999) 123 45 67`, `89991234567`, `79991234567` and
 * `9991234567` all read as +79991234567. In Russia a leading 8 is the trunk
 * prefix that +7 replaces; ten digits are a number without either.
 */
export function readPhone(text: string): PhoneReading {
  if (!PHONE_CHARACTERS.test(text)) return { kind: 'not_phone' };
  const digits = text.replace(/[^0-9]/g, '');
  if (digits === '') return { kind: 'not_phone' };
  if (text.startsWith('+')) {
    return digits.length === 11 && digits.startsWith('7') ? { kind: 'phone', phone: `+${digits}` } : { kind: 'bad_phone' };
  }
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return { kind: 'phone', phone: `+7${digits.slice(1)}` };
  }
  if (digits.length === 10) return { kind: 'phone', phone: `+7${digits}` };
  if (digits.length < 10 && /^[0-9 ]+$/.test(text)) return { kind: 'partial' };
  return { kind: 'bad_phone' };
}
