/**
 * Unfurls of Stripe dashboard links to a verification session (DESIGN.md,
 * "Slack surfaces"; manifest.yml, unfurl_domains): on `link_shared`, each
 * `https://dashboard.stripe.com/[test/]identity/verification-sessions/vs_...`
 * link in a message of an allowed channel is looked up and `chat.unfurl`
 * shows a compact card under it: the outcome with Stripe's status, when it
 * was created and the last error in words (the fields `/kyc vs_...` marks
 * brief). The card sits in the channel for everyone, so the lookup runs as
 * a viewer (masked) whoever posted the link; it is still that person's
 * lookup for the rate limit and the audit log. A channel that is not
 * allowed, a link still being written (no channel yet), or a session Stripe
 * does not know gets no unfurl.
 */
import type { SlackEventMiddlewareArgs, types, webApi } from '@slack/bolt';
import { LOOKUPS_SHOWN } from '../../commands/find-lookups.js';
import type { Reply } from '../../domain/reply.js';
import { asViewer, callerFromSlack, isChannelAllowed } from './access.js';
import { slackErrorReason } from './client.js';
import type { AnswerDeps } from './listeners.js';
import { renderSlack } from './render.js';

/** A session's page in Stripe's dashboard, live or test mode (the link present/dashboard-links.ts builds). */
const SESSION_LINK = /^https:\/\/dashboard\.stripe\.com\/(?:test\/)?identity\/verification-sessions\/(vs_[A-Za-z0-9]{1,250})\/?(?:[?#].*)?$/;

export function linkSharedListener(deps: AnswerDeps & { client: webApi.WebClient }) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'link_shared'>): Promise<void> => {
    if (event.source === 'composer' || !isChannelAllowed(deps.policy, event.channel)) {
      deps.log.info({ channel: event.channel }, 'slack link not unfurled: not in an allowed channel');
      return;
    }
    const links = event.links
      .flatMap((link) => {
        const id = SESSION_LINK.exec(link.url)?.[1];
        return id ? [{ url: link.url, id }] : [];
      })
      .slice(0, LOOKUPS_SHOWN);
    // With the workspace, as commands have it: one lookup rate limit per person, whichever way they look up.
    const caller = asViewer(callerFromSlack({ userId: event.user, channelId: event.channel, teamId: body.team_id }, deps.policy, deps.locale));
    const replies = await Promise.all(links.map((link) => deps.runCommand(`/kyc ${link.id}`, caller)));
    const unfurls: Record<string, { blocks: unknown[] }> = {};
    links.forEach((link, index) => {
      const reply = replies[index]!;
      // A viewer's reply is never unmasked; should that ever change, nothing personal reaches the channel.
      if (reply.kind === 'ok' && !reply.unmasked) unfurls[link.url] = { blocks: renderSlack(compactCard(reply), { locale: deps.locale }).blocks };
    });
    if (Object.keys(unfurls).length === 0) return;
    try {
      await deps.client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls: unfurls as unknown as types.LinkUnfurls });
      deps.log.info({ links: Object.keys(unfurls).length }, 'slack links unfurled');
    } catch (error) {
      deps.log.warn({ reason: slackErrorReason(error) }, 'slack chat.unfurl failed');
    }
  };
}

/** The title, the badge, the brief fields and the small print; no buttons. */
function compactCard(reply: Reply): Reply {
  const fields = (reply.fields ?? []).filter((field) => field.brief).map(({ link: _link, ...field }) => field);
  return { kind: reply.kind, title: reply.title, ...(reply.badge ? { badge: reply.badge } : {}), fields, ...(reply.footer ? { footer: reply.footer } : {}) };
}
