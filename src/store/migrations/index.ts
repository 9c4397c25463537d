import { m0001Initial } from './0001-initial.js';
import type { Migration } from './migration.js';

/** In order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial];
