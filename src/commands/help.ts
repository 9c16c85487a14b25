/**
 * `/kyc help` and friends, and the usage reply for input that does not fit
 * the grammar. Both are built from the same grammar table so they never
 * disagree. No provider is called for either.
 */
import type { ListItem, Reply } from '../domain/reply.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { Handler, HelpRequest } from './handlers.js';
import { COMMAND_NAMES, type CommandName } from '../domain/commands.js';
import type { UsageProblem } from './request.js';

/** Examples are command lines, the same in every language. */
const EXAMPLES: Record<CommandName, readonly string[]> = {
  kyc: ['/kyc approved', '/kyc declined since:7d', '/kyc declined page:2', '/kyc 550e8400', '/kyc stripe requires_input'],
  customer: ['/customer Иван', '/customer +7 999 123-45-67', '/customer client@example.com', '/customer 550e8400', '/customer kyc:verified level:2'],
  receipt: ['/receipt 550e8400-e29b-41d4-a716-446655440000'],
  check: ['/check 7', '/check 7 watch'],
};

export const help: Handler<HelpRequest> = async (request, { t }) => commandHelp(request.command, t, 'ok');

function commandHelp(command: CommandName, t: CommandStrings, kind: Reply['kind']): Reply {
  return {
    kind,
    title: t.help.title(command),
    items: grammarItems(command, t),
    notes: [{ tone: 'info', text: [`${t.help.examples}:`, ...EXAMPLES[command]].join('\n') }],
  };
}

/** Every command with what it is for; each item opens that command's help. */
function overviewHelp(t: CommandStrings, kind: Reply['kind']): Reply {
  return {
    kind,
    title: t.help.overviewTitle,
    items: COMMAND_NAMES.map((command) => ({
      title: `/${command}`,
      text: t.help.about[command],
      command: `/${command} help`,
    })),
    notes: [{ tone: 'info', text: [`${t.help.examples}:`, ...COMMAND_NAMES.map((c) => EXAMPLES[c][0])].join('\n') }],
  };
}

/**
 * Input that does not fit the grammar: the problem in one line, "did you
 * mean" when a grammar word is close to what was typed, and where the full
 * usage is (`/kyc help`), never the whole of it. The suggestion and the
 * help are buttons too.
 */
export function usageReply(usage: UsageProblem, t: CommandStrings): Reply {
  if (usage.problem === 'general_help') return overviewHelp(t, 'ok');
  const helpLine = usage.command ? `/${usage.command} help` : 'help';
  const suggestion = usage.problem === 'other_command' ? undefined : usage.suggestion;
  return {
    kind: 'usage',
    title: explainProblem(usage, t),
    notes: [
      ...(suggestion ? [{ tone: 'info' as const, text: t.usage.didYouMean(suggestion) }] : []),
      { tone: 'info', text: usage.command ? t.usage.seeHelp(helpLine) : t.usage.seeCommands(COMMAND_NAMES.map((name) => `/${name}`).join(', ')) },
    ],
    actions: [
      ...(suggestion ? [{ label: t.usage.runSuggestion, command: suggestion, role: 'open' as const }] : []),
      { label: t.usage.helpButton, command: helpLine, role: 'open' },
    ],
  };
}

function explainProblem({ problem, token }: UsageProblem, t: CommandStrings): string {
  const sentence = t.usage.problems[problem];
  if (sentence && (token !== undefined || sentence.length === 0)) return sentence(quote(token ?? ''));
  return token !== undefined ? t.usage.fallback(quote(token)) : t.usage.fallbackNoToken;
}

const quote = (token: string): string => `"${token}"`;

function grammarItems(command: CommandName, t: CommandStrings): ListItem[] {
  return t.help.grammar[command].map(([syntax, meaning]) => ({ title: syntax, text: meaning }));
}
