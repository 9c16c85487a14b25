/**
 * SQLite schema, as ordered migrations applied at start. A migration never
 * changes once released: add a new one with the next version instead.
 * Times are UTC milliseconds since the epoch.
 */
import type Database from 'better-sqlite3';

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
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      -- Every (provider, object, outcome) ever seen: the memory that stops an event being announced twice.
      CREATE TABLE observations (
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        native TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        PRIMARY KEY (provider, object_id, outcome)
      ) WITHOUT ROWID;

      -- The latest outcome of each object.
      CREATE TABLE object_states (
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        native TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, object_id)
      ) WITHOUT ROWID;

      CREATE TABLE cursors (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- AUTOINCREMENT keeps ids rising, so "oldest first" is "lowest id first".
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        event TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'failed')),
        created_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        claimed_by TEXT,
        lease_until INTEGER,
        last_error TEXT,
        finished_at INTEGER,
        UNIQUE (platform, chat_id, provider, object_id, outcome)
      );
      CREATE INDEX outbox_unsent ON outbox (id) WHERE status IN ('pending', 'claimed');
      CREATE INDEX outbox_unsent_by_chat ON outbox (platform, chat_id) WHERE status IN ('pending', 'claimed');

      -- outcomes, providers: JSON arrays; [] = all.
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        outcomes TEXT NOT NULL,
        providers TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('static', 'command')),
        created_by TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX subscriptions_by_chat ON subscriptions (platform, chat_id);

      CREATE TABLE disabled_chats (
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        disabled_at INTEGER NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );

      -- The static chat list as last applied, so a restart can tell new chats from ones users reshaped.
      CREATE TABLE static_chats (
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );

      CREATE TABLE watches (
        check_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (check_id, platform, chat_id)
      );

      CREATE TABLE button_payloads (
        key TEXT PRIMARY KEY,
        command_line TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX button_payloads_by_expiry ON button_payloads (expires_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        workspace_id TEXT,
        chat_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        command TEXT NOT NULL,
        result TEXT NOT NULL
      );
      CREATE INDEX audit_log_by_time ON audit_log (at, id);

      CREATE TABLE leadership (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'seen requests, pruning, chats no longer disabled for token failures',
    sql: `
      -- Signatures of signed requests seen lately, so a replay is refused (on every replica sharing the file).
      CREATE TABLE seen_requests (
        key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX seen_requests_by_expiry ON seen_requests (expires_at);

      CREATE INDEX outbox_finished ON outbox (finished_at) WHERE status IN ('sent', 'failed');

      -- A revoked or wrong token is not the chat's fault: older builds disabled chats for it and failed
      -- their alerts. Those alerts were never delivered, so they go back to the queue (store/types.ts, AUTH_FAILURE_REASONS).
      UPDATE outbox SET status = 'pending', due_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000, finished_at = NULL
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
      CREATE TABLE verifications (
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        customer_ref TEXT,
        outcome TEXT NOT NULL,
        native TEXT NOT NULL,
        reason TEXT,
        started_at INTEGER,
        decided_at INTEGER,
        first_seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, object_id)
      ) WITHOUT ROWID;
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
      -- observation: the masked Observation the event carries (JSON), NULL when the object must be read.
      CREATE TABLE webhook_events (
        provider TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        observation TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'finished')),
        result TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER NOT NULL,
        claimed_by TEXT,
        lease_until INTEGER,
        last_error TEXT,
        finished_at INTEGER,
        PRIMARY KEY (provider, event_id)
      ) WITHOUT ROWID;
      CREATE INDEX webhook_events_pending ON webhook_events (due_at) WHERE status = 'pending';
      CREATE INDEX webhook_events_by_object ON webhook_events (provider, object_id, occurred_at);
      CREATE INDEX webhook_events_finished ON webhook_events (finished_at) WHERE status = 'finished';

      -- Outcomes a webhook committed that no sweep has counted yet: knownObjectIds leaves them out, so the
      -- Love&Pay sweep, which counts a final list's growth by the ids it has not seen, still counts them.
      CREATE TABLE unswept_outcomes (
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (provider, object_id, outcome)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'alert cards, review items, quiet hours',
    sql: `
      -- The message each chat got for a verification (DESIGN.md, "Alert cards and the review queue"):
      -- every later change of the verification edits it in place and answers in its thread.
      CREATE TABLE alert_cards (
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        message_chat_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        permalink TEXT,
        posted_at INTEGER NOT NULL,
        PRIMARY KEY (platform, chat_id, provider, object_id)
      ) WITHOUT ROWID;
      CREATE INDEX alert_cards_by_object ON alert_cards (provider, object_id);

      -- DECLINED verifications as work items, shared by every chat and replica. reviewer and
      -- resolved_by are JSON actors (platform, user id, name); event is the latest alert's.
      CREATE TABLE review_items (
        provider TEXT NOT NULL,
        object_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'taken', 'resolved')),
        event TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        reviewer TEXT,
        taken_at INTEGER,
        resolved_by TEXT,
        resolved_at INTEGER,
        reason TEXT,
        note TEXT,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, object_id)
      ) WITHOUT ROWID;
      CREATE INDEX review_items_unresolved ON review_items (opened_at) WHERE status IN ('open', 'taken');

      -- A card update for a review action: its row's outcome column holds 'review:<version>', so each
      -- change is queued once per chat under the same unique key as alerts.
      ALTER TABLE outbox ADD COLUMN review_change TEXT;
      -- Held for quiet hours: due when they end, and delivered together as one digest.
      ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
      -- The chats already told of an object, whose card a later change edits.
      CREATE INDEX outbox_by_object ON outbox (provider, object_id);

      -- JSON {from, to, timeZone}; NULL: none.
      ALTER TABLE subscriptions ADD COLUMN quiet TEXT;
    `,
  },
  {
    version: 6,
    name: 'stats windows, daily summaries',
    sql: `
      -- Stats windows (DESIGN.md, "Stats and the daily summary"): a verification counts when its verdict came,
      -- else when it started, else when the bot first saw it (store/stats-types.ts, VerdictRow.at). Queries
      -- must spell the expression exactly so. It covers what a stats read takes (verdictCounts), so a month is read
      -- from the index alone (provider is in the key already), a third faster than through the table (bench area stats).
      CREATE INDEX verifications_by_verdict_time
        ON verifications (COALESCE(decided_at, started_at, first_seen_at), outcome, reason, native, started_at, decided_at, first_seen_at);

      -- One daily summary per chat: at (HH:MM) in time_zone, written in locale; providers: JSON array, [] = all.
      CREATE TABLE summaries (
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        at TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        locale TEXT NOT NULL,
        providers TEXT NOT NULL,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (platform, chat_id)
      ) WITHOUT ROWID;

      -- A day's summary is an outbox row (provider 'summary', object_id its day, outcome 'summary'), delivered like
      -- an alert and unique like one; summary holds what it covers (JSON), and event is unused ('{}').
      ALTER TABLE outbox ADD COLUMN summary TEXT;
      CREATE INDEX outbox_summaries_unsent ON outbox (id) WHERE summary IS NOT NULL AND status IN ('pending', 'claimed');
    `,
  },
];

/**
 * Applies the migrations this database lacks, each in its own IMMEDIATE
 * transaction so two processes starting on one file cannot both apply one.
 * Refuses a database migrated by a newer build.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const current = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const latest = migrations.at(-1)?.version ?? 0;
  const applied = current.get()?.version ?? 0;
  if (applied > latest) {
    throw new Error(`the SQLite database is at schema version ${applied}, newer than this build knows (${latest})`);
  }
  for (const migration of migrations) {
    db.transaction(() => {
      // Read again inside the lock: another process may have applied it meanwhile.
      if ((current.get()?.version ?? 0) >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}
