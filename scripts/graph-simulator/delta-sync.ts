// calendarView/delta state. A round is frozen when its first page is asked for (like Graph's sync
// state); the deltaLink at its end remembers which items, at which version, the client now holds.
import { randomBytes } from 'node:crypto';
import type { StoredEvent } from './calendar-store.js';

export interface DeltaSnapshot {
  mailbox: string;
  windowStart: number;
  windowEnd: number;
  /** id → changeKey of every item the client holds after the round. */
  versions: ReadonlyMap<string, string>;
}

export interface DeltaEntry {
  id: string;
  removed: boolean;
}

export interface DeltaRound {
  snapshotAfter: DeltaSnapshot;
  entries: readonly DeltaEntry[];
}

export interface DeltaPage {
  entries: readonly DeltaEntry[];
  skipToken?: string;
  deltaToken?: string;
}

function newStateToken(): string {
  return randomBytes(48).toString('base64url');
}

export class DeltaSyncStore {
  private readonly deltaTokens = new Map<string, DeltaSnapshot>();
  private readonly skipTokens = new Map<string, { round: DeltaRound; offset: number }>();

  /**
   * Items changed since `previous` (everything, on an initial round): new or re-versioned items in full,
   * and items that left the window — deleted, declined or moved out — as removals.
   */
  startRound(mailbox: string, windowStart: number, windowEnd: number, current: readonly StoredEvent[], previous?: DeltaSnapshot): DeltaRound {
    const versions = new Map(current.map((e) => [e.id, e.changeKey]));
    const entries: DeltaEntry[] = [];
    for (const event of current) {
      if (!previous || previous.versions.get(event.id) !== event.changeKey) entries.push({ id: event.id, removed: false });
    }
    if (previous) {
      for (const id of previous.versions.keys()) if (!versions.has(id)) entries.push({ id, removed: true });
    }
    return { snapshotAfter: { mailbox, windowStart, windowEnd, versions }, entries };
  }

  page(round: DeltaRound, offset: number, pageSize: number): DeltaPage {
    const entries = round.entries.slice(offset, offset + pageSize);
    const next = offset + entries.length;
    if (next < round.entries.length) {
      const skipToken = newStateToken();
      this.skipTokens.set(skipToken, { round, offset: next });
      return { entries, skipToken };
    }
    const deltaToken = newStateToken();
    this.deltaTokens.set(deltaToken, round.snapshotAfter);
    return { entries, deltaToken };
  }

  findDeltaToken(token: string): DeltaSnapshot | undefined {
    return this.deltaTokens.get(token);
  }

  findSkipToken(token: string): { round: DeltaRound; offset: number } | undefined {
    return this.skipTokens.get(token);
  }

  /** Forget every sync state, as Exchange does when it expires them: clients must start over. */
  clear(): void {
    this.deltaTokens.clear();
    this.skipTokens.clear();
  }
}
