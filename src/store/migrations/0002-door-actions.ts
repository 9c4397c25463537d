import type { Migration } from './migration.js';

/**
 * Door actions (issue 4): when an outbox item finished and how (shown on the door until dismissed),
 * and which calendar events this device booked, with the copy it may change (the room's own, or
 * the booking account's when the room was invited).
 */
export const m0002DoorActions: Migration = {
  version: 2,
  name: 'door-actions',
  up: (db) => {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN finished_ms INTEGER;
      ALTER TABLE outbox ADD COLUMN result TEXT;
      ALTER TABLE outbox ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1));

      CREATE TABLE device_bookings (
        room_event_id  TEXT PRIMARY KEY,
        owner          TEXT NOT NULL CHECK (owner IN ('room', 'me')),
        owner_event_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL
      ) STRICT;
    `);
  },
};
