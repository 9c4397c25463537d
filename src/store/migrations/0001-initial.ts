import type { Migration } from './migration.js';

/** Events cache, sync cursors, settings, the outbox of user actions, check-ins and the audit log. */
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE events (
        id            TEXT PRIMARY KEY,
        subject       TEXT NOT NULL,
        organizer_name  TEXT,
        organizer_email TEXT,
        start_ms      INTEGER NOT NULL,
        end_ms        INTEGER NOT NULL,
        is_all_day    INTEGER NOT NULL CHECK (is_all_day IN (0, 1)),
        show_as       TEXT NOT NULL,
        is_cancelled  INTEGER NOT NULL CHECK (is_cancelled IN (0, 1)),
        room_response TEXT NOT NULL,
        sensitivity   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_time ON events (start_ms, end_ms);

      CREATE TABLE sync_state (
        source          TEXT PRIMARY KEY,
        cursor          TEXT,
        window_start_ms INTEGER,
        window_end_ms   INTEGER,
        last_success_ms INTEGER,
        last_error      TEXT
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        transaction_id  TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        payload         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'done', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL,
        created_ms      INTEGER NOT NULL,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_ms);

      CREATE TABLE check_ins (
        event_id TEXT PRIMARY KEY,
        at_ms    INTEGER NOT NULL,
        source   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit (
        id     INTEGER PRIMARY KEY,
        at_ms  INTEGER NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
    `);
  },
};
