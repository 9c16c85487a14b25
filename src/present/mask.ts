/**
 * Personal data masking, in one place (DESIGN.md, "Data protection"): phones,
 * emails, names, dates of birth, addresses and document numbers are masked
 * unless the user is an admin; verification links and receipt images are
 * shown to admins only. Handlers never format personal data themselves; they
 * ask a Masker, which also remembers whether it showed anything unmasked so
 * the reply can say so (Reply.unmasked).
 */

/** `+79991234567` -> `+7 999 ***-**-67`; other numbers keep their first 4 and last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return `+7 ${digits.slice(1, 4)} ***-**-${digits.slice(9)}`;
  }
  if (digits.length < 6) return '***';
  return `+${digits.slice(0, 4)} ***${digits.slice(-2)}`;
}

/** `client@example.com` -> `c***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}

/**
 * `Иван Иванов` -> `Иван И.`: the first word in full, every later word as an
 * initial. Love&Pay's fullName is "first last" (provider docs, GET /customers).
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  if (!first) return '';
  const initials = rest.map((word) => `${Array.from(word)[0]?.toUpperCase() ?? ''}.`);
  return [first, ...initials].join(' ');
}

/** `1990-01-15` -> `**.**.1990`: the year alone still tells an adult from a minor. */
export function maskDateOfBirth(date: string): string {
  const year = /^(\d{4})/.exec(date)?.[1];
  return year ? `**.**.${year}` : '**.**.****';
}

/** `****1234` or `4510 123456` -> `****34`. */
export function maskDocumentNumber(number: string): string {
  const tail = number.replace(/[^0-9A-Za-z]/g, '').slice(-2);
  return `****${tail}`;
}

/** `ul. Tverskaya 1, 125009 Moscow, RU` -> `***, RU`: the country alone, the last part of the line. */
function maskAddress(address: string): string {
  const parts = address.split(',').map((part) => part.trim()).filter(Boolean);
  const country = parts.length > 1 ? parts.at(-1) : undefined;
  return country && country.length <= 3 ? `***, ${country}` : '***';
}

export interface Masker {
  readonly isAdmin: boolean;
  phone(value: string): string;
  email(value: string): string;
  /** A full name, "first [middle] last". */
  name(value: string): string;
  dateOfBirth(value: string): string;
  documentNumber(value: string): string;
  /** A postal address on one line, parts separated by commas, the country code last. */
  address(value: string): string;
  /**
   * Something only admins may see at all, not even masked: a verification
   * link lets its holder finish someone's KYC, a receipt image shows the
   * payer. Null for everyone else.
   */
  adminOnly(value: string | null | undefined): string | null;
  /** True once any personal value was returned unmasked. */
  readonly unmasked: boolean;
}

export interface UnmaskedDisplay {
  /** How an admin sees a date of birth ("1990-01-15" -> "15 Jan 1990"); as received when absent. */
  day?: (value: string) => string;
}

export function createMasker(isAdmin: boolean, display: UnmaskedDisplay = {}): Masker {
  let unmasked = false;
  const guard =
    (mask: (value: string) => string, show: (value: string) => string = (value) => value) =>
    (value: string): string => {
      if (!isAdmin) return mask(value);
      unmasked = true;
      return show(value);
    };
  return {
    isAdmin,
    phone: guard(maskPhone),
    email: guard(maskEmail),
    name: guard(maskName),
    dateOfBirth: guard(maskDateOfBirth, display.day),
    documentNumber: guard(maskDocumentNumber),
    address: guard(maskAddress),
    adminOnly(value) {
      if (!isAdmin || value === null || value === undefined || value === '') return null;
      unmasked = true;
      return value;
    },
    get unmasked() {
      return unmasked;
    },
  };
}
