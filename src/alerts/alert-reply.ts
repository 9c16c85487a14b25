/**
 * AlertEvent -> Reply: one alert card, or one digest listing several
 * (DESIGN.md, "Alerts: what must hold": outcome in capitals, provider, the
 * object's id, native status, masked customer, a button to open it).
 * Details arrive already masked from the sweeps; this file only labels and
 * formats them.
 */
import type { Locale } from '../domain/chat.js';
import { PROVIDER_TITLES } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import type { Field, ListItem, Reply } from '../domain/reply.js';
import { createFormatter, type Formatter } from '../present/format.js';
import { ALERT_STRINGS, type AlertStrings } from '../present/i18n/alerts.js';
import { COMMAND_STRINGS, type CommandStrings } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { openCommand } from '../present/review-commands.js';
import type { AlertEvent } from '../store/types.js';
import { isUuid } from '../domain/ids.js';
import { outcomeWord } from '../present/badge.js';

export interface AlertView {
  locale: Locale;
  /** IANA zone for times (TZ_DISPLAY). */
  timeZone: string;
}

/** Strings and formatter for one locale and zone, made once for many alerts (Intl formatters are costly to build). */
export interface AlertPresenter {
  view: AlertView;
  t: AlertStrings;
  commands: CommandStrings;
  format: Formatter;
}

export function alertPresenter(view: AlertView): AlertPresenter {
  return {
    view,
    t: pick(ALERT_STRINGS, view.locale),
    commands: pick(COMMAND_STRINGS, view.locale),
    format: createFormatter(view.locale, view.timeZone),
  };
}


/** A Love&Pay UUID's first 8 characters; Stripe and Bank 131 ids in full (DESIGN.md, "Alerts"). */
function displayId(event: Pick<AlertEvent, 'provider' | 'objectId'>): string {
  return event.provider === 'loveandpay' ? event.objectId.slice(0, 8) : event.objectId;
}

/** The outcome in capitals, in the chat's language (DESIGN.md, "Alerts"). */
function alertTitle(event: AlertEvent, p: AlertPresenter): string {
  const { t } = p;
  return t.alert.title(outcomeWord(event.outcome, p.view.locale), PROVIDER_TITLES[event.provider], t.alert.objects[event.provider](displayId(event)));
}

/**
 * The customer card of the person an alert is about, when the provider names
 * them by a Love&Pay customer id: a Love&Pay session's customerId, a Stripe
 * client_reference_id, a Bank 131 participant.reference.
 */
function customerCommandOf(event: AlertEvent): string | undefined {
  const key = event.provider === 'loveandpay' ? 'customerId' : event.provider === 'stripe' ? 'reference' : 'participant';
  const id = event.details[key];
  return typeof id === 'string' && isUuid(id) ? `/customer ${id.toLowerCase()}` : undefined;
}

export function alertReply(event: AlertEvent, p: AlertPresenter): Reply {
  const { t } = p;
  const toCustomer = customerCommandOf(event);
  return {
    kind: 'ok',
    title: alertTitle(event, p),
    // The provider's own status shows in the badge, where it says more than the outcome: once.
    badge: { outcome: event.outcome, native: event.native },
    fields: [
      { label: t.alert.provider, value: PROVIDER_TITLES[event.provider] },
      { label: t.alert.id, value: event.objectId, mono: true },
      ...detailFields(event, t, p.commands, p.format),
    ],
    actions: [
      { label: t.alert.open, command: openCommand(event), role: 'open' },
      ...(toCustomer ? [{ label: t.alert.customer, command: toCustomer, role: 'open' as const }] : []),
    ],
  };
}

/** One line of a digest: what and whose, the outcome badge, and the same open command as the alert's button. */
export function digestItem(event: AlertEvent, p: AlertPresenter): ListItem {
  const { t } = p;
  const facts = detailFields(event, t, p.commands, p.format);
  const wanted = new Set([t.alert.customer, t.alert.contact, t.alert.reference, t.alert.error]);
  const text = facts
    .filter((field) => wanted.has(field.label))
    .map((field) => field.value)
    .join(' · ');
  return {
    // The badge beside it names the outcome in capitals.
    title: `${PROVIDER_TITLES[event.provider]} ${t.alert.objects[event.provider](displayId(event))}`,
    text: text || undefined,
    badge: { outcome: event.outcome, native: event.native },
    command: openCommand(event),
  };
}

/**
 * Several alerts for one chat as one message, from their digest items.
 * `remaining` counts the alerts that follow in later messages, named by the
 * "… and N more" tail.
 */
export function digestReply(items: ListItem[], remaining: number, p: AlertPresenter): Reply {
  const { t, format } = p;
  return {
    kind: 'ok',
    title: t.digest.title(format.number(items.length + remaining)),
    items,
    notes: remaining > 0 ? [{ tone: 'info', text: t.digest.more(format.number(remaining)) }] : undefined,
  };
}

function detailFields(event: AlertEvent, t: AlertStrings, c: CommandStrings, format: Formatter): Field[] {
  const d = event.details;
  const text = (key: string): string | null => {
    const value = d[key];
    return value === null || value === undefined || value === '' ? null : String(value);
  };
  const score = (key: string): string | null => {
    const value = d[key];
    return typeof value === 'number' && Number.isFinite(value) ? format.percent(value) : null;
  };
  const time = (key: string): string | null => {
    const value = text(key);
    return value === null ? null : format.dateTime(value);
  };
  const documentType = text('documentType');
  const document = [documentType && (own(c.kycSession.documentTypes, documentType) ?? documentType), text('documentCountry')]
    .filter(Boolean)
    .join(' · ');
  const fields: Array<[string, string | null, boolean?]> = [
    [t.alert.customer, text('customer')],
    [t.alert.contact, text('contact')],
    [t.alert.reference, text('reference'), true],
    [t.alert.document, document || null],
    [t.alert.faceMatch, score('faceMatchScore')],
    [t.alert.liveness, score('livenessScore')],
    [t.alert.verifiedAt, time('verifiedAt')],
    [t.alert.occurredAt, event.occurredAt && !d.verifiedAt ? format.dateTime(event.occurredAt) : null],
    [t.alert.description, description(text('description'), c)],
    [t.alert.participant, text('participant'), true],
    [t.alert.earlierCheck, text('earlierCheckId'), true],
    [t.alert.error, errorText(event, c)],
  ];
  return fields.flatMap(([label, value, mono]) => (value === null ? [] : [{ label, value, ...(mono ? { mono } : {}) }]));
}

/** Bank 131's documented descriptions in the chat's language, as /check shows them; any other as it came. */
function description(value: string | null, c: CommandStrings): string | null {
  return value === null ? null : (own(c.check.descriptions, value) ?? value);
}

/** The provider's error code explained with the command strings' sentences, so alerts and /check say the same. */
function errorText(event: AlertEvent, c: CommandStrings): string | null {
  const code = event.details.errorCode;
  if (typeof code !== 'string' || !code) return null;
  if (event.provider === 'bank131') return own(c.check.codes, code) ?? c.check.unknownCode(code);
  if (event.provider === 'stripe') return own(c.stripe.errors, code) ?? c.stripe.unknownError(code);
  return code;
}
