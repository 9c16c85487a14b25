import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMITS } from '../../../src/chat/telegram/limits.js';
import { renderTelegram } from '../../../src/chat/telegram/render.js';
import { splitTelegramHtml } from '../../../src/chat/telegram/split-html.js';

/** Tag names still open after the text, or null when a closing tag does not match. */
function unclosed(html: string): string[] | null {
  const open: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return null;
  }
  return open;
}

const visibleText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, '');

/** Telegram HTML as the renderer writes it: escaped words, some in tags, lines of any length. */
const word = fc.stringMatching(/^[a-zа-я0-9<>&" ]{1,30}$/).map((text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
);
const wrapped = fc.tuple(word, fc.constantFrom('', 'b', 'i', 'code', 'a')).map(([text, tag]) => {
  if (!tag) return text;
  return tag === 'a' ? `<a href="https://example.com/?q=1&amp;r=2">${text}</a>` : `<${tag}>${text}</${tag}>`;
});
const html = fc.array(fc.array(wrapped, { maxLength: 40 }).map((parts) => parts.join(' ')), { minLength: 1, maxLength: 60 }).map((lines) => lines.join('\n'));

describe('splitting Telegram HTML', () => {
  it('keeps every chunk within the limit, with balanced tags and whole entities, losing no text', () => {
    fc.assert(
      fc.property(html, fc.integer({ min: 120, max: 600 }), (text, limit) => {
        const chunks = splitTelegramHtml(text, limit);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(unclosed(chunk)).toEqual([]);
          // An ampersand always starts a whole entity.
          expect(chunk.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&');
        }
        expect(chunks.map(visibleText).join('')).toBe(visibleText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts at a line break when one is available', () => {
    const text = ['<b>Title</b>', 'a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)].join('\n');
    expect(splitTelegramHtml(text, 110)).toEqual(['<b>Title</b>\n' + 'a'.repeat(50), 'b'.repeat(50) + '\n' + 'c'.repeat(50)]);
  });

  it('closes a tag at a cut inside one long line and reopens it in the next chunk', () => {
    const text = `<code>${'1234567890'.repeat(3)}</code>`;
    const chunks = splitTelegramHtml(text, 24);
    expect(chunks.every((chunk) => chunk.startsWith('<code>') && chunk.endsWith('</code>'))).toBe(true);
    expect(chunks.map((chunk) => chunk.slice(6, -7)).join('')).toBe('1234567890'.repeat(3));
  });

  it('sends nothing for text without anything to show', () => {
    expect(splitTelegramHtml('\n\n<b></b>\n', 100)).toEqual([]);
  });
});

describe('a reply too long for a few Telegram messages', () => {
  it('is cut to three messages, each within the limit, the last saying the rest is cut', () => {
    const items = Array.from({ length: 400 }, (_, index) => ({ title: `Session ${index}`, text: `customer ${'x'.repeat(100)}` }));
    const { chunks } = renderTelegram({ kind: 'ok', title: 'Many', items }, 'en');
    expect(chunks).toHaveLength(TELEGRAM_LIMITS.messagesPerReply);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(TELEGRAM_LIMITS.messageText);
    expect(chunks.at(-1)).toMatch(/<i>… The rest is cut: this answer is too long for Telegram\..*<\/i>$/);
    expect(chunks[0]).toContain('Session 0');
  });

  it('keeps a reply of three messages whole', () => {
    const items = Array.from({ length: 60 }, (_, index) => ({ title: `Session ${index}`, text: 'y'.repeat(100) }));
    const { chunks } = renderTelegram({ kind: 'ok', title: 'Some', items }, 'en');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThanOrEqual(TELEGRAM_LIMITS.messagesPerReply);
    expect(chunks.join('')).toContain('Session 59');
    expect(chunks.join('')).not.toContain('The rest is cut');
  });
});
