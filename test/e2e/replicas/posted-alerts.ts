/**
 * Reads alerts back out of the messages the fake Slack accepted, the way a
 * person in the channel reads them (DESIGN.md, "Alerts: what must hold"):
 *
 * - one alert: a header `APPROVED · Love&Pay session 1a2b3c4d` and an Open
 *   button that runs `/kyc <full id>`;
 * - a digest (views of alerts/digest.ts): a header `N KYC alerts` and one
 *   section per alert, `*Love&amp;Pay session 1a2b3c4d*  ✅ APPROVED · …`,
 *   with its own Open button.
 *
 * The full id comes from the button's command line; the id the text shows
 * must be its prefix (a Love&Pay UUID's first 8 characters, a Stripe id in
 * full). A message that fits neither shape is an error, so nothing slips by
 * uncounted.
 */
import type { FakeSlackCall } from '../../support/fake-slack.js';

export interface PostedAlert {
  channel: string;
  provider: 'loveandpay' | 'stripe';
  /** From the Open button: the full id. */
  id: string;
  /** As the message text shows it. */
  shownId: string;
  outcome: 'APPROVED' | 'DECLINED';
  /** Whether it came in a digest. */
  digest: boolean;
}

interface Block {
  type: string;
  text?: { text?: string };
  accessory?: { action_id?: string; value?: string };
  elements?: Array<{ action_id?: string; value?: string }>;
}

const OBJECT = /(Love&(?:amp;)?Pay|Stripe Identity) session (\S+?)\*?(?:\s|$)/;
const OUTCOME = /\b(APPROVED|DECLINED)\b/;
const OPEN_ACTION = /^kd:open:\d+$/;

export function alertsIn(call: FakeSlackCall): PostedAlert[] {
  const channel = String(call.params.channel);
  const blocks = (call.params.blocks ?? []) as Block[];
  const header = blocks[0]?.type === 'header' ? (blocks[0].text?.text ?? '') : '';
  const unreadable = (why: string) => new Error(`unreadable alert message in ${channel} (${why}): ${JSON.stringify(call.params)}`);

  if (/^\d+ KYC alerts$/.test(header)) {
    return blocks
      .filter((block) => block.type === 'section' && OPEN_ACTION.test(block.accessory?.action_id ?? ''))
      .map((block) => read(block.text?.text ?? '', block.accessory?.value, true));
  }
  const open = blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : [])).find((e) => OPEN_ACTION.test(e.action_id ?? ''));
  return [read(header, open?.value, false)];

  function read(text: string, command: string | undefined, digest: boolean): PostedAlert {
    const object = OBJECT.exec(text);
    const outcome = OUTCOME.exec(text);
    const id = /^\/kyc (\S+)$/.exec(command ?? '')?.[1];
    if (!object || !outcome || !id) throw unreadable(`text "${text}", command "${command}"`);
    const provider = object[1]!.startsWith('Love') ? 'loveandpay' : 'stripe';
    return { channel, provider, id, shownId: object[2]!, outcome: outcome[1] as PostedAlert['outcome'], digest };
  }
}
