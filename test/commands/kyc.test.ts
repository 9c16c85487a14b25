import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/chat/console/render.js';
import type { KycSessionLike } from '../../src/sandbox/index.js';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

const maskedPhone = (phone: string) => `+7 ${phone.slice(2, 5)} ***-**-${phone.slice(-2)}`;
const percent = (score: number) => `${Math.round(score * 100)}%`;
const sessions = (status?: string) => harness.sandbox.data.sessions.filter((s) => !status || s.status === status);
const first = (status: string): KycSessionLike => {
  const found = sessions(status)[0];
  if (!found) throw new Error(`the seed has no ${status} session`);
  return found;
};

describe('/kyc list', () => {
  it('shows the newest sessions with short ids, masked customers and counts per status', async () => {
    const text = await harness.consoleText(['/kyc'], viewer());
    const newest = sessions()[0]!;
    expect(text).toContain('Love&Pay KYC sessions');
    expect(text).toContain(`• ${newest.id.slice(0, 8)}  [`);
    expect(text).toContain(`→ /kyc ${newest.id}`);
    expect(text).toContain(maskedPhone(newest.customerPhone));
    expect(text).not.toContain(newest.customerPhone);
    for (const [status, word] of [
      ['APPROVED', 'approved'],
      ['DECLINED', 'declined'],
      ['IN_PROGRESS', 'in progress'],
      ['NOT_STARTED', 'not started'],
      ['EXPIRED', 'expired'],
    ] as const) {
      expect(text).toContain(`${word} ${sessions(status).length}`);
    }
    expect(text).toContain(`Page 1 of ${Math.ceil(sessions().length / 10)}`);
  });

  it('shows the outcome next to the native status for every session', async () => {
    const text = await harness.consoleText(['/kyc declined'], viewer());
    expect(text).toContain(`• ${first('DECLINED').id.slice(0, 8)}  [DECLINED]`);
    expect(text).not.toContain('· APPROVED]');
  });

  it('masks the phone for a viewer and shows it in full to an admin', async () => {
    const newest = sessions()[0]!;
    const forViewer = await harness.runCommand('/kyc', viewer());
    const forAdmin = await harness.runCommand('/kyc', admin());
    expect(forViewer.items?.[0]?.text).toContain(maskedPhone(newest.customerPhone));
    expect(forViewer.unmasked).toBeUndefined();
    expect(forAdmin.items?.[0]?.text).toContain(newest.customerPhone);
    expect(forAdmin.unmasked).toBe(true);
  });

  it('offers only Next on the first page and both Prev and Next on page 2', async () => {
    const approvedPages = Math.ceil(sessions('APPROVED').length / 10);
    expect(approvedPages).toBeGreaterThanOrEqual(3);
    const page1 = await harness.consoleText(['/kyc approved']);
    expect(page1).toContain('[Next → /kyc approved page:2]');
    expect(page1).not.toContain('[Prev');
    const page2 = await harness.runCommand('/kyc approved page:2', viewer());
    expect(page2.actions).toEqual([
      { label: 'Prev', role: 'page', command: '/kyc approved' },
      { label: 'Next', role: 'page', command: '/kyc approved page:3' },
    ]);
    expect(page2.items?.[0]?.title).toBe(sessions('APPROVED')[10]!.id.slice(0, 8));
  });

  it('says so when a page is past the end, and offers the way back', async () => {
    const reply = await harness.runCommand('/kyc expired page:50', viewer());
    const pages = Math.ceil(sessions('EXPIRED').length / 10);
    expect(reply.notes?.[0]?.text).toBe(`There is no page 50; the list has ${pages} ${pages === 1 ? 'page' : 'pages'}.`);
    expect(reply.actions).toEqual([{ label: 'Prev', role: 'page', command: `/kyc expired${pages > 1 ? ` page:${pages}` : ''}` }]);
  });

  it('lists the sessions of one invoice', async () => {
    const session = sessions().find((s) => s.invoiceId)!;
    const text = await harness.consoleText([`/kyc invoice ${session.invoiceId}`]);
    expect(text).toContain(`Love&Pay KYC sessions for invoice ${session.invoiceId!.slice(0, 8)}`);
    expect(text).toContain(`→ /kyc ${session.id}`);
  });

  it('answers in Russian for a Russian-speaking caller', async () => {
    const text = await harness.consoleText(['/kyc'], viewer('ru'));
    expect(text).toContain('KYC-сессии Love&Pay');
    expect(text).toContain(`одобрено ${sessions('APPROVED').length}`);
    expect(text).toContain('Страница 1 из');
    expect(text).toContain('[Далее → /kyc page:2]');
  });
});

