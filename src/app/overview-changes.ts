/**
 * When the overview (Slack's App Home: commands/overview.ts) shows something
 * else: a review action or a subscription change that went through, or a
 * sweep or webhook that found a new outcome (a new alert, a new item in the
 * queue). Each tells the front ends (ChatFrontEnd.stateChanged), which pace
 * the refreshes per person themselves (chat/slack/home-refresh.ts).
 */
import type { CommandAnswer, OnAnswer } from '../commands/types.js';
import type { ChatFrontEnd } from '../domain/front-end.js';

/** The `/kyc` actions that change what the overview lists: the queue's reviews and the subscriptions. */
const CHANGING_ACTIONS: ReadonlySet<string> = new Set(['take', 'resolve', 'reopen', 'subscribe', 'unsubscribe']);

export function changesOverview({ parsed, result }: Pick<CommandAnswer, 'parsed' | 'result'>): boolean {
  return result === 'ok' && parsed.ok && parsed.request.command === 'kyc' && CHANGING_ACTIONS.has(parsed.request.action);
}

/**
 * Tells every front end, once they exist: the command runner and the alerts
 * are built before and after the front ends, so the list is filled in later.
 */
export class OverviewChanges {
  private frontEnds: readonly ChatFrontEnd[] = [];

  attach(frontEnds: readonly ChatFrontEnd[]): void {
    this.frontEnds = frontEnds;
  }

  changed = (): void => {
    for (const frontEnd of this.frontEnds) frontEnd.stateChanged?.();
  };

  /** `onAnswer`, also telling the front ends when the answer changed what the overview shows. */
  watching(onAnswer: OnAnswer): OnAnswer {
    return (answer) => {
      onAnswer(answer);
      if (changesOverview(answer)) this.changed();
    };
  }
}
