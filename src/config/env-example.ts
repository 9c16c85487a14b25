/**
 * The text of .env.example, generated from variables.ts (`npm run
 * env-example` writes it; test/env-example.test.ts keeps the committed file
 * equal to it). A variable with a default shows it commented out
 * (`#PORT=3000`); one without shows an empty value (`SLACK_BOT_TOKEN=`), which
 * loadConfig reads as unset.
 */
import { GROUPS, VARIABLE_NAMES, declared, defaultOf, type Group } from './variables.js';

const HEADER = [
  '# KYC Desk configuration. Copy to .env and fill in what you use; every line is optional.',
  '# With no provider credentials at all, KYC Desk runs in sandbox mode against built-in emulators.',
  '# Lines starting with #KEY= show the default; remove the # to change it.',
  '# Generated from src/config/variables.ts by `npm run env-example`: edit that table, not this file.',
];

/** Section rules are this wide, as the hand-written file had them. */
const RULE_WIDTH = 77;

export function envExample(): string {
  const sections = (Object.keys(GROUPS) as Group[]).map((group) => {
    const lines = VARIABLE_NAMES.filter((name) => declared(name).group === group).flatMap((name) => {
      const fallback = defaultOf(name);
      return [`# ${declared(name).description}`, fallback === undefined ? `${name}=` : `#${name}=${fallback}`];
    });
    const title = `# --- ${GROUPS[group]} `;
    return [title.padEnd(RULE_WIDTH, '-'), ...lines].join('\n');
  });
  return `${[HEADER.join('\n'), ...sections].join('\n\n')}\n`;
}