describe('/kyc <uuid>', () => {
  it('shows an approved session with verification data, and links to its customer and invoice', async () => {
    const session = sessions('APPROVED').find((s) => s.invoiceId)!;
    const v = session.verification!;
    const text = await harness.consoleText([`/kyc ${session.id}`], viewer());
    expect(text).toContain(`Love&Pay KYC session ${session.id.slice(0, 8)}\nAPPROVED\n`);
    expect(text).toContain(`Customer: ${session.customerId} → /customer ${session.customerId}`);
    expect(text).toContain(`Invoice: ${session.invoiceId} → /kyc invoice ${session.invoiceId}`);
    const documentType = v.documentType === 'id_card' ? 'ID card' : 'passport';
    expect(text).toContain(`Document: ${documentType} · ${v.documentCountry}`);
    expect(text).toContain(`Face match: ${percent(v.faceMatchScore)}`);
    expect(text).toContain(`Liveness: ${percent(v.livenessScore)}`);
    expect(text).toContain('Verified at: ');
    expect(text).toContain(`Name: ${v.firstName} ${v.lastName[0]}.`);
    expect(text).toContain(`Date of birth: **.**.${v.dateOfBirth.slice(0, 4)}`);
    expect(text).not.toContain(v.lastName);
    expect(text).not.toContain('Verification link');
  });

  it('shows the full name, phone and date of birth to an admin and marks the reply unmasked', async () => {
    const session = first('APPROVED');
    const reply = await harness.runCommand(`/kyc ${session.id}`, admin());
    const value = (label: string) => reply.fields?.find((f) => f.label === label)?.value;
    expect(value('Name')).toBe(session.verification!.fullName);
    expect(value('Phone')).toBe(session.customerPhone);
    expect(value('Email')).toBe(session.customerEmail);
    expect(reply.unmasked).toBe(true);
  });

  it('shows an admin the verification link and its expiry while the customer has not finished', async () => {
    const session = first('IN_PROGRESS');
    const text = await harness.consoleText([`/kyc ${session.id}`], admin());
    expect(text).toContain('PENDING · IN_PROGRESS');
    expect(text).toContain(`Verification link: ${session.verificationUrl}`);
    expect(text).toContain(`[Verification page → ${session.verificationUrl}]`);
    expect(text).toContain('Link expires: ');
    expect(text).toContain('ℹ The customer has not finished verification yet.');
  });

  it('never shows a viewer the verification link: whoever holds it can finish the KYC', async () => {
    const session = first('IN_PROGRESS');
    const reply = await harness.runCommand(`/kyc ${session.id}`, viewer());
    expect(renderText(reply)).not.toContain(session.verificationUrl);
    expect(reply.actions?.some((action) => action.url)).toBe(false);
    expect(renderText(reply)).toContain('Link expires: ');
  });

  it('explains an expired session', async () => {
    const text = await harness.consoleText([`/kyc ${first('EXPIRED').id}`], viewer());
    expect(text).toContain('\nEXPIRED\n');
    expect(text).toContain('⚠ The session expired before the customer finished; start a new one.');
  });

  it('says which session was not found', async () => {
    const reply = await harness.runCommand('/kyc 00000000-0000-4000-8000-000000000000', viewer());
    expect(reply.kind).toBe('not_found');
    expect(reply.title).toBe('KYC session 00000000… not found');
  });

  it('formats dates in Moscow time for the locale', async () => {
    const session = first('APPROVED');
    const en = await harness.runCommand(`/kyc ${session.id}`, viewer());
    const ru = await harness.runCommand(`/kyc ${session.id}`, viewer('ru'));
    const moscow = new Date(Date.parse(session.createdAt) + 3 * 3600_000);
    const hhmm = `${String(moscow.getUTCHours()).padStart(2, '0')}:${String(moscow.getUTCMinutes()).padStart(2, '0')}`;
    // Every time shown carries its age (issue 15): "25 Feb 2025, 18:33 (21 mo ago)".
    expect(en.fields?.find((f) => f.label === 'Created')?.value).toMatch(new RegExp(`^${moscow.getUTCDate()} [A-Z][a-z]{2} ${moscow.getUTCFullYear()}, ${hhmm} \\(.+ ago\\)$`));
    expect(ru.fields?.find((f) => f.label === 'Дата создания')?.value).toMatch(new RegExp(`^${moscow.getUTCDate()} .+ ${moscow.getUTCFullYear()} г\\., ${hhmm} \\(.+ назад\\)$`));
  });
});
