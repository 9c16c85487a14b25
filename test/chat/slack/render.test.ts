import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../../src/chat/slack/limits.js';
import { escapeAndCut, renderSlack, slackActionRole, type SlackBlock, type SlackButton, type SlackMessage, type SlackOverflow } from '../../../src/chat/slack/render.js';
import { slackStrings } from '../../../src/chat/slack/strings.js';
import type { Outcome } from '../../../src/domain/outcome.js';
import type { Reply } from '../../../src/domain/reply.js';

/** Every Slack limit the renderer promises to keep (src/chat/slack/limits.ts). */
function expectWithinSlackLimits(message: SlackMessage): void {
  const { blocks } = message;
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(blocks.reduce((sum, block) => sum + JSON.stringify(block).length, 0)).toBeLessThanOrEqual(SLACK_LIMITS.blocksTotalCharacters);
  const actionIds: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        expect(block.text.text.length).toBeGreaterThan(0);
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        break;
      case 'section':
        expect(block.text !== undefined || (block.fields?.length ?? 0) > 0).toBe(true);
        if (block.text) expectText(block.text.text, SLACK_LIMITS.sectionText);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
        for (const field of block.fields ?? []) expectText(field.text, SLACK_LIMITS.fieldText);
        if (block.accessory?.type === 'overflow') actionIds.push(expectOverflow(block.accessory));
        else if (block.accessory) actionIds.push(expectButton(block.accessory));
        break;
      case 'context':
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
        for (const element of block.elements) expectText(element.text, SLACK_LIMITS.textObject);
        break;
      case 'actions':
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const button of block.elements) actionIds.push(expectButton(button));
        break;
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
  expectVerbatim(message);
}

/** Every mrkdwn object is verbatim: Slack links nothing in provider text on its own. */
function expectVerbatim(message: SlackMessage): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (object.type === 'mrkdwn') expect(object.verbatim).toBe(true);
    Object.values(object).forEach(visit);
  };
  visit(message.blocks);
}

function expectText(text: string, limit: number): void {
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(limit);
}

function expectOverflow(menu: SlackOverflow): string {
  expect(menu.options.length).toBeGreaterThan(0);
  expect(menu.options.length).toBeLessThanOrEqual(SLACK_LIMITS.overflowOptions);
  for (const option of menu.options) {
    expectText(option.text.text, SLACK_LIMITS.optionText);
    expectText(option.value, SLACK_LIMITS.optionValue);
  }
  expect(slackActionRole(menu.action_id)).toBe('open');
  return menu.action_id;
}

