/** Id shapes every layer recognises: Love&Pay's ids (sessions, customers, receipts, invoices) are UUIDs. */

/** A UUID's text, unanchored, to build larger patterns from (commands/audit.ts). */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

export const isUuid = (value: string): boolean => UUID.test(value);
