/**
 * What the views KYC Desk builds (the App Home, the Look up modal) are made
 * of besides rendered replies: the block types only views use, and plain
 * text cut to the lengths views allow (limits.ts).
 */
import type { SlackBlock } from './render.js';

/** Plain text for a view's title, buttons and labels, cut with an ellipsis to the length Slack allows there. */
export const viewText = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: text.length <= max ? text : `${text.slice(0, max - 1)}…`,
  emoji: true,
});

export interface InputBlock {
  type: 'input';
  block_id: string;
  label: ReturnType<typeof viewText>;
  hint?: ReturnType<typeof viewText>;
  element: {
    type: 'plain_text_input';
    action_id: string;
    initial_value?: string;
    placeholder?: ReturnType<typeof viewText>;
    max_length?: number;
  };
}

export type ViewBlock = SlackBlock | { type: 'divider' } | InputBlock;

export interface HomeView {
  type: 'home';
  callback_id: string;
  private_metadata: string;
  blocks: ViewBlock[];
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: ReturnType<typeof viewText>;
  submit: ReturnType<typeof viewText>;
  close: ReturnType<typeof viewText>;
  blocks: ViewBlock[];
}
