import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Equal to its position: 1, 2, 3… and to the number in its file name. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}
