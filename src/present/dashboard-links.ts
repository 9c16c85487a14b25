/**
 * Links into the providers' own dashboards (DESIGN.md, "Configuration"):
 * Stripe's are built in, in test or live mode as the secret key is; Love&Pay
 * and Bank 131 publish none, so LOVEANDPAY_DASHBOARD_URL and
 * BANK131_DASHBOARD_URL are templates with `{id}`, and without them there is
 * no link.
 */
import type { ProviderName } from '../domain/outcome.js';

export interface DashboardSettings {
  /** LOVEANDPAY_DASHBOARD_URL: a session's page, `{id}` for its id. */
  loveandpay?: string;
  /** BANK131_DASHBOARD_URL: a check's page, `{id}` for its id. */
  bank131?: string;
  /** True for a test-mode key (sk_test_..., rk_test_...): Stripe keeps test objects under /test/. */
  stripeTestMode?: boolean;
}

/** The test-mode key prefixes (docs.stripe.com/keys: "sk_test_", and "rk_test_" for restricted keys). */
export function isStripeTestKey(key: string | undefined): boolean {
  return key !== undefined && /^(?:sk|rk)_test_/.test(key);
}

export function dashboardUrl(settings: DashboardSettings | undefined, provider: ProviderName, id: string): string | null {
  if (!settings) return null;
  const encoded = encodeURIComponent(id);
  switch (provider) {
    case 'stripe':
      return `https://dashboard.stripe.com/${settings.stripeTestMode ? 'test/' : ''}identity/verification-sessions/${encoded}`;
    case 'loveandpay':
      return settings.loveandpay ? settings.loveandpay.replaceAll('{id}', encoded) : null;
    case 'bank131':
      return settings.bank131 ? settings.bank131.replaceAll('{id}', encoded) : null;
  }
}
