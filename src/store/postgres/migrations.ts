/**
 * PostgreSQL schema, as ordered migrations applied at start. A migration
 * never changes once released: add a new one with the next version instead.
 */
import type pg from 'pg';
import { inTransaction, LOCK } from './transaction.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * object_states (version 1) is no longer written or read: observations holds
 * every outcome ever seen, which is all change detection needs. The table
 * stays, so a replica of an older build that still writes it keeps working
 * during a rolling upgrade, and a downgrade finds its schema intact.
 */
const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      -- Every (provider, object, outcome) ever seen: the memory that stops an event being announced twice.
      CREATE TABLE observations (
        provider text NOT NULL,
        object_id text NOT NULL,
        outcome text NOT NULL,
        native text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (provider, object_id, outcome)
      );

      -- The latest outcome of each object.
      CREATE TABLE object_states (
        provider text NOT NULL,
        object_id text NOT NULL,
        outcome text NOT NULL,
        native text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider, object_id)
      );

      CREATE TABLE cursors (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        chat_id text NOT NULL,
        provider text NOT NULL,
        object_id text NOT NULL,
        outcome text NOT NULL,
        event jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'failed')),
        created_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        claimed_by text,
        lease_until timestamptz,
        last_error text,
        finished_at timestamptz,
        UNIQUE (platform, chat_id, provider, object_id, outcome)
      );
      CREATE INDEX outbox_unsent ON outbox (id) WHERE status IN ('pending', 'claimed');
      CREATE INDEX outbox_unsent_by_chat ON outbox (platform, chat_id) WHERE status IN ('pending', 'claimed');

      -- outcomes, providers: '{}' = all.
      CREATE TABLE subscriptions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        chat_id text NOT NULL,
        outcomes text[] NOT NULL,
        providers text[] NOT NULL,
        source text NOT NULL CHECK (source IN ('static', 'command')),
        created_by text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX subscriptions_by_chat ON subscriptions (platform, chat_id);

      CREATE TABLE disabled_chats (
        platform text NOT NULL,
        chat_id text NOT NULL,
        reason text NOT NULL,
        disabled_at timestamptz NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );

      -- The static chat list as last applied, so a restart can tell new chats from ones users reshaped.
      CREATE TABLE static_chats (
        platform text NOT NULL,
        chat_id text NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );

      CREATE TABLE watches (
        check_id text NOT NULL,
        platform text NOT NULL,
        chat_id text NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (check_id, platform, chat_id)
      );

      CREATE TABLE button_payloads (
        key text PRIMARY KEY,
        command_line text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX button_payloads_by_expiry ON button_payloads (expires_at);

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        platform text NOT NULL,
        workspace_id text,
        chat_id text NOT NULL,
        user_id text NOT NULL,
        command text NOT NULL,
        result text NOT NULL
      );
      CREATE INDEX audit_log_by_time ON audit_log (at, id);
    `,
  },
  {
    version: 2,
    name: 'seen requests, pruning, chats no longer disabled for token failures',
    sql: `
      -- Signatures of signed requests seen lately, so a replay is refused by every replica.
      CREATE TABLE seen_requests (
        key text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX seen_requests_by_expiry ON seen_requests (expires_at);

      CREATE INDEX outbox_finished ON outbox (finished_at) WHERE status IN ('sent', 'failed');

      -- A revoked or wrong token is not the chat's fault: older builds disabled chats for it and failed
      -- their alerts. Those alerts were never delivered, so they go back to the queue (store/types.ts, AUTH_FAILURE_REASONS).
      UPDATE outbox SET status = 'pending', due_at = now(), finished_at = NULL
      WHERE status = 'failed' AND EXISTS (
        SELECT 1 FROM disabled_chats d
        WHERE d.platform = outbox.platform AND d.chat_id = outbox.chat_id AND d.reason IN ('invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'Unauthorized'));
      DELETE FROM disabled_chats WHERE reason IN ('invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'Unauthorized');
    `,
  },
  {
    version: 3,
    name: 'the index of verifications',
    sql: `
      -- Every verification the bot has seen, one row each (DESIGN.md, "One customer across providers"):
      -- Love&Pay sessions from the sweeps and lookups, Stripe sessions, Bank 131 checks looked up or watched.
      -- No names, emails or phones: customer_ref is a Love&Pay customer id, or a hash of anything else
      -- (store/customer-reference.ts). Stats read outcomes, reasons and start-to-verdict times from here.
      -- Ids compare byte-wise (COLLATE "C"), so a short id is a range scan of the index.
      CREATE TABLE verifications (
        provider text NOT NULL,
        object_id text COLLATE "C" NOT NULL,
        customer_ref text COLLATE "C",
        outcome text NOT NULL,
        native text NOT NULL,
        reason text,
        started_at timestamptz,
        decided_at timestamptz,
        first_seen_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider, object_id)
      );
      -- A customer's card; short customer ids (a range on the prefix).
      CREATE INDEX verifications_by_customer ON verifications (customer_ref, provider);
      -- Verdicts per window (stats, the daily summary).
      CREATE INDEX verifications_by_decision ON verifications (decided_at, provider, outcome) WHERE decided_at IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'provider webhook events',
    sql: `
      -- Every webhook event accepted (DESIGN.md, "Provider webhooks"), recorded before the provider's 2xx:
      -- the primary key makes a repeat do nothing, and a pending row is work a worker (any replica) finishes.
      -- observation: the masked Observation the event carries, NULL when the object must be read.
      CREATE TABLE webhook_events (
        provider text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        object_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        observation jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'finished')),
        result text,
        attempts integer NOT NULL DEFAULT 0,
        due_at timestamptz NOT NULL,
        claimed_by text,
        lease_until timestamptz,
        last_error text,
        finished_at timestamptz,
        PRIMARY KEY (provider, event_id)
      );
      CREATE INDEX webhook_events_pending ON webhook_events (due_at) WHERE status = 'pending';
      CREATE INDEX webhook_events_by_object ON webhook_events (provider, object_id, occurred_at);
      CREATE INDEX webhook_events_finished ON webhook_events (finished_at) WHERE status = 'finished';

      -- Outcomes a webhook committed that no sweep has counted yet: knownObjectIds leaves them out, so the
      -- Love&Pay sweep, which counts a final list's growth by the ids it has not seen, still counts them.
      CREATE TABLE unswept_outcomes (
        provider text NOT NULL,
        object_id text NOT NULL,
        outcome text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (provider, object_id, outcome)
      );
    `,
  },
  {
    version: 5,
    name: 'alert cards, review items, quiet hours',
    sql: `
      -- The message each chat got for a verification (DESIGN.md, "Alert cards and the review queue"):
      -- every later change of the verification edits it in place and answers in its thread.
      CREATE TABLE alert_cards (
        platform text NOT NULL,
        chat_id text NOT NULL,
        provider text NOT NULL,
        object_id text NOT NULL,
        message_chat_id text NOT NULL,
        message_id text NOT NULL,
        permalink text,
        posted_at timestamptz NOT NULL,
        PRIMARY KEY (platform, chat_id, provider, object_id)
      );
      CREATE INDEX alert_cards_by_object ON alert_cards (provider, object_id);

      -- DECLINED verifications as work items, shared by every replica. reviewer and resolved_by
      -- are actors (platform, user id, name); event is the latest alert's.
      CREATE TABLE review_items (
        provider text NOT NULL,
        object_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'taken', 'resolved')),
        event jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        reviewer jsonb,
        taken_at timestamptz,
        resolved_by jsonb,
        resolved_at timestamptz,
        reason text,
        note text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider, object_id)
      );
      CREATE INDEX review_items_unresolved ON review_items (opened_at) WHERE status IN ('open', 'taken');

      -- A card update for a review action: its row's outcome column holds 'review:<version>', so each
      -- change is queued once per chat under the same unique key as alerts.
      ALTER TABLE outbox ADD COLUMN review_change jsonb;
      -- Held for quiet hours: due when they end, and delivered together as one digest.
      ALTER TABLE outbox ADD COLUMN held boolean NOT NULL DEFAULT false;
      -- The chats already told of an object, whose card a later change edits.
      CREATE INDEX outbox_by_object ON outbox (provider, object_id);

      -- {from, to, timeZone}; NULL: none.
      ALTER TABLE subscriptions ADD COLUMN quiet jsonb;
    `,
  },
  {
    version: 6,
    name: 'stats windows, daily summaries',
    sql: `
      -- Stats windows (DESIGN.md, "Stats and the daily summary"): a verification counts when its verdict came,
      -- else when it started, else when the bot first saw it (store/stats-types.ts, VerdictRow.at). Queries
      -- must spell the expression exactly so. It covers what a stats read takes (verdictCounts): index-only scans.
      CREATE INDEX verifications_by_verdict_time ON verifications ((COALESCE(decided_at, started_at, first_seen_at)))
        INCLUDE (provider, outcome, reason, native, started_at, decided_at, first_seen_at);

      -- One daily summary per chat: at (HH:MM) in time_zone, written in locale; providers: '{}' = all.
      CREATE TABLE summaries (
        platform text NOT NULL,
        chat_id text NOT NULL,
        at text NOT NULL,
        time_zone text NOT NULL,
        locale text NOT NULL,
        providers text[] NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );

      -- A day's summary is an outbox row (provider 'summary', object_id its day, outcome 'summary'), delivered like
      -- an alert and unique like one; summary holds what it covers, and event is unused ('{}').
      ALTER TABLE outbox ADD COLUMN summary jsonb;
      CREATE INDEX outbox_summaries_unsent ON outbox (id) WHERE summary IS NOT NULL AND status IN ('pending', 'claimed');
    `,
  },
];

/**
 * Applies the migrations this database lacks in one transaction (DDL is
 * transactional in PostgreSQL), under an advisory lock so replicas starting
 * together apply each migration once. Refuses a database migrated by a newer build.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.namespace, LOCK.migrate]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const applied = rows[0]?.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (applied > latest) {
      throw new Error(`the PostgreSQL database is at schema version ${applied}, newer than this build knows (${latest})`);
    }
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
