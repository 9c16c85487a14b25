/**
 * The sandbox demo in the console (issue 17): a DECLINED alert prints as a
 * card with Take and Resolve as text buttons (the command lines to type),
 * and typing them moves the item: the card prints again in its new state,
 * with each change under it.
 */
import { afterEach, describe, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import { startConsoleApp } from '../support/console-app.js';

describe('review buttons in the console demo', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
  });

  it('shows Take and Resolve on a declined card as text buttons that work when typed', async () => {
    const consoleApp = await startConsoleApp();
    const { input, seen } = consoleApp;
    app = consoleApp.app;
    await app.alerts.sweepOnce();
    const session = app.sandbox!.data.stripeSessions.find((s) => s.status === 'requires_input' && !s.last_error)!;
    app.sandbox!.control.setStripeStatus(session.id, 'requires_input', 'document_expired');
    await app.alerts.sweepOnce();

    await seen(`[Take → /kyc take ${session.id}] [Resolve → /kyc resolve ${session.id}]`);
    input.write(`/kyc take ${session.id}\n`);
    await seen(`You are reviewing Stripe Identity session ${session.id}.`);
    await seen('✎ Card updated:');
    await seen('Reviewing: @console since');
    await seen('↳ Taken by @console at');

    input.write(`/kyc resolve ${session.id}\n`);
    await seen(`[customer contacted → /kyc resolve ${session.id} customer_contacted]`);
    input.write(`/kyc resolve ${session.id} false_alarm duplicate account\n`);
    await seen('Resolved by @console: false alarm');
    await seen('Note: duplicate account');
    await seen(`[Reopen → /kyc reopen ${session.id}]`);
    input.end();
    await app.consoleDone;
  });
});
