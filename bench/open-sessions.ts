import type { LoveAndPayClient } from '../src/providers/loveandpay/client.js';

/** Ids of the `count` newest sessions still open (IN_PROGRESS or NOT_STARTED), read from the unfiltered list. */
export async function newestOpenSessions(client: LoveAndPayClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ids.length < count; offset += 100) {
    const page = await client.listKycSessions({ limit: 100, offset });
    if (page.items.length === 0) throw new Error(`only ${ids.length} open sessions found`);
    for (const session of page.items) {
      if ((session.status === 'IN_PROGRESS' || session.status === 'NOT_STARTED') && ids.length < count) ids.push(session.id);
    }
  }
  return ids;
}
