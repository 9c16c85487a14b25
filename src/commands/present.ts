/**
 * Small presentation helpers shared by the handlers: short ids, the masked
 * customer line, and the commands that open related objects.
 */
import { isUuid } from '../domain/ids.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Action, Field, ItemLink } from '../domain/reply.js';
import { dashboardUrl } from '../present/dashboard-links.js';
import type { Masker } from '../present/mask.js';
import type { CustomerField, HandlerContext } from './handlers.js';

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

/** "23 Jan 2024, 15:00 (3 hr ago)": every time a reply shows, with its age. */
export function shownTime(value: string | Date | number | null | undefined, { format, now }: HandlerContext): string | null {
  return value === null || value === undefined || value === '' ? null : format.when(value, now());
}

/**
 * When a row's verification happened, in one phrase: "decided <when>" once
 * the verdict's time is known, else "started <when>".
 */
export function verdictTime(times: { decidedAt?: Date | string | null; startedAt?: Date | string | number | null }, context: HandlerContext): string | null {
  const decided = shownTime(times.decidedAt, context);
  if (decided) return context.t.common.decided(decided);
  const started = shownTime(times.startedAt, context);
  return started ? context.t.common.started(started) : null;
}

/** The provider's dashboard page of an object, as a row link; none when no link is configured. */
export function dashboardLinks(provider: ProviderName, id: string, { settings, t }: HandlerContext): ItemLink[] {
  const url = dashboardUrl(settings.dashboards, provider, id);
  return url ? [{ label: t.common.dashboard(t.common.providers[provider]), url }] : [];
}

/** The same as a button on a card. */
export function dashboardActions(provider: ProviderName, id: string, context: HandlerContext): Action[] {
  return dashboardLinks(provider, id, context).flatMap((link) => ('url' in link ? [{ label: link.label, url: link.url, role: 'open' as const }] : []));
}

/**
 * A provider's reference to a customer (Stripe client_reference_id, Bank 131
 * participant.reference) as the caller may see it: a customer id as it is,
 * an email or a phone (STRIPE_CLIENT_REFERENCE, BANK131_PARTICIPANT_REFERENCE)
 * masked like any other.
 */
export function shownReference(reference: string, field: CustomerField | undefined, mask: Masker): string {
  if (field === 'email' && reference.includes('@')) return mask.email(reference);
  if (field === 'phone') return mask.phone(reference);
  return reference;
}
