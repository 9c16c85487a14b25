import type { Caller } from '../domain/chat.js';
import type { Reply, ResultKind } from '../domain/reply.js';
import type { ParseResult } from './request.js';

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

/**
 * Every answer, told once it is given (the audit log and the metrics listen):
 * the line with the parse the command ran on, so nobody parses it again, and
 * how it ended. A refusal before the command ran is 'refused' in 0 ms.
 */
export interface CommandAnswer {
  line: string;
  parsed: ParseResult;
  caller: Caller;
  /** The reply's kind: the result the audit log and metrics record. */
  result: ResultKind;
  durationMs: number;
}

export type OnAnswer = (answer: CommandAnswer) => void;
