import type { SyncBatch } from '../store/store.js';

export interface RoomInfo {
  readonly name: string;
  readonly email: string;
  /** IANA zone. */
  readonly timeZone: string;
  readonly capacity: number | null;
}

export interface SyncWindow {
  readonly start: number;
  readonly end: number;
}

export interface SyncRequest {
  /** What the last successful sync returned; null asks for a full sync. */
  readonly cursor: string | null;
  readonly window: SyncWindow;
  readonly now: number;
}

export interface SyncResult {
  readonly batch: SyncBatch;
  readonly cursor: string | null;
  readonly window: SyncWindow;
}

/** Where the room's calendar comes from: Microsoft Graph, or the built-in demo room. */
export interface CalendarSource {
  readonly kind: 'demo' | 'graph';
  room(): Promise<RoomInfo>;
  sync(request: SyncRequest): Promise<SyncResult>;
}
