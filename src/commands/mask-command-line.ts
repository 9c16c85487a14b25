/**
 * A command line as the audit log keeps it (issue 7: "command with personal
 * data masked"). A line that parses is written back canonically with its
 * search text, phone or email masked; a line that does not parse keeps only
 * the words that cannot be personal data, because the parser could not say
 * which words are names.
 */
import { UUID_SOURCE } from '../domain/ids.js';
import { maskEmail, maskName, maskPhone } from '../present/mask.js';
import { parseCommand, toCommandLine } from './parse.js';
import type { CommandRequest, ParseResult } from './request.js';

/** Enough to recognise the command in the audit log; longer lines are cut. */
const MAX_AUDIT_LINE = 200;

/** The command word: `/kyc`, `/kyc@KycDeskBot`. */
const COMMAND_WORD = /^\/[a-z]{1,20}(@\w{1,64})?$/i;
/**
 * Ids and filters with the values the grammar gives them: they say nothing
 * about a person. Any other word may be part of a name, and any number part
 * of a phone or a document, so they are masked.
 */
const SAFE_WORD = new RegExp(
  `^(${UUID_SOURCE}|vs_\\w{1,60}|kyc:(pending|verified|rejected)|level:(new|[0-3])|page:\\d{1,4}|invoice:${UUID_SOURCE}|(after|before):vs_\\w{1,60})$`,
  'i',
);

/** `parsed` saves a second parse when the caller already has one. */
export function maskCommandLine(line: string, parsed: ParseResult = parseCommand(line)): string {
  const masked = parsed.ok ? toCommandLine(maskRequest(parsed.request)) : maskUnparsed(line);
  return masked.length > MAX_AUDIT_LINE ? `${masked.slice(0, MAX_AUDIT_LINE - 1)}…` : masked;
}

function maskRequest(request: CommandRequest): CommandRequest {
  if (request.command !== 'customer') return request;
  if (request.action === 'search' && request.search) return { ...request, search: maskSearch(request.search) };
  if (request.action === 'check') {
    return { ...request, phone: request.phone && maskPhone(request.phone), email: request.email && maskEmail(request.email) };
  }
  return request;
}

function maskSearch(text: string): string {
  if (text.includes('@')) return maskEmail(text);
  if (/\d{5,}/.test(text.replace(/\D/g, ''))) return maskPhone(text);
  return maskName(text)
    .split(' ')
    .map((word, index) => (index === 0 ? `${Array.from(word)[0] ?? ''}***` : word))
    .join(' ');
}

function maskUnparsed(line: string): string {
  return line
    .slice(0, MAX_AUDIT_LINE * 2)
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word, index) => ((index === 0 && COMMAND_WORD.test(word)) || SAFE_WORD.test(word) ? word : '***'))
    .join(' ');
}
