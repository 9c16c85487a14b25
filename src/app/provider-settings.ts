/**
 * Which provider clients the app builds, and against what: the built-in
 * emulators in sandbox mode, otherwise every provider whose credentials are
 * configured (a partial setup is allowed: the missing ones answer with the
 * variables to set).
 */
import type { ProviderState } from '../chat/console/banner.js';
import type { Config } from '../config/load-config.js';
import type { ProviderName } from '../domain/outcome.js';
import type { ProviderSettings } from '../providers/index.js';
import type { Sandbox } from '../sandbox/index.js';

export function providerSettings(config: Config, sandbox: Sandbox | null): ProviderSettings {
  const timeouts = { connectMs: config.PROVIDER_CONNECT_TIMEOUT_MS, requestMs: config.PROVIDER_TIMEOUT_MS };
  const maxResponseBytes = config.PROVIDER_MAX_RESPONSE_BYTES;
  if (sandbox) {
    const { urls, credentials } = sandbox;
    return {
      timeouts,
      maxResponseBytes,
      loveandpay: { baseUrl: urls.loveandpay, apiKey: credentials.loveandpayApiKey, secretKey: credentials.loveandpaySecretKey },
      bank131: { baseUrl: urls.bank131, project: credentials.bank131Project },
      stripe: { apiBase: urls.stripe, secretKey: credentials.stripeSecretKey },
    };
  }
  const { LOVEANDPAY_API_KEY: apiKey, LOVEANDPAY_SECRET_KEY: secretKey, BANK131_PROJECT: project, STRIPE_SECRET_KEY: stripeKey } = config;
  return {
    timeouts,
    maxResponseBytes,
    loveandpay: apiKey && secretKey ? { baseUrl: config.LOVEANDPAY_BASE_URL, apiKey, secretKey } : undefined,
    bank131: project ? { baseUrl: config.BANK131_BASE_URL, project } : undefined,
    stripe: stripeKey ? { apiBase: config.STRIPE_API_BASE, secretKey: stripeKey } : undefined,
  };
}

/** For the console banner: each provider live, sandboxed or not configured. */
export function providerStates(settings: ProviderSettings, sandbox: boolean): Record<ProviderName, ProviderState> {
  const state = (configured: unknown): ProviderState => (!configured ? 'off' : sandbox ? 'sandbox' : 'live');
  return { loveandpay: state(settings.loveandpay), bank131: state(settings.bank131), stripe: state(settings.stripe) };
}