function expectButton(button: Extract<SlackBlock, { type: 'actions' }>['elements'][number]): string {
  expect(button.text.text.length).toBeGreaterThan(0);
  expect(button.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
  expect(button.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
  expect(slackActionRole(button.action_id)).not.toBeNull();
  expect(button.value !== undefined || button.url !== undefined).toBe(true);
  if (button.value !== undefined) expect(button.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
  if (button.url !== undefined) expect(button.url.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonUrl);
  return button.action_id;
}

/** Every mrkdwn string in the message, for escaping checks. */
function mrkdwnTexts(message: SlackMessage): string[] {
  return [
    message.text,
    ...message.blocks.flatMap((block) => {
      if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
      if (block.type === 'context') return block.elements.map((element) => element.text);
      return [];
    }),
  ];
}

/** The message's buttons (row menus are checked on their own). */
function buttons(message: SlackMessage): SlackButton[] {
  return message.blocks.flatMap((block) => {
    if (block.type === 'actions') return block.elements;
    if (block.type === 'section' && block.accessory?.type === 'button') return [block.accessory];
    return [];
  });
}

function moreCount(message: SlackMessage): number {
  const last = message.blocks
    .filter((block): block is Extract<SlackBlock, { type: 'context' }> => block.type === 'context')
    .flatMap((block) => block.elements.map((element) => element.text))
    .map((text) => /^… and (\d+) more$/.exec(text))
    .find(Boolean);
  return last ? Number(last[1]) : 0;
}

const session: Reply = {
  kind: 'ok',
  title: 'Love&Pay KYC session 3f0c2a1e',
  badge: { outcome: 'APPROVED', native: 'APPROVED' },
  fields: [
    { label: 'ID', value: '3f0c2a1e-7c1d-4a51-9d7b-0c5c1a2b3c4d', mono: true },
    { label: 'Name', value: 'Иван И.' },
    { label: 'Phone', value: '+7 999 ***-**-67' },
    { label: 'Verification link', value: 'Open', link: { url: 'https://verify.loveandpay.io/kyc/3f0c2a1e' } },
    { label: 'Customer', value: 'c-42', link: { command: '/customer 2b1d8e0a-0000-4000-8000-000000000042' } },
  ],
  notes: [{ tone: 'info', text: 'Verified by document and selfie.' }],
  footer: ['Times in Europe/Moscow'],
};

const list = (count: number, page = 1): Reply => ({
  kind: 'ok',
  title: 'Love&Pay KYC sessions',
  items: Array.from({ length: count }, (_, index) => ({
    title: `session ${index + 1}`,
    text: `c***@example.com · 23 Jan 2024, 15:0${index % 10}`,
    badge: { outcome: 'PENDING' as Outcome, native: 'IN_PROGRESS' },
    command: `/kyc 00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  })),
  actions: [
    ...(page > 1 ? [{ label: 'Prev', command: `/kyc page:${page - 1}`, role: 'page' as const }] : []),
    { label: 'Next', command: `/kyc page:${page + 1}`, role: 'page' },
  ],
  footer: [`Page ${page} of 30`],
});

describe('renderSlack', () => {
  it('shows the title as a header and the outcome next to the native status', () => {
    const message = renderSlack(session);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Love&Pay KYC session 3f0c2a1e', emoji: true } });
    // Love&Pay's APPROVED says nothing the outcome does not: it is said once (issue 15).
    expect(message.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *APPROVED*', verbatim: true } });
    expect(message.text).toBe('Love&amp;Pay KYC session 3f0c2a1e — APPROVED');
    const stripe = renderSlack({ ...session, badge: { outcome: 'PENDING', native: 'requires_input' } });
    expect(stripe.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: *PENDING* · `requires_input`', verbatim: true } });
    expect(stripe.text).toBe('Love&amp;Pay KYC session 3f0c2a1e — PENDING · requires_input');
  });

  it('puts fields in a section with labels in bold, ids as code and URLs as links', () => {
    const fields = renderSlack(session).blocks.find((block) => block.type === 'section' && block.fields)!;
    expect(fields.type === 'section' && fields.fields?.map((field) => field.text)).toEqual([
      '*ID*\n`3f0c2a1e-7c1d-4a51-9d7b-0c5c1a2b3c4d`',
      '*Name*\nИван И.',
      '*Phone*\n+7 999 ***-**-67',
      '*Verification link*\n<https://verify.loveandpay.io/kyc/3f0c2a1e|Open>',
      '*Customer*\nc-42',
    ]);
  });

  it('turns a field that links to a command into a button carrying that command line', () => {
    const customer = buttons(renderSlack(session)).find((button) => button.text.text === 'Customer');
    expect(customer?.value).toBe('/customer 2b1d8e0a-0000-4000-8000-000000000042');
    expect(slackActionRole(customer!.action_id)).toBe('open');
  });

  it('shows notes with their tone and the footer as context', () => {
    const message = renderSlack(session);
    expect(message.blocks).toContainEqual({ type: 'section', text: { type: 'mrkdwn', text: ':information_source: Verified by document and selfie.', verbatim: true } });
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Times in Europe/Moscow', verbatim: true }] });
  });

  it('lists items as sections with a detail button that runs the item command', () => {
    const message = renderSlack(list(3));
    const items = message.blocks.filter((block) => block.type === 'section');
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      text: { text: '*session 1*  :hourglass_flowing_sand: PENDING · `IN_PROGRESS`\nc***@example.com · 23 Jan 2024, 15:00' },
      accessory: { type: 'button', text: { text: 'Details' }, value: '/kyc 00000000-0000-4000-8000-000000000000' },
    });
  });

  it('gives a row that links to its customer and invoice a menu of Details, Customer and Invoice', () => {
    const reply = list(1);
    const row = { ...reply.items![0]!, links: [{ label: 'Customer', command: '/customer c-1' }, { label: 'Invoice', command: '/kyc invoice i-1' }] };
    const message = renderSlack({ ...reply, items: [row] });
    const menu = message.blocks.flatMap((block) => (block.type === 'section' && block.accessory?.type === 'overflow' ? [block.accessory] : []));
    expect(menu).toHaveLength(1);
    expect(menu[0]!.options.map((option) => [option.text.text, option.value])).toEqual([
      ['Details', '/kyc 00000000-0000-4000-8000-000000000000'],
      ['Customer', '/customer c-1'],
      ['Invoice', '/kyc invoice i-1'],
    ]);
    expect(slackActionRole(menu[0]!.action_id)).toBe('open');
  });

  it('gives paging buttons the page role and the command line as value, with unique action ids', () => {
    const message = renderSlack(list(10, 2));
    const paging = buttons(message).filter((button) => slackActionRole(button.action_id) === 'page');
    expect(paging.map((button) => [button.text.text, button.value])).toEqual([
      ['Prev', '/kyc page:1'],
      ['Next', '/kyc page:3'],
    ]);
    const ids = buttons(message).map((button) => button.action_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('renders URL actions as link buttons', () => {
    const reply: Reply = { kind: 'ok', title: 'Receipt', actions: [{ label: 'Receipt image', url: 'https://storage.example/r.jpg', role: 'open' }] };
    const [button] = buttons(renderSlack(reply));
    expect(button).toMatchObject({ url: 'https://storage.example/r.jpg', text: { text: 'Receipt image' } });
    expect(slackActionRole(button!.action_id)).toBe('link');
  });

  it('offers "Share in channel" with the command line on ok answers only', () => {
    const shared = buttons(renderSlack(session, { shareCommand: '/kyc 3f0c2a1e-7c1d-4a51-9d7b-0c5c1a2b3c4d' })).find(
      (button) => slackActionRole(button.action_id) === 'share',
    );
    expect(shared).toMatchObject({ text: { text: 'Share in channel' }, value: '/kyc 3f0c2a1e-7c1d-4a51-9d7b-0c5c1a2b3c4d' });
    const failed = renderSlack({ kind: 'error', title: 'Love&Pay did not answer' }, { shareCommand: '/kyc' });
    expect(buttons(failed)).toEqual([]);
  });

  it('renders the channel copy without paging or share buttons and names who shared it', () => {
    const message = renderSlack(list(3), { shareCommand: '/kyc', channelCopy: { sharedBy: 'U0ADMIN' } });
    expect(buttons(message).map((button) => slackActionRole(button.action_id))).toEqual(['open', 'open', 'open']);
    expect(mrkdwnTexts(message)).toContain('Shared by <@U0ADMIN>');
  });

  it('never turns a malformed sharer id into a mention', () => {
    const message = renderSlack(list(1), { channelCopy: { sharedBy: '!channel' } });
    expect(mrkdwnTexts(message)).toContain('Shared by !channel');
    expect(mrkdwnTexts(message).join('\n')).not.toContain('<!channel>');
  });

  it('says so under answers that show unmasked personal data', () => {
    const message = renderSlack({ ...session, unmasked: true });
    expect(mrkdwnTexts(message)).toContain(':lock: Unmasked personal data: only you can see this answer.');
  });

  it('speaks Russian when asked', () => {
    const message = renderSlack(list(1), { locale: 'ru', shareCommand: '/kyc' });
    expect(buttons(message).map((button) => button.text.text)).toEqual(['Подробнее', 'Next', 'Показать в канале']);
  });

  it('always sets the text fallback, also without a title', () => {
    const message = renderSlack({ kind: 'error', title: '  ', notes: [{ tone: 'error', text: 'Stripe is not configured.' }] });
    expect(message.text).toBe('KYC Desk — Stripe is not configured.');
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'KYC Desk' } });
  });
});

describe('renderSlack on hostile text', () => {
  const hostile = '<!channel> <@U024BE7LH> & <https://evil.example|click me> *bold*';
  const reply: Reply = {
    kind: 'ok',
    title: hostile,
    badge: { outcome: 'DECLINED', native: '<!here>' },
    fields: [
      { label: '<!everyone>', value: hostile },
      { label: 'Mono', value: `\`${hostile}\``, mono: true },
    ],
    items: [{ title: hostile, text: hostile, command: '/customer x' }],
    notes: [{ tone: 'warning', text: hostile }],
    footer: [hostile],
  };
  const message = renderSlack(reply, { channelCopy: { sharedBy: 'U1' } });

  it('escapes provider text so nobody can be pinged', () => {
    for (const text of mrkdwnTexts(message)) {
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
      expect(text).not.toContain('<@U024BE7LH>');
      expect(text).not.toContain('<https://evil.example');
    }
    expect(mrkdwnTexts(message)).toContain(':warning: &lt;!channel&gt; &lt;@U024BE7LH&gt; &amp; &lt;https://evil.example|click me&gt; *bold*');
  });

  it('keeps a code span closed when the value holds backticks', () => {
    const mono = mrkdwnTexts(message).find((text) => text.startsWith('*Mono*'))!;
    expect(mono.match(/`/g)).toHaveLength(2);
  });

  it('refuses links that are not http(s)', () => {
    const evil = renderSlack({ kind: 'ok', title: 'x', fields: [{ label: 'Image', value: 'x', link: { url: 'javascript:alert(1)' } }] });
    expect(mrkdwnTexts(evil)).toContain('*Image*\nx');
  });
});

describe('renderSlack on oversized replies', () => {
  it('shows as many of 200 list items as fit and says how many more there are', () => {
    const message = renderSlack(list(200), { shareCommand: '/kyc' });
    expectWithinSlackLimits(message);
    const shown = message.blocks.filter((block) => block.type === 'section').length;
    expect(shown).toBeGreaterThan(10);
    expect(shown + moreCount(message)).toBe(200);
    // Paging and sharing survive the cut.
    expect(buttons(message).map((button) => slackActionRole(button.action_id))).toEqual(expect.arrayContaining(['page', 'share']));
  });

  it('cuts a 10,000-character reason with an honest count of what was left out', () => {
    const reason = 'Сумма на чеке не совпадает с суммой счёта. '.repeat(250).slice(0, 10_000);
    const message = renderSlack({
      kind: 'ok',
      title: 'Receipt 68dbf2b4',
      fields: [{ label: 'Rejection reason', value: reason }],
      notes: [{ tone: 'warning', text: reason }],
    });
    expectWithinSlackLimits(message);
    const field = mrkdwnTexts(message).find((text) => text.startsWith('*Rejection reason*'))!;
    const left = Number(/… and (\d+) more characters$/.exec(field)?.[1]);
    expect(field.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect(field.length - '*Rejection reason*\n'.length - ` … and ${left} more characters`.length + left).toBe(10_000);
    const note = mrkdwnTexts(message).find((text) => text.startsWith(':warning:'))!;
    expect(note).toMatch(/… and \d+ more characters$/);
  });

  it('fits 100 fields, showing as many as fit and counting the rest', () => {
    const fields = Array.from({ length: 100 }, (_, index) => ({ label: `Field ${index + 1}`, value: `value ${index + 1}` }));
    const message = renderSlack({ kind: 'ok', title: 'Many fields', fields });
    expectWithinSlackLimits(message);
    const shown = message.blocks.reduce((sum, block) => sum + (block.type === 'section' ? (block.fields?.length ?? 0) : 0), 0);
    expect(shown + moreCount(message)).toBe(100);
  });

  it('cuts a long title and long button labels', () => {
    const message = renderSlack({
      kind: 'ok',
      title: 'T'.repeat(500),
      actions: [{ label: 'L'.repeat(200), command: '/kyc', role: 'open' }],
      footer: Array.from({ length: 30 }, (_, index) => `footer ${index} ${'x'.repeat(1000)}`),
    });
    expectWithinSlackLimits(message);
  });

  it('leaves out a button whose command line is longer than a button value may be', () => {
    const message = renderSlack({ kind: 'ok', title: 'x', actions: [{ label: 'Too long', command: `/customer ${'a'.repeat(3000)}`, role: 'open' }] });
    expect(buttons(message)).toEqual([]);
  });

  it('fills the buttons row up to its 3,000 characters and no further, and the small print up to its 1,500', () => {
    const actions = Array.from({ length: 25 }, (_, i) => ({ label: `Action ${i}`, command: `/customer ${'x'.repeat(200)}${i}`, role: 'open' as const }));
    const footer = Array.from({ length: 10 }, (_, i) => `${i} ${'y'.repeat(280)}`);
    const message = renderSlack({ kind: 'ok', title: 'x', actions, footer });
    const row = message.blocks.find((block) => block.type === 'actions');
    const small = message.blocks.find((block) => block.type === 'context');
    const shown = row?.type === 'actions' ? row.elements.length : 0;
    expect(JSON.stringify(row).length).toBeLessThanOrEqual(3_000);
    // One more button (the next action's, as the renderer would make it) would pass the bound.
    const next = { type: 'button', text: { type: 'plain_text', text: `Action ${shown}`, emoji: true }, action_id: `kd:open:${shown}`, value: actions[shown]!.command };
    expect(JSON.stringify({ ...row, elements: [...(row?.type === 'actions' ? row.elements : []), next] }).length).toBeGreaterThan(3_000);
    expect(shown).toBeGreaterThan(5);
    expect(JSON.stringify(small).length).toBeLessThanOrEqual(1_500);
    expect(small?.type === 'context' ? small.elements.length : 0).toBe(4);
  });

  it('stays inside every limit for any reply', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 4_000 });
    const outcome = fc.constantFrom<Outcome>('APPROVED', 'DECLINED', 'PENDING', 'EXPIRED', 'UNKNOWN');
    const badge = fc.record({ outcome, native: fc.string({ maxLength: 200 }) });
    const reply = fc.record(
      {
        kind: fc.constantFrom('ok', 'not_found', 'usage', 'refused', 'error'),
        title: text,
        badge,
        fields: fc.array(fc.record({ label: text, value: text, mono: fc.boolean() }), { maxLength: 120 }),
        items: fc.array(fc.record({ title: text, text, badge, command: fc.string({ maxLength: 2_500 }) }), { maxLength: 250 }),
        notes: fc.array(fc.record({ tone: fc.constantFrom('info', 'warning', 'error'), text }), { maxLength: 20 }),
        actions: fc.array(
          fc.record({
            label: fc.string({ maxLength: 120 }),
            command: fc.string({ minLength: 1, maxLength: 2_100 }),
            role: fc.constantFrom('page', 'open', 'share', 'watch'),
          }),
          { maxLength: 40 },
        ),
        footer: fc.array(text, { maxLength: 15 }),
        unmasked: fc.boolean(),
      },
      { requiredKeys: ['kind', 'title'] },
    ) as fc.Arbitrary<Reply>;
    fc.assert(
      fc.property(reply, fc.boolean(), (generated, channelCopy) => {
        const options = channelCopy ? { channelCopy: { sharedBy: 'U1' } } : { shareCommand: '/kyc' };
        expectWithinSlackLimits(renderSlack(generated, options));
      }),
      { numRuns: 150 },
    );
  });
});

describe('escapeAndCut', () => {
  const t = slackStrings.en;

  it('never splits an entity when it cuts', () => {
    const cut = escapeAndCut('&'.repeat(5_000), 3_000, t);
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut).toMatch(/^(&amp;)+ … and \d+ more characters$/);
  });

  it('counts exactly what it left out', () => {
    const cut = escapeAndCut('a'.repeat(5_000), 1_000, t);
    const left = Number(/and (\d+) more/.exec(cut)?.[1]);
    expect(cut.indexOf(' …') + left).toBe(5_000);
  });
});
