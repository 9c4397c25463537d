// Request accounting for tests and the bench: how often the product calls each path and how many
// response bytes it costs (the device's mobile-data and throttling budget).

export interface PathStats {
  requests: number;
  bytesSent: number;
  /** status code → count */
  statuses: Record<number, number>;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** Query string including the leading "?", or "". */
  search: string;
  status: number;
  bytesSent: number;
  /** Headers the product sent that matter to Graph semantics. */
  prefer?: string;
  clientRequestId?: string;
}

const LOG_LIMIT = 1000;

export class SimulatorStats {
  requests = 0;
  /** Response body bytes, all paths. */
  bytesSent = 0;
  /** Keyed by URL path without the query string, exactly as requested. */
  byPath: Record<string, PathStats> = {};
  byStatus: Record<number, number> = {};
  /** The most recent requests, oldest first (capped at 1000). */
  log: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.requests++;
    this.bytesSent += entry.bytesSent;
    const path = (this.byPath[entry.path] ??= { requests: 0, bytesSent: 0, statuses: {} });
    path.requests++;
    path.bytesSent += entry.bytesSent;
    path.statuses[entry.status] = (path.statuses[entry.status] ?? 0) + 1;
    this.byStatus[entry.status] = (this.byStatus[entry.status] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** Requests whose path contains `fragment` (case-insensitive), e.g. "/calendarView/delta". */
  requestsTo(fragment: string): number {
    const lower = fragment.toLowerCase();
    return Object.entries(this.byPath)
      .filter(([path]) => path.toLowerCase().includes(lower))
      .reduce((sum, [, s]) => sum + s.requests, 0);
  }

  reset(): void {
    this.requests = 0;
    this.bytesSent = 0;
    this.byPath = {};
    this.byStatus = {};
    this.log = [];
  }
}
