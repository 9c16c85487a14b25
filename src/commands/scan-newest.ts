import { MAX_PAGE_SIZE } from '../providers/loveandpay/client.js';

/** Pages of 100 read for one windowed answer: the newest 1,000 rows at most. */
const SCAN_PAGES = 10;

interface NewestFirstPage<T> {
  items: T[];
  pagination: { total: number };
}

/**
 * Love&Pay cannot filter its lists by time, so a `since:` answer reads the
 * newest pages back to `floor` (creation time, epoch ms), at most SCAN_PAGES
 * of them. `complete` when it got there (or to the end of the list).
 */
export async function scanNewest<T extends { createdAt?: string | null }>(
  readPage: (limit: number, offset: number) => Promise<NewestFirstPage<T>>,
  floor: number,
): Promise<{ items: T[]; complete: boolean; scanned: number }> {
  const items: T[] = [];
  let scanned = 0;
  for (let pageIndex = 0; pageIndex < SCAN_PAGES; pageIndex += 1) {
    const page = await readPage(MAX_PAGE_SIZE, pageIndex * MAX_PAGE_SIZE);
    scanned += page.items.length;
    const fresh = page.items.filter((row) => Date.parse(row.createdAt ?? '') >= floor);
    items.push(...fresh);
    const end = page.items.length < MAX_PAGE_SIZE || scanned >= page.pagination.total;
    if (end || fresh.length < page.items.length) return { items, complete: true, scanned };
  }
  return { items, complete: false, scanned };
}
