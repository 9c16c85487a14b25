import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { SECRET_VARIABLES } from '../src/config/variables.js';
import { checkConfig, describeConfig, describeConfigError, maskUrlPassword } from '../src/config/check-config.js';

const SECRETS = {
  LOVEANDPAY_API_KEY: 'pk_live_4f9a8b7c6d5e4f3a2b1c',
  LOVEANDPAY_SECRET_KEY: 'lp-secret-0123456789abcdef',
  BANK131_PROJECT: 'merchant-project-77',
  STRIPE_SECRET_KEY: 'sk_live_51Hq2xYzAbCdEfGhIjKlMn',
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_APP_TOKEN: 'xapp-1-A0123456789-0123456789-abcdef0123',
  TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  TELEGRAM_WEBHOOK_SECRET: 'webhook_secret_token-42',
};

function lines(text: string): Map<string, string> {
  return new Map(text.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('describeConfig', () => {
  const env = {
    ...SECRETS,
    DATABASE_URL: 'postgres://kyc:s3cr%40t-pass@db.internal:5432/kyc_desk?sslmode=require',
    ALERT_SLACK_CHANNELS: 'C01,C02',
    PORT: '8080',
  };
  const text = describeConfig(loadConfig(env));
  const byName = lines(text);

  it('prints one KEY=value line for every variable', () => {
    expect(text.split('\n').every((line) => /^[A-Z][A-Z0-9_]*=/.test(line))).toBe(true);
    expect(byName.get('PORT')).toBe('8080');
    expect(byName.get('ALERT_SLACK_CHANNELS')).toBe('C01,C02');
    expect(byName.get('ALERT_CRON')).toBe('* * * * *');
    expect(byName.get('LOCALE')).toBe('');
    expect(byName.get('SANDBOX')).toBe('false');
    expect(text.split('\n')).toHaveLength(byName.size);
  });

  it('masks every secret, showing at most the kind of key', () => {
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(text, name).not.toContain(value);
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('SLACK_BOT_TOKEN')).toBe('xoxb-…(redacted)');
    expect(byName.get('SLACK_APP_TOKEN')).toBe('xapp-…(redacted)');
    expect(byName.get('STRIPE_SECRET_KEY')).toBe('sk_live_…(redacted)');
    expect(byName.get('LOVEANDPAY_API_KEY')).toBe('pk_…(redacted)');
    expect(byName.get('TELEGRAM_BOT_TOKEN')).toBe('***');
    expect(byName.get('SLACK_SIGNING_SECRET')).toBe('***');
    expect(SECRET_VARIABLES.every((name) => byName.get(name) !== undefined)).toBe(true);
  });

  it('masks the password inside DATABASE_URL and keeps the rest', () => {
    expect(byName.get('DATABASE_URL')).toBe('postgres://kyc:***@db.internal:5432/kyc_desk?sslmode=require');
    expect(text).not.toContain('s3cr');
  });

  it('shows what the sandbox demo really uses when nothing is set', () => {
    const defaults = lines(describeConfig(loadConfig({}), {}));
    expect(defaults.get('SANDBOX')).toBe('true');
    expect(defaults.get('DATABASE_URL')).toBe('file::memory:');
    expect(defaults.get('ALERT_CRON')).toBe('*/10 * * * * *');
    expect(defaults.get('LOG_LEVEL')).toBe('warn');
    expect(defaults.get('LOVEANDPAY_BASE_URL')).toBe('(built-in emulator, set at start)');
    expect(defaults.get('SLACK_BOT_TOKEN')).toBe('');
  });

  it('shows the SQLite default and the given values once live providers and a chat are configured', () => {
    const env = { STRIPE_SECRET_KEY: 'sk_test_abcdefghijklmnopqrstuvwxyz', TELEGRAM_BOT_TOKEN: '1:abc', ALERT_CRON: '*/5 * * * *' };
    const live = lines(describeConfig(loadConfig(env), env));
    expect(live.get('SANDBOX')).toBe('false');
    expect(live.get('DATABASE_URL')).toBe('file:./data/kyc-desk.sqlite');
    expect(live.get('ALERT_CRON')).toBe('*/5 * * * *');
    expect(live.get('LOG_LEVEL')).toBe('info');
    expect(live.get('STRIPE_API_BASE')).toBe('https://api.stripe.com');
  });

  it('says what the access lists mean: unset allows no channel and no admin, * every channel', () => {
    const slack = { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET };
    const unset = lines(describeConfig(loadConfig(slack), slack));
    expect(unset.get('SLACK_ALLOWED_CHANNELS')).toBe('(unset: no channel: every Slack command is refused)');
    expect(unset.get('SLACK_ADMINS')).toBe('(unset: nobody sees unmasked data or manages subscriptions in Slack)');
    expect(unset.get('TELEGRAM_ADMINS')).toBe('(unset: nobody sees unmasked data or manages subscriptions in Telegram)');
    const open = { ...slack, SLACK_ALLOWED_CHANNELS: '*', SLACK_ADMINS: 'U01,U02' };
    expect(lines(describeConfig(loadConfig(open), open)).get('SLACK_ALLOWED_CHANNELS')).toBe('* (every channel)');
    expect(lines(describeConfig(loadConfig(open), open)).get('SLACK_ADMINS')).toBe('U01,U02');
    const some = { ...slack, SLACK_ALLOWED_CHANNELS: 'C01, C02' };
    expect(lines(describeConfig(loadConfig(some), some)).get('SLACK_ALLOWED_CHANNELS')).toBe('C01,C02');
  });

  it('hides a short secret entirely rather than show a prefix of most of it', () => {
    const short = lines(describeConfig(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' })));
    expect(short.get('STRIPE_SECRET_KEY')).toBe('***');
  });
});

describe('maskUrlPassword', () => {
  it.each([
    ['postgres://kyc:pa:ss@db/kyc', 'postgres://kyc:***@db/kyc'],
    ['postgresql://kyc@db/kyc', 'postgresql://kyc@db/kyc'],
    ['postgres://db/kyc?user=kyc&password=hunter2&sslmode=require', 'postgres://db/kyc?user=kyc&password=***&sslmode=require'],
    ['https://user:hunter2@proxy.example/api/v2', 'https://user:***@proxy.example/api/v2'],
    ['postgres://kyc:hunter2@db:notaport/kyc', 'postgres://***'],
    ['file:./data/kyc-desk.sqlite', 'file:./data/kyc-desk.sqlite'],
  ])('turns %s into %s', (input, expected) => {
    expect(maskUrlPassword(input)).toBe(expected);
  });
});

describe('describeConfigError', () => {
  const bad = {
    PORT: 'hunter2-port',
    LOCALE: 'hunter2-locale',
    SLACK_API_URL: 'ftp://xoxb-hunter2-url',
    DATABASE_URL: 'mysql://kyc:hunter2-db@db/kyc',
    TELEGRAM_WEBHOOK_SECRET: 'hunter2 with spaces!',
    LOG_LEVEL: 'hunter2-level',
  };

  function configError(env: Record<string, string>): ConfigError {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('never puts a bad value into a ConfigError', () => {
    const error = configError(bad);
    expect(error.message).not.toContain('hunter2');
    expect(error.problems.join('\n')).not.toContain('hunter2');
  });

  it('gives one line per invalid variable, naming it once and never its value', () => {
    const text = describeConfigError(configError(bad), bad);
    const output = text.split('\n');

    expect(output).toHaveLength(Object.keys(bad).length);
    for (const name of Object.keys(bad)) {
      expect(output.filter((line) => line.includes(name)), name).toHaveLength(1);
    }
    expect(output).toContain('DATABASE_URL: must start with file: or postgres://');
    expect(text).not.toContain('hunter2');
  });

  it('merges several problems with one variable into its one line', () => {
    const error = new ConfigError(['PORT: Too big: expected number to be <=65535', 'PORT: Invalid input', 'LOCALE: bad']);
    expect(describeConfigError(error)).toBe('PORT: Too big: expected number to be <=65535; Invalid input\nLOCALE: bad');
  });

  it('blanks a secret or an invalid value even if a message were to quote it', () => {
    const error = new ConfigError(['LOCALE: "quoted-bad-value" is not en or ru', 'PORT: saw sk_live_abcdef123456 somewhere']);
    const env = { LOCALE: 'quoted-bad-value', STRIPE_SECRET_KEY: 'sk_live_abcdef123456' };
    expect(describeConfigError(error, env)).toBe('LOCALE: "***" is not en or ru\nPORT: saw *** somewhere');
  });

  it('names the missing half of the Love&Pay key pair', () => {
    const env = { LOVEANDPAY_API_KEY: 'pk_live_4f9a8b7c6d5e4f3a2b1c', SANDBOX: 'false' };
    expect(describeConfigError(configError(env), env)).toBe('LOVEANDPAY_SECRET_KEY: required together with the other Love&Pay key');
  });
});

describe('checkConfig', () => {
  it('reports success with the masked configuration', () => {
    const result = checkConfig({ SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET });
    expect(result.ok).toBe(true);
    expect(result.text).toContain('SLACK_BOT_TOKEN=xoxb-…(redacted)');
  });

  it('names the missing half of the Slack setup without printing the token', () => {
    const result = checkConfig({ SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN });
    expect(result.ok).toBe(false);
    expect(result.text).toBe('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  });

  it('refuses alert channels for a chat platform that is not configured', () => {
    const result = checkConfig({ ALERT_SLACK_CHANNELS: 'C0123', ALERT_TELEGRAM_CHATS: '-100123' });
    expect(result.ok).toBe(false);
    expect(result.text.split('\n')).toEqual([
      'ALERT_SLACK_CHANNELS: needs SLACK_BOT_TOKEN to post to Slack',
      'ALERT_TELEGRAM_CHATS: needs TELEGRAM_BOT_TOKEN to post to Telegram',
    ]);
  });

  it('takes * alone for SLACK_ALLOWED_CHANNELS, but not * among channel ids', () => {
    expect(loadConfig({ SLACK_ALLOWED_CHANNELS: '*' }).SLACK_ALLOWED_CHANNELS).toEqual(['*']);
    expect(loadConfig({ SLACK_ALLOWED_CHANNELS: '' }).SLACK_ALLOWED_CHANNELS).toEqual([]);
    const result = checkConfig({ SLACK_ALLOWED_CHANNELS: 'C01,*' });
    expect(result.ok).toBe(false);
    expect(result.text).toBe('SLACK_ALLOWED_CHANNELS: either * alone (every channel) or a comma list of channel ids, not both');
  });

  it('rejects an ALERT_CRON that node-cron cannot run', () => {
    const result = checkConfig({ ALERT_CRON: 'every minute' });
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/^ALERT_CRON: not a node-cron expression/);
  });

  it('shows the provider answer size limit, and refuses one that is not a whole number of bytes', () => {
    expect(checkConfig({}).text.split('\n')).toContain('PROVIDER_MAX_RESPONSE_BYTES=10000000');
    expect(checkConfig({ PROVIDER_MAX_RESPONSE_BYTES: '2000000' }).text.split('\n')).toContain('PROVIDER_MAX_RESPONSE_BYTES=2000000');
    const result = checkConfig({ PROVIDER_MAX_RESPONSE_BYTES: '10MB' });
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/^PROVIDER_MAX_RESPONSE_BYTES: /);
    expect(result.text).not.toContain('10MB');
  });

  it('reports failure with one line per invalid variable', () => {
    const result = checkConfig({ PORT: '99999', LOCALE: 'de' });
    expect(result.ok).toBe(false);
    expect(result.text.split('\n').map((line) => line.split(':')[0])).toEqual(['PORT', 'LOCALE']);
  });
});
