import { m0001Initial } from './0001-initial.js';
import { m0002DoorActions } from './0002-door-actions.js';
import type { Migration } from './migration.js';

/** In order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002DoorActions];
