/** What commands need from the configuration besides the providers (commands/handlers.ts, CommandSettings). */
import type { CommandSettings } from '../commands/handlers.js';
import type { Config } from '../config/load-config.js';
import { isStripeTestKey } from '../present/dashboard-links.js';
import type { ProviderSettings } from '../providers/index.js';

export function commandSettings(config: Config, providers: ProviderSettings): CommandSettings {
  return {
    timeZone: config.TZ_DISPLAY,
    sandbox: config.sandbox,
    dashboards: {
      loveandpay: config.LOVEANDPAY_DASHBOARD_URL,
      bank131: config.BANK131_DASHBOARD_URL,
      // The key in use decides: the sandbox's keys are test keys, so its links go to Stripe's test mode.
      stripeTestMode: isStripeTestKey(providers.stripe?.secretKey),
    },
    references: { stripe: config.STRIPE_CLIENT_REFERENCE, bank131: config.BANK131_PARTICIPANT_REFERENCE },
  };
}
