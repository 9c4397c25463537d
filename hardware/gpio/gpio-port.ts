/**
 * The small port every GPIO user goes through (LEDs, buttons, PIR, the e-paper HAT's RST/DC/BUSY).
 * Pins are BCM numbers as printed on Raspberry Pi pinout diagrams; mapping them to the kernel's
 * numbering is the port's job. Values are logical: `true` = active, whatever the wiring's polarity.
 */
export type Edge = 'rising' | 'falling' | 'both';

export interface LineOptions {
  /** Wired so that a low level means "on" / "pressed". */
  readonly activeLow?: boolean;
}

export interface OutputLine {
  readonly pin: number;
  write(active: boolean): void;
  /** Drives the line inactive and gives it back to the kernel. Idempotent. */
  release(): void;
}

export interface InputLine {
  readonly pin: number;
  read(): boolean;
  /** Calls `onChange` with the new logical value on every edge; returns the unsubscribe. */
  watch(onChange: (active: boolean) => void): () => void;
  release(): void;
}

export interface GpioPort {
  /** Human words for logs and doctor: "sysfs gpiochip512 (pinctrl-bcm2711), base 512". */
  readonly description: string;
  /** Async because the kernel's udev rules make a freshly exported line writable only a moment later. */
  output(pin: number, options?: LineOptions): Promise<OutputLine>;
  input(pin: number, options?: LineOptions & { readonly edge?: Edge }): Promise<InputLine>;
  /** Releases every line this port handed out. */
  close(): Promise<void>;
}
