/**
 * Access lists are closed when unset (DESIGN.md, "Data protection"): a Slack
 * without SLACK_ALLOWED_CHANNELS refuses every command, and a platform without
 * admins has nobody who sees unmasked data or manages subscriptions. Safe,
 * but surprising: start-up says so once, naming the variable to set.
 */
import type { Config } from '../config/load-config.js';

export interface AccessWarning {
  variable: 'SLACK_ALLOWED_CHANNELS' | 'SLACK_ADMINS' | 'TELEGRAM_ADMINS';
  message: string;
}

export function accessWarnings(config: Config): AccessWarning[] {
  const warnings: AccessWarning[] = [];
  if (config.SLACK_BOT_TOKEN && config.SLACK_ALLOWED_CHANNELS.length === 0) {
    warnings.push({
      variable: 'SLACK_ALLOWED_CHANNELS',
      message: 'SLACK_ALLOWED_CHANNELS is unset: Slack commands are refused in every channel; list channel ids, or * for every channel',
    });
  }
  if (config.SLACK_BOT_TOKEN && config.SLACK_ADMINS.length === 0) {
    warnings.push({
      variable: 'SLACK_ADMINS',
      message: 'SLACK_ADMINS is unset: nobody can manage subscriptions or see unmasked data in Slack',
    });
  }
  if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_ADMINS.length === 0) {
    warnings.push({
      variable: 'TELEGRAM_ADMINS',
      message: 'TELEGRAM_ADMINS is unset: nobody can manage subscriptions or see unmasked data in Telegram',
    });
  }
  return warnings;
}
