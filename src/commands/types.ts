import type { Caller } from '../domain/caller.js';
import type { Reply } from '../domain/reply.js';

/**
 * The one entry point every chat adapter calls: a command line as typed
 * (`/kyc approved page:2`) and who typed it, to a neutral Reply. It never
 * throws; failures come back as replies with kind 'error'.
 */
export type RunCommand = (line: string, caller: Caller) => Promise<Reply>;

/**
 * Told when a chat adapter refuses a command or a button before it runs (a
 * channel or chat not allowed), so the refusal reaches the audit log too.
 */
export type RecordRefusal = (line: string, caller: Caller) => void;
