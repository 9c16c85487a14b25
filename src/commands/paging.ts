/**
 * Offset paging for Love&Pay lists: the page size, the offset for a page, and
 * the Prev/Next actions. A button carries the canonical command line it runs
 * (DESIGN.md, "Commands"), built by the parser's own printer so it always
 * parses back to the same request.
 */
import type { Action, Note } from '../domain/reply.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import { MAX_PAGE, toCommandLine } from './parse.js';
import type { CommandRequest } from './request.js';

/** Ten rows keep a chat message short enough to read without scrolling. */
export const PAGE_SIZE = 10;

export const offsetFor = (page: number): number => (page - 1) * PAGE_SIZE;

export const pageCount = (total: number): number => Math.max(1, Math.ceil(total / PAGE_SIZE));

type Paged = Extract<CommandRequest, { page: number }>;

export function pageActions<R extends Paged>(request: R, pages: number, t: CommandStrings): Action[] {
  const actions: Action[] = [];
  if (request.page > 1) {
    const prev = Math.min(request.page - 1, pages);
    actions.push({ label: t.common.prev, role: 'page', command: toCommandLine({ ...request, page: prev }) });
  }
  // The parser accepts pages up to MAX_PAGE; a Next button past it would answer with usage.
  if (request.page < Math.min(pages, MAX_PAGE)) {
    actions.push({ label: t.common.next, role: 'page', command: toCommandLine({ ...request, page: request.page + 1 }) });
  }
  return actions;
}

/** A page past the end says how many pages there are, instead of showing an empty page as if it were the last. */
export function pageNotes(page: number, pages: number, shown: number, t: CommandStrings): Note[] {
  return shown === 0 && page > pages ? [{ tone: 'info', text: t.common.pageMissing(page, pages) }] : [];
}
