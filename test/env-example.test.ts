import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../src/config/check-config.js';
import { envExample } from '../src/config/env-example.js';
import { loadConfig } from '../src/config/load-config.js';

const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

/** KEY=value lines, active or shown as a commented default (#KEY=value). */
function entries(): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of example.split('\n')) {
    const match = /^#?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

describe('.env.example', () => {
  it('is the text generated from the variable table (run `npm run env-example` after changing it)', () => {
    expect(example).toBe(envExample());
  });

  it('lists every configuration variable, each under its own comment', () => {
    const variables = describeConfig(loadConfig({})).split('\n').map((line) => line.split('=')[0]);
    expect([...entries().keys()].sort()).toEqual([...variables].sort());
    const lines = example.split('\n');
    lines.forEach((line, index) => {
      if (/^#?[A-Z][A-Z0-9_]*=/.test(line)) expect(lines[index - 1]).toMatch(/^# \S/);
    });
  });

  it('shows defaults that the configuration accepts as they are', () => {
    const defaults = Object.fromEntries([...entries()].filter(([, value]) => value !== ''));
    expect(() => loadConfig(defaults)).not.toThrow();
  });
});
