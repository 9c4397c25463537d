/** Someone in the room, as a sensor sees it. Counts as a check-in and keeps a meeting from release. */
export interface Occupancy {
  open(): Promise<void>;
  /** Null while the sensor warms up and cannot be trusted yet. */
  occupied(now: number): boolean | null;
  /** Called on every change of `occupied`, and on every fresh motion (`motion` true). */
  onChange(listener: (occupied: boolean, at: number, motion: boolean) => void): () => void;
  close(): Promise<void>;
}
