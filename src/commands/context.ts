/**
 * What every handler receives besides its request: who asked, the provider
 * clients, and the presentation helpers already set up for the caller's
 * locale, time zone and role.
 */
import type { Caller } from '../domain/caller.js';
import type { Reply } from '../domain/reply.js';
import type { Formatter } from '../present/format.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { Masker } from '../present/mask.js';
import type { Providers } from '../providers/index.js';

export interface CommandSettings {
  /** IANA zone for every time shown (TZ_DISPLAY). */
  timeZone: string;
  /** True when the providers are the built-in emulators. */
  sandbox: boolean;
}

export interface HandlerContext {
  caller: Caller;
  providers: Providers;
  settings: CommandSettings;
  now: () => Date;
  /** The caller's locale's strings. */
  t: CommandStrings;
  format: Formatter;
  /** Masks personal data unless the caller is an admin; one per reply. */
  mask: Masker;
}

export type Handler<R> = (request: R, context: HandlerContext) => Promise<Reply>;
