/** What a hardware button does, for units without touch (e-ink doors). */
export type ButtonAction = 'book-15' | 'book-30' | 'check-in' | 'end';

export interface ButtonPress {
  readonly action: ButtonAction;
  /** Held past the long-press time: opens the admin screen instead of the action. */
  readonly long: boolean;
}

export interface Buttons {
  open(): Promise<void>;
  onPress(listener: (press: ButtonPress) => void): () => void;
  close(): Promise<void>;
}
