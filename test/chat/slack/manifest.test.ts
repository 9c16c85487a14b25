import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_COMMANDS, SLACK_EVENTS_PATH } from '../../../src/chat/slack/index.js';
import { LOOKUP_SHORTCUT_ID } from '../../../src/chat/slack/message-shortcut.js';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    bot_user: { display_name: string };
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
    unfurl_domains?: string[];
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint?: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('registers exactly the slash commands the app listens to', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([...SLACK_COMMANDS]);
  });

  // Lengths and characters from the manifest schema as @slack/web-api documents it (types/request/manifest.d.ts).
  it('describes every command with a usage hint, within Slack\'s lengths', () => {
    for (const command of manifest.features.slash_commands) {
      expect(command.command.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeGreaterThan(10);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect(command.usage_hint?.length ?? 0).toBeGreaterThan(0);
      expect(command.usage_hint!.length).toBeLessThanOrEqual(1000);
    }
  });

  it('asks only for the scopes the app uses', () => {
    // commands: slash commands; chat:write(.public): alerts and shared answers; *:history: alert delivery keys;
    // files:write: an answer's file (the audit CSV, issue 15); im:write: the direct message a private file goes to;
    // channels:read, groups:read: who may see the Home tab (users.conversations); links:*: Stripe link unfurls (issue 19).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:write',
      'groups:history',
      'groups:read',
      'im:write',
      'links:read',
      'links:write',
    ]);
  });

  it('enables the Home tab, the message shortcut, the events and the Stripe unfurl domain the app listens to', () => {
    // The Messages tab only carries files the bot sends: read-only, as the bot reads no direct messages.
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true });
    // Schema limits: a shortcut's callback_id 255 characters, its description 150 (types/request/manifest.d.ts).
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: LOOKUP_SHORTCUT_ID, name: 'Look up in KYC Desk' })]);
    expect(manifest.features.shortcuts![0]!.description.length).toBeLessThanOrEqual(150);
    expect(manifest.features.unfurl_domains).toEqual(['dashboard.stripe.com']);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: `https://kyc-desk.example.com${SLACK_EVENTS_PATH}`,
      bot_events: ['app_home_opened', 'link_shared'],
    });
  });

  it("says in README how many places name the placeholder host, as many as the manifest's request URLs", () => {
    const urls = [...manifest.features.slash_commands.map((command) => command.url), manifest.settings.event_subscriptions!.request_url, manifest.settings.interactivity.request_url];
    expect(urls.every((url) => url.startsWith('https://kyc-desk.example.com/'))).toBe(true);
    const yaml = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'manifest.yml'), 'utf8');
    const outsideComments = yaml.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(outsideComments.filter((line) => line.includes('kyc-desk.example.com'))).toHaveLength(urls.length);
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const count = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][urls.length];
    expect(readme.replace(/\s+/g, ' ')).toContain(`\`kyc-desk.example.com\` (${count} places:`);
  });

  it('sends commands and button clicks to the route the app serves, on a placeholder host', () => {
    const url = `https://kyc-desk.example.com${SLACK_EVENTS_PATH}`;
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(new Set(manifest.features.slash_commands.map((command) => command.url))).toEqual(new Set([url]));
  });

  it('has a bot user, display information and the Socket Mode switch', () => {
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifest.display_information.name).toBe('KYC Desk');
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    // Slack wants a long description of 175 to 4,000 characters when there is one (docs.slack.dev/reference/app-manifest).
    expect(manifest.display_information.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description!.length).toBeLessThanOrEqual(4000);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
