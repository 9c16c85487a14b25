import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMITS } from '../../../src/chat/telegram/limits.js';
import { renderTelegram } from '../../../src/chat/telegram/render.js';
import type { Reply } from '../../../src/domain/reply.js';

const session: Reply = {
  kind: 'ok',
  title: 'Love&Pay KYC session cd85675d',
  badge: { outcome: 'APPROVED', native: 'APPROVED' },
  fields: [
    { label: 'ID', value: 'cd85675d-8edb-4390-b322-d9c33e00e046', mono: true },
    { label: 'Customer', value: '02f426c8', mono: true, link: { command: '/customer 02f426c8-2e53-4a2e-b97b-7de02e6187b8' } },
    { label: 'Image', value: 'receipt.jpg', link: { url: 'https://storage.example/r.jpg?a=1&b="2"' } },
    { label: 'Name', value: 'Константин Н.' },
  ],
  footer: ['Times in Europe/Moscow'],
};

describe('Telegram HTML renderer', () => {
  it('shows a bold title, the outcome with the native status, fields as lines and ids as code', () => {
    const { chunks } = renderTelegram(session, 'en');
    expect(chunks).toEqual([
      [
        '<b>Love&amp;Pay KYC session cd85675d</b>',
        // The native status only when it adds something (issue 15): Love&Pay's APPROVED does not.
        '✅ <b>APPROVED</b>',
        '',
        'ID: <code>cd85675d-8edb-4390-b322-d9c33e00e046</code>',
        'Customer: <code>02f426c8</code>',
        'Image: <a href="https://storage.example/r.jpg?a=1&amp;b=&quot;2&quot;">receipt.jpg</a>',
        'Name: Константин Н.',
        '',
        '<i>Times in Europe/Moscow</i>',
      ].join('\n'),
    ]);
  });

  it('escapes every provider string, so markup in a name shows literally', () => {
    const hostile = '<b>x</b> & <a href="javascript:alert(1)">y</a>';
    const { chunks } = renderTelegram(
      {
        kind: 'ok',
        title: `Customer ${hostile}`,
        badge: { outcome: 'UNKNOWN', native: '<i>NEW</i>' },
        fields: [{ label: 'Name', value: hostile }],
        items: [{ title: hostile, text: hostile }],
        notes: [{ tone: 'warning', text: hostile }],
        footer: [hostile],
      },
      'en',
    );
    const html = chunks.join('\n');
    const escaped = '&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;';
    expect(html.split(escaped).length - 1).toBe(6);
    expect(html).toContain('(<code>&lt;i&gt;NEW&lt;/i&gt;</code>)');
    // The only tags left are the renderer's own.
    expect(html.match(/<\/?[a-z]+/g)?.filter((tag) => !['<b', '</b', '<i', '</i', '<code', '</code'].includes(tag))).toEqual([]);
  });

  it('shows a link that is not a web address as text, never as a link', () => {
    const { chunks, keyboard } = renderTelegram(
      {
        kind: 'ok',
        title: 'Receipt',
        fields: [{ label: 'Image', value: 'open me', link: { url: 'javascript:alert(1)' } }],
        actions: [{ label: 'Image', role: 'open', url: 'file:///etc/passwd' }],
      },
      'en',
    );
    expect(chunks[0]).toContain('Image: open me');
    expect(chunks[0]).not.toContain('<a');
    expect(keyboard).toEqual([]);
  });

  it('turns list items, paging and actions into buttons that carry their command lines', () => {
    const { chunks, keyboard } = renderTelegram(
      {
        kind: 'ok',
        title: 'Love&Pay KYC sessions',
        items: Array.from({ length: 7 }, (_, index) => ({
          title: `session ${index + 1}`,
          badge: { outcome: 'PENDING' as const, native: 'IN_PROGRESS' },
          command: `/kyc 00000000-0000-4000-8000-00000000000${index}`,
        })),
        actions: [
          { label: '← Prev', role: 'page', command: '/kyc page:1' },
          { label: 'Next →', role: 'page', command: '/kyc page:3' },
          { label: 'Receipt image', role: 'open', url: 'https://storage.example/r.jpg' },
          { label: 'Invoice sessions', role: 'open', command: '/kyc invoice 4de144e2-5c85-454a-b216-c8c2f1800c84' },
        ],
      },
      'en',
    );
    expect(chunks[0]).toContain('1. <b>session 1</b> · ⏳ <b>PENDING</b> (<code>IN_PROGRESS</code>)');
    expect(keyboard.map((row) => row.map((button) => button.text))).toEqual([
      ['1', '2', '3', '4', '5'],
      ['6', '7'],
      ['← Prev', 'Next →'],
      ['Receipt image', 'Invoice sessions'],
    ]);
    expect(keyboard[0]?.[0]).toEqual({ text: '1', command: '/kyc 00000000-0000-4000-8000-000000000000', edit: false });
    expect(keyboard[2]?.[1]).toEqual({ text: 'Next →', command: '/kyc page:3', edit: true });
    expect(keyboard[3]?.[0]).toEqual({ text: 'Receipt image', url: 'https://storage.example/r.jpg' });
  });

  it('gives a field link a button unless an action already runs the same command', () => {
    const withAction = renderTelegram(
      { ...session, actions: [{ label: 'Customer', role: 'open', command: '/customer 02f426c8-2e53-4a2e-b97b-7de02e6187b8' }] },
      'en',
    );
    expect(withAction.keyboard.flat().map((button) => button.text)).toEqual(['Customer']);
    const alone = renderTelegram(session, 'en');
    expect(alone.keyboard.flat()).toEqual([
      { text: 'Customer', command: '/customer 02f426c8-2e53-4a2e-b97b-7de02e6187b8', edit: false },
    ]);
  });

  it('gives each row that links to its customer or invoice a keyboard row of its own', () => {
    const { keyboard } = renderTelegram(
      {
        kind: 'ok',
        title: 'Sessions',
        items: [
          { title: 'a', command: '/kyc a', links: [{ label: 'Customer', command: '/customer c' }, { label: 'Invoice', command: '/kyc invoice i' }] },
          { title: 'b', command: '/kyc b' },
        ],
      },
      'en',
    );
    expect(keyboard).toEqual([
      [
        { text: '1', command: '/kyc a', edit: false },
        { text: '1 · Customer', command: '/customer c', edit: false },
        { text: '1 · Invoice', command: '/kyc invoice i', edit: false },
      ],
      [{ text: '2', command: '/kyc b', edit: false }],
    ]);
  });

  it('keeps link-shaped provider text inert, so no Telegram client turns it into a link', () => {
    const { chunks } = renderTelegram(
      {
        kind: 'ok',
        title: 'Receipt',
        fields: [{ label: 'Bank', value: 'Pay at https://evil.example/pay or www.evil.example' }],
        notes: [{ tone: 'info', text: 'see evil.example, write to c***@example.com' }],
      },
      'en',
    );
    const html = chunks.join('\n');
    expect(html).toContain('Bank: Pay at <code>https://evil.example/pay</code> or <code>www.evil.example</code>');
    expect(html).toContain('see <code>evil.example</code>, write to c***@example.com');
  });

  it('keeps the keyboard within Telegram’s 100 buttons', () => {
    const { keyboard } = renderTelegram(
      {
        kind: 'ok',
        title: 'Many',
        items: Array.from({ length: 150 }, (_, index) => ({ title: `#${index}`, command: `/check ${index}` })),
      },
      'en',
    );
    expect(keyboard.flat()).toHaveLength(TELEGRAM_LIMITS.inlineKeyboardButtons);
    expect(Math.max(...keyboard.map((row) => row.length))).toBeLessThanOrEqual(TELEGRAM_LIMITS.inlineKeyboardRowButtons);
  });

  it('uses bullets for a list without buttons, such as help', () => {
    const { chunks, keyboard } = renderTelegram(
      { kind: 'ok', title: 'Help: /kyc', items: [{ title: '/kyc <uuid>', text: 'one Love&Pay session' }] },
      'en',
    );
    expect(chunks[0]).toContain('• <b>/kyc &lt;uuid&gt;</b>\n    one Love&amp;Pay session');
    expect(keyboard).toEqual([]);
  });

  it('marks an answer with unmasked personal data, in the reader’s language', () => {
    const { chunks } = renderTelegram({ kind: 'ok', title: 'Клиент', unmasked: true }, 'ru');
    expect(chunks[0]).toContain('<i>Персональные данные без маскировки: не пересылайте это сообщение.</i>');
  });

  it('splits a 9,000-character reply into messages of at most 4,096 characters, at line breaks', () => {
    const fields = Array.from({ length: 150 }, (_, index) => ({ label: `Line ${index}`, value: `${'x'.repeat(40)} <${index}>` }));
    const { chunks } = renderTelegram({ kind: 'ok', title: 'Long', fields }, 'en');
    expect(chunks.join('\n').length).toBeGreaterThan(9_000);
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4_096);
    // Every field line arrives whole, in order.
    const lines = chunks.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('Line '));
    expect(lines).toEqual(fields.map((f) => `${f.label}: ${'x'.repeat(40)} &lt;${f.label.slice(5)}&gt;`));
  });
});
