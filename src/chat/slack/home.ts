/**
 * The App Home (DESIGN.md, "Slack surfaces"): on `app_home_opened` the
 * opener's overview is published with views.publish (commands/overview.ts
 * as the opener sees it: their role decides the masking), and while they
 * keep coming back it is kept current as things change (home-refresh.ts).
 * Someone outside every allowed channel (membership.ts) gets the
 * explanation and nothing else; when Slack cannot say which channels
 * someone is in, they are told to try again in a minute. Neither is
 * followed for refreshes: only a member's Home has anything to keep current.
 */
import type { SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { BuildOverview, OverviewScope } from '../../commands/overview.js';
import { callerFromSlack, EVERY_CHANNEL } from './access.js';
import { HomeRefresh, type HomeRefreshOptions, type Viewer } from './home-refresh.js';
import { homeFailedView, homeRefusedView, homeView } from './home-view.js';
import type { AnswerDeps } from './listeners.js';
import type { Membership } from './membership.js';
import type { HomeView } from './view-parts.js';
import { writeViewMetadata } from './view-metadata.js';

/** What the surfaces outside a channel (the Home, the Look up modal) need besides what every answer does. */
export interface SurfaceDeps extends AnswerDeps {
  client: webApi.WebClient;
  overview: BuildOverview;
  membership: Membership;
  /** Signs and checks views' private_metadata (view-metadata.ts). */
  metadataKey: Buffer;
}

export interface Home {
  /** The app_home_opened listener. */
  opened: (args: SlackEventMiddlewareArgs<'app_home_opened'>) => Promise<void>;
  refresh: HomeRefresh;
}

export function createHome(deps: SurfaceDeps, options: HomeRefreshOptions = {}): Home {
  const scope: OverviewScope = {
    chats: deps.policy.allowedChannels.includes(EVERY_CHANNEL) ? 'every' : deps.policy.allowedChannels,
    latestAlerts: true,
  };
  /**
   * Publishes the person's Home. False unless they are in an allowed channel: someone outside, or whom Slack
   * could not place just now, is not followed for refreshes (their next open publishes afresh).
   */
  const publish = async ({ userId, dm }: Viewer): Promise<boolean> => {
    const metadata = writeViewMetadata(deps.metadataKey, { user: userId, ...(dm ? { dm } : {}) });
    const access = await deps.membership.accessChannel(userId, dm);
    let view: HomeView;
    if (access.kind === 'outside') {
      view = homeRefusedView(deps.locale, metadata);
    } else if (access.kind === 'unknown') {
      // Slack did not say which channels they are in (rate limited, down): not a refusal, a try-again.
      view = homeFailedView(deps.locale, metadata);
    } else {
      try {
        view = homeView(await deps.overview(callerFromSlack({ userId, channelId: access.channel }, deps.policy, deps.locale), scope), deps.locale, metadata);
      } catch (error) {
        // The store did not answer: the person is told so instead of looking at an empty or stale Home.
        deps.log.error({ errorName: error instanceof Error ? error.name : typeof error }, 'slack App Home overview failed');
        view = homeFailedView(deps.locale, metadata);
      }
    }
    await deps.client.views.publish({ user_id: userId, view: view as webApi.ViewsPublishArguments['view'] });
    deps.log.info({ access: access.kind }, 'slack App Home published');
    return access.kind === 'member';
  };
  const refresh = new HomeRefresh(publish, deps.log, options);
  return {
    refresh,
    // The Messages tab opens the same event; only the Home tab has a view to publish.
    opened: async ({ event }) => {
      if (event.tab === 'home') refresh.opened({ userId: event.user, dm: event.channel });
    },
  };
}
