/**
 * Reads which alerts a posted Slack message carries, the way a person would
 * see them (src/alerts/alert-reply.ts, digest.ts and views/slack.ts):
 *
 * - one alert: the header "APPROVED · Love&Pay session 1a2b3c4d" and an
 *   Open button whose value is the command line `/kyc <full id>`;
 * - a digest: one section per alert with a Details button `/kyc <full id>`
 *   and the outcome in capitals beside the title. A digest names every alert
 *   it delivers; "… and N more in the next message" only counts the ones
 *   the following messages name.
 *
 * The button value carries the full Love&Pay UUID (or `vs_...` id), so
 * alerts are told apart by id, not by the 8 characters the title shows; a
 * message whose visible text does not show the id throws.
 */
import type { FakeSlackCall } from '../../support/fake-slack.js';

export interface PostedAlert {
  /** Love&Pay session UUID or Stripe `vs_...` id. */
  objectId: string;
  outcome: 'APPROVED' | 'DECLINED';
}

interface Block {
  type?: string;
  text?: { text?: string };
  accessory?: { value?: string };
  elements?: Array<{ value?: string }>;
}

const OUTCOME = /\b(APPROVED|DECLINED)\b/;
const OPEN_KYC = /^\/kyc (\S+)$/;

export function alertsIn(call: FakeSlackCall): PostedAlert[] {
  const blocks = Array.isArray(call.params.blocks) ? (call.params.blocks as Block[]) : [];
  const header = blocks.find((block) => block.type === 'header')?.text?.text ?? '';
  const single = /^(APPROVED|DECLINED) · /.exec(header);
  if (single) {
    const open = blocks
      .filter((block) => block.type === 'actions')
      .flatMap((block) => block.elements ?? [])
      .map((element) => OPEN_KYC.exec(element.value ?? ''))
      .find(Boolean);
    if (!open) throw new Error(`an alert without an open button: ${header}`);
    return [shown(open[1]!, single[1]!, header)];
  }
  return blocks.flatMap((block) => {
    const open = block.type === 'section' ? OPEN_KYC.exec(block.accessory?.value ?? '') : null;
    if (!open) return [];
    const text = block.text?.text ?? '';
    const outcome = OUTCOME.exec(text);
    if (!outcome) throw new Error(`a digest line without its outcome: ${text}`);
    return [shown(open[1]!, outcome[1]!, text)];
  });
}

/** The alert, once its visible text names the id as DESIGN.md asks (a Love&Pay UUID's first 8 characters, a vs_ id in full). */
function shown(objectId: string, outcome: string, visible: string): PostedAlert {
  const displayed = objectId.startsWith('vs_') ? objectId : objectId.slice(0, 8);
  if (!visible.includes(displayed)) throw new Error(`the alert for ${objectId} does not show ${displayed}: ${visible}`);
  return { objectId, outcome: outcome as PostedAlert['outcome'] };
}

export const alertKey = (alert: PostedAlert): string => `${alert.objectId} ${alert.outcome}`;

/** How often each alert (id and outcome) appears in these messages. */
export function countAlerts(calls: FakeSlackCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    for (const alert of alertsIn(call)) counts.set(alertKey(alert), (counts.get(alertKey(alert)) ?? 0) + 1);
  }
  return counts;
}

/**
 * What differs from "each expected alert exactly once, nothing else":
 * missing, repeated and unexpected alerts; all three empty when it holds.
 */
export function compareWithExpected(counts: Map<string, number>, expected: Iterable<string>) {
  const wanted = new Set(expected);
  return {
    missing: [...wanted].filter((key) => !counts.has(key)),
    repeated: [...counts].filter(([key, count]) => wanted.has(key) && count > 1).map(([key, count]) => `${key} ×${count}`),
    unexpected: [...counts.keys()].filter((key) => !wanted.has(key)),
  };
}
