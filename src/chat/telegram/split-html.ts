/** The Telegram renderer's last step: its HTML cut into texts that each fit one message. */

/** A tag, an entity, or one code point: the units a cut may fall between. */
const TOKEN = /<\/?([a-z]+)(?:\s[^>]*)?>|&(?:#\d+|#x[\da-f]+|[a-z]+);|[\s\S]/giu;

interface OpenTag {
  name: string;
  /** The opening tag as written, to reopen it in the next chunk. */
  text: string;
}

/**
 * Cuts Telegram HTML into texts of at most `limit` characters, at line
 * breaks where possible, never inside a tag or an entity. A tag still open at
 * a cut is closed there and reopened at the start of the next chunk. Counting
 * the HTML rather than the visible text (Telegram's "after entities parsing")
 * overcounts, which only makes chunks safely smaller.
 */
export function splitTelegramHtml(html: string, limit: number): string[] {
  const chunks: string[] = [];
  let open: OpenTag[] = [];
  let piece = '';
  /** Length of the reopened tags `piece` starts with: a piece no longer than this has no content yet. */
  let prefix = 0;
  /** Where the last line break in `piece` is, and which tags were open there. */
  let breakAt = -1;
  let openAtBreak: OpenTag[] = [];

  const closers = (tags: OpenTag[]): string => [...tags].reverse().map((tag) => `</${tag.name}>`).join('');
  const reopen = (tags: OpenTag[]): string => tags.map((tag) => tag.text).join('');
  const flush = (text: string): void => {
    const trimmed = text.replace(/^\s+|\s+$/g, '');
    if (visible(trimmed)) chunks.push(trimmed);
  };

  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    const next = nextOpen(open, token, match[1]);
    while (piece.length + token.length + closers(next).length > limit && piece.length > prefix) {
      const tags = breakAt >= 0 ? openAtBreak : open;
      flush(breakAt >= 0 ? piece.slice(0, breakAt) + closers(tags) : piece + closers(tags));
      piece = reopen(tags) + (breakAt >= 0 ? piece.slice(breakAt + 1) : '');
      prefix = reopen(tags).length;
      breakAt = -1;
    }
    piece += token;
    open = next;
    if (token === '\n') {
      breakAt = piece.length - 1;
      openAtBreak = open;
    }
  }
  flush(piece + closers(open));
  return chunks;
}

function nextOpen(open: OpenTag[], token: string, name: string | undefined): OpenTag[] {
  if (!name) return open;
  const lower = name.toLowerCase();
  if (token.startsWith('</')) {
    const index = open.map((tag) => tag.name).lastIndexOf(lower);
    return index === -1 ? open : open.slice(0, index);
  }
  return [...open, { name: lower, text: token }];
}

/** True when the text shows something once tags are gone (Telegram rejects empty messages). */
function visible(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').trim().length > 0;
}
