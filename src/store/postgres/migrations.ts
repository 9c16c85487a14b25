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
