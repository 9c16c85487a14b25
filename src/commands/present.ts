/**
 * Small presentation helpers shared by the handlers: short ids, the masked
 * customer line, and the commands that open related objects.
 */
import { isUuid } from '../domain/ids.js';
import type { Field } from '../domain/reply.js';
import type { Masker } from '../present/mask.js';

/** A UUID's first 8 characters: enough to recognise it in a list (DESIGN.md, "Alerts"). */
export function shortId(id: string): string {
  return isUuid(id) ? id.slice(0, 8) : id;
}

/** The short form with an ellipsis, for sentences: "Receipt 550e8400… not found". */
export function shortIdEllipsis(id: string): string {
  return isUuid(id) ? `${id.slice(0, 8)}…` : id;
}

/** Email and phone as the caller may see them, joined; null when neither is known. */
export function contactLine(mask: Masker, contact: { email?: string | null; phone?: string | null }): string | null {
  const parts = [contact.email && mask.email(contact.email), contact.phone && mask.phone(contact.phone)].filter(
    (part): part is string => Boolean(part),
  );
  return parts.length ? parts.join(' · ') : null;
}

/** A field, left out when the value is missing, so cards never show "null". */
export function field(label: string, value: string | null | undefined, extra: Omit<Field, 'label' | 'value'> = {}): Field[] {
  return value === null || value === undefined || value === '' ? [] : [{ label, value, ...extra }];
}

/** `/customer <id>` only for Love&Pay customer UUIDs; merchants' own ids ("your-id-123") are not ours to look up. */
export function customerCommand(customerId: string | null | undefined): string | undefined {
  return customerId && isUuid(customerId) ? `/customer ${customerId}` : undefined;
}

export function invoiceCommand(invoiceId: string | null | undefined): string | undefined {
  return invoiceId && isUuid(invoiceId) ? `/kyc invoice ${invoiceId}` : undefined;
}
