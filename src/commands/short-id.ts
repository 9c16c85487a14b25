/**
 * Short ids (DESIGN.md, "Commands": an 8+ character prefix of a known uuid
 * works wherever the uuid does). Lists print the first 8 characters of a
 * Love&Pay UUID, so people type those back; the store's index knows every
 * session and customer id the bot has seen, and a prefix is looked up there.
 * One match is the object; several are a short list to pick from; a match of
 * the other kind (a customer's id given to /kyc) answers where it fits.
 */
import { isUuid } from '../domain/ids.js';
import type { ListItem, Reply } from '../domain/reply.js';
import type { HandlerContext } from './handlers.js';
import { Redirect } from './redirect.js';

/** Matches listed when a prefix is ambiguous: enough to pick from, short enough to read. */
const MAX_MATCHES = 8;

type Kind = 'session' | 'customer';

const COMMAND: Record<Kind, string> = { session: '/kyc', customer: '/customer' };

/** The full id a (possibly short) id stands for, or the reply that says why there is none or which to pick. */
export async function resolveShortId(id: string, kind: Kind, context: HandlerContext): Promise<string | Reply> {
  if (isUuid(id)) return id;
  const { t } = context;
  if (!context.index) return { kind: 'usage', title: t.shortId.noIndex(id) };
  const found = await context.index.findIdsByPrefix(id, MAX_MATCHES + 1);
  const own = kind === 'session' ? found.sessions : found.customers;
  const other = kind === 'session' ? found.customers : found.sessions;
  const otherKind: Kind = kind === 'session' ? 'customer' : 'session';
  if (own.length === 1) return own[0]!;
  if (own.length === 0 && other.length === 1) {
    throw new Redirect(`${COMMAND[otherKind]} ${other[0]}`, t.shortId.otherKind[otherKind](id));
  }
  if (own.length === 0 && other.length === 0) {
    const maybeCheck = /^[0-9]+$/.test(id) ? [t.shortId.maybeCheck(`/check ${id}`)] : [];
    return { kind: 'not_found', title: t.shortId.unknown(id), notes: [{ tone: 'info', text: [t.shortId.wholeId, ...maybeCheck].join(' ') }] };
  }
  const items: ListItem[] = [
    ...own.slice(0, MAX_MATCHES).map((match) => ({ title: match, text: t.shortId.kinds[kind], command: `${COMMAND[kind]} ${match}` })),
    ...other.slice(0, MAX_MATCHES).map((match) => ({ title: match, text: t.shortId.kinds[otherKind], command: `${COMMAND[otherKind]} ${match}` })),
  ];
  const more = own.length + other.length > MAX_MATCHES;
  return {
    kind: 'ok',
    title: t.shortId.several(id),
    items: items.slice(0, MAX_MATCHES),
    notes: [{ tone: 'info', text: more ? t.shortId.typeMore : t.shortId.pick }],
  };
}
