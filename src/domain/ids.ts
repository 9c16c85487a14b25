/** Id shapes every layer recognises: Love&Pay's ids (sessions, customers, receipts, invoices) are UUIDs. */

/** A UUID's text, unanchored, to build larger patterns from (commands/audit.ts). */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

export const isUuid = (value: string): boolean => UUID.test(value);

/** The shape every UUID has, character by character: x is a hex digit. */
const UUID_TEMPLATE = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

/** Shortest prefix of a UUID taken as an id (the 8 characters every list shows). */
export const MIN_ID_PREFIX = 8;

/**
 * The first 8 or more characters of a UUID, not the whole of it: `db3bdb1b`,
 * `db3bdb1b-29`. Lists print ids this short (DESIGN.md, "Commands": an 8+
 * character prefix works wherever the uuid does).
 */
export function isUuidPrefix(value: string): boolean {
  if (value.length < MIN_ID_PREFIX || value.length >= UUID_TEMPLATE.length) return false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!.toLowerCase();
    const ok = UUID_TEMPLATE[i] === '-' ? char === '-' : /[0-9a-f]/.test(char);
    if (!ok) return false;
  }
  // A prefix ending on a hyphen says nothing more than the one without it.
  return !value.endsWith('-');
}
