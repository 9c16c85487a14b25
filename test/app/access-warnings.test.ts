import { describe, expect, it } from 'vitest';
import { accessWarnings } from '../../src/app/access-warnings.js';
import { loadConfig } from '../../src/config/load-config.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'signing-secret-0123' };
const TELEGRAM = { TELEGRAM_BOT_TOKEN: '1:abc' };

describe('start-up warnings about closed access', () => {
  it('warns once that nobody can manage subscriptions or see unmasked data when a platform has no admins', () => {
    const warnings = accessWarnings(loadConfig({ ...SLACK, ...TELEGRAM, SLACK_ALLOWED_CHANNELS: '*' }));
    expect(warnings).toEqual([
      { variable: 'SLACK_ADMINS', message: 'SLACK_ADMINS is unset: nobody can manage subscriptions or see unmasked data in Slack' },
      { variable: 'TELEGRAM_ADMINS', message: 'TELEGRAM_ADMINS is unset: nobody can manage subscriptions or see unmasked data in Telegram' },
    ]);
  });

  it('warns that Slack refuses every channel while SLACK_ALLOWED_CHANNELS is unset', () => {
    expect(accessWarnings(loadConfig({ ...SLACK, SLACK_ADMINS: 'U01' })).map((warning) => warning.variable)).toEqual(['SLACK_ALLOWED_CHANNELS']);
  });

  it('says nothing about platforms that are not configured, or that are configured with admins and channels', () => {
    expect(accessWarnings(loadConfig({}))).toEqual([]);
    expect(accessWarnings(loadConfig({ ...SLACK, ...TELEGRAM, SLACK_ADMINS: 'U01', SLACK_ALLOWED_CHANNELS: 'C01', TELEGRAM_ADMINS: '42' }))).toEqual([]);
  });
});
