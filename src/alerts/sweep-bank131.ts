/**
 * Bank 131 has no webhooks and a check takes 10 minutes to 2 days
 * (DESIGN.md, "Bank 131 KYC"), so watched checks are polled: once a check is
 * ok or error it is announced to its watching chats and to bank131
 * subscribers, then dropped. A watch that outlives its time gives up and
 * says so in its chat.
 *
 * Bank 131 needs no baseline: a watch starts from a check its chat just saw
 * pending (`/check <id> watch` refuses finished ones), so its first final
 * answer is news.
 *
 * Only a verdict ends a watch: ok, a validation failure, or (already_exists)
 * the earlier check's verdict. A fault of the request or the setup
 * (invalid_sign, request_not_found, partner_project_not_found, an HTTP 404
 * from a wrong address) is logged and asked again next sweep; it never
 * alerts and never drops a watch, since the check itself may be fine.
 */
import type { ChatRef, Locale } from '../domain/chat.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../log.js';
import { ALERT_STRINGS } from '../present/i18n/alerts.js';
import { pick } from '../present/i18n/pick.js';
import { checkOutcome, decidingAnswer, type Bank131Client, type CheckResult } from '../providers/bank131/client.js';
import { bank131CheckRecord } from '../providers/bank131/verification-record.js';
import type { VerificationRecord } from '../domain/verification.js';
import { errorLogFields } from '../providers/errors.js';
import type { Observation, Store, Watch } from '../store/types.js';
import type { SweepResult } from './sweep-result.js';

/** How a notice fared: a 'retry' keeps the watch so the next sweep says it again. */
export type NoticeResult = 'sent' | 'retry' | 'dropped';
export type SendNotice = (chat: ChatRef, reply: Reply) => Promise<NoticeResult>;

export interface Bank131SweepDeps {
  client: Bank131Client;
  store: Store;
  now: () => Date;
  logger: Logger;
  sendNotice: SendNotice;
  locale: Locale;
  /** Checks polled at once (default 4). */
  concurrency?: number;
}

export async function sweepBank131(deps: Bank131SweepDeps): Promise<SweepResult> {
  const result: SweepResult = { source: 'bank131', baseline: false, newOutcomes: 0, queued: 0, requests: 0 };
  const byCheck = groupByCheck(await deps.store.listWatches());
  if (byCheck.size === 0) return result;

  const observations: Observation[] = [];
  const verifications: VerificationRecord[] = [];
  const stillPending: Watch[][] = [];
  const queue = [...byCheck.values()];
  const worker = async () => {
    for (let watches = queue.shift(); watches; watches = queue.shift()) {
      const checkId = watches[0]!.checkId;
      result.requests += 1;
      try {
        const check = await deps.client.getCheck(checkId);
        const observation = bank131Observation(check, watches);
        if (observation) {
          observations.push(observation);
          // Watched checks are polled every sweep: a verdict seen now came since the last one.
          verifications.push(bank131CheckRecord(check, deps.now()));
        } else {
          stillPending.push(watches);
        }
      } catch (error) {
        // One check failing must not stop the others, nor end its watch: the next sweep asks again.
        stillPending.push(watches);
        deps.logger.warn({ ...errorLogFields(error), checkId }, 'could not poll a watched Bank 131 check');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));

  if (observations.length > 0) {
    const committed = await deps.store.commitObservations({ observations, verifications, announce: true, now: deps.now() });
    result.newOutcomes += committed.newOutcomes;
    result.queued += committed.queued;
    // After the commit: a crash in between polls again, finds the outcome known, and only drops the watch.
    for (const observation of observations) await deps.store.removeWatch(observation.objectId);
  }
  const t = pick(ALERT_STRINGS, deps.locale);
  const now = deps.now();
  for (const watches of stillPending) {
    for (const watch of watches.filter((w) => w.expiresAt.getTime() <= now.getTime())) {
      const days = Math.max(1, Math.round((watch.expiresAt.getTime() - watch.createdAt.getTime()) / 86_400_000));
      const reply: Reply = {
        kind: 'ok',
        title: t.watch.gaveUpTitle(watch.checkId),
        badge: { outcome: 'PENDING', native: 'pending' },
        notes: [{ tone: 'info', text: t.watch.gaveUp(String(days)) }],
        actions: [{ label: t.alert.open, command: `/check ${watch.checkId}`, role: 'open' }],
      };
      await endWatch(deps, watch, reply);
    }
  }
  return result;
}

/** Tells the chat, then forgets the watch; a notice that must be retried keeps it for the next sweep. */
async function endWatch(deps: Bank131SweepDeps, watch: Watch, reply: Reply): Promise<void> {
  const sent = await deps.sendNotice(watch.chat, reply);
  if (sent !== 'retry') await deps.store.removeWatch(watch.checkId, watch.chat);
}

function groupByCheck(watches: Watch[]): Map<string, Watch[]> {
  const groups = new Map<string, Watch[]>();
  for (const watch of watches) {
    const group = groups.get(watch.checkId);
    if (group) group.push(watch);
    else groups.set(watch.checkId, [watch]);
  }
  return groups;
}

function bank131Observation(check: CheckResult, watches: Watch[]): Observation | null {
  const { outcome, native } = checkOutcome(check);
  const answer = decidingAnswer(check);
  if (!answer || (outcome !== 'APPROVED' && outcome !== 'DECLINED')) return null;
  return {
    provider: 'bank131',
    objectId: check.id,
    outcome,
    native,
    alsoNotify: watches.map((watch) => watch.chat),
    event: {
      provider: 'bank131',
      objectId: check.id,
      outcome,
      native,
      details: {
        description: answer.description,
        participant: answer.participantReference,
        errorCode: answer.error?.code ?? null,
        earlierCheckId: check.earlierCheckId,
      },
    },
  };
}
