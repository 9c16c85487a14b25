import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/chat/console/render.js';
import type { Reply } from '../../../src/domain/reply.js';
import { createFormatter } from '../../../src/present/format.js';

describe('the plain-text renderer', () => {
  it('renders every part of a reply: title, badge, fields, items, notes, actions and footer', () => {
    const reply: Reply = {
      kind: 'ok',
      title: 'Love&Pay KYC session 550e8400',
      badge: { outcome: 'APPROVED', native: 'APPROVED' },
      fields: [
        { label: 'ID', value: '550e8400-e29b-41d4-a716-446655440000', mono: true },
        { label: 'Customer', value: 'c-1', link: { command: '/customer c-1' } },
        { label: 'Image', value: 'receipt.jpg', link: { url: 'https://example.com/r.jpg' } },
        { label: 'Link', value: 'https://example.com/v', link: { url: 'https://example.com/v' } },
      ],
      items: [{ title: '550e8400', text: 'c***@example.com · 23 Jan 2024, 15:00', badge: { outcome: 'PENDING', native: 'IN_PROGRESS' }, command: '/kyc 550e8400' }],
      notes: [
        { tone: 'info', text: 'Examples:\n/kyc approved' },
        { tone: 'warning', text: 'Careful' },
        { tone: 'error', text: 'Failed' },
      ],
      actions: [
        { label: 'Prev', role: 'page', command: '/kyc approved' },
        { label: 'Next', role: 'page', command: '/kyc approved page:3' },
        { label: 'Image', role: 'open', url: 'https://example.com/r.jpg' },
      ],
      footer: ['Page 2 of 5', '47 sessions'],
    };
    expect(renderText(reply)).toBe(
      [
        'Love&Pay KYC session 550e8400',
        // The native status is left out where it only repeats the outcome (issue 15: a status is said once).
        'APPROVED',
        '',
        'ID: 550e8400-e29b-41d4-a716-446655440000',
        'Customer: c-1 → /customer c-1',
        'Image: receipt.jpg <https://example.com/r.jpg>',
        'Link: https://example.com/v',
        '',
        '• 550e8400  [PENDING · IN_PROGRESS]',
        '  c***@example.com · 23 Jan 2024, 15:00',
        '  → /kyc 550e8400',
        '',
        'ℹ Examples:',
        '  /kyc approved',
        '⚠ Careful',
        '✖ Failed',
        '',
        '[Prev → /kyc approved] [Next → /kyc approved page:3] [Image → https://example.com/r.jpg]',
        '',
        'Page 2 of 5 · 47 sessions',
      ].join('\n'),
    );
  });

  it("prints a row's customer and invoice links as the lines they run", () => {
    const text = renderText({
      kind: 'ok',
      title: 'Sessions',
      items: [{ title: 'a', command: '/kyc a', links: [{ label: 'Customer', command: '/customer c' }, { label: 'Invoice', command: '/kyc invoice i' }] }],
    });
    expect(text).toBe('Sessions\n\n• a\n  → /kyc a\n  Customer → /customer c\n  Invoice → /kyc invoice i');
  });

  it('renders a bare reply as its title alone', () => {
    expect(renderText({ kind: 'error', title: 'Love&Pay did not answer in 10 s, try again' })).toBe(
      'Love&Pay did not answer in 10 s, try again',
    );
  });
});

describe('formatting for the locale', () => {
  const en = createFormatter('en', 'Europe/Moscow');
  const ru = createFormatter('ru', 'Europe/Moscow');

  it('writes rubles with space groups and the sign after, in both languages', () => {
    expect(en.rubles(15000)).toBe('15 000 ₽');
    expect(ru.rubles(15000)).toBe('15 000 ₽');
    expect(ru.rubles(1234567.5)).toBe('1 234 567,5 ₽');
    expect(en.rubles(1500.25)).toBe('1 500.25 ₽');
    expect(en.rubles(0)).toBe('0 ₽');
  });

  it('writes counts and percentages the way each language does, with plain spaces', () => {
    expect(en.number(12345)).toBe('12,345');
    expect(ru.number(12345)).toBe('12 345');
    expect(en.percent(0.98)).toBe('98%');
    expect(ru.percent(0.95)).toBe('95 %');
  });

  it('shows instants in the display time zone', () => {
    expect(en.dateTime('2024-01-23T12:00:00.000Z')).toBe('23 Jan 2024, 15:00');
    expect(ru.dateTime('2024-01-23T12:00:00.000Z')).toBe('23 янв. 2024 г., 15:00');
    expect(createFormatter('en', 'Asia/Vladivostok').dateTime('2024-01-23T20:30:00Z')).toBe('24 Jan 2024, 06:30');
    expect(en.dateTime(1706011200)).toBe('23 Jan 2024, 15:00');
  });

  it('never shifts a calendar date by the time zone', () => {
    expect(createFormatter('en', 'America/Los_Angeles').day('2024-01-23')).toBe('23 Jan 2024');
    expect(ru.day('1990-01-15')).toBe('15 янв. 1990 г.');
    expect(en.day('soon')).toBe('soon');
  });
});
