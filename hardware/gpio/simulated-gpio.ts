import type { Edge, GpioPort, InputLine, LineOptions, OutputLine } from './gpio-port.js';

interface SimPin {
  /** Physical level on the wire (true = high). */
  level: boolean;
  activeLow: boolean;
  direction: 'in' | 'out';
  edge: Edge | null;
  watchers: Set<(active: boolean) => void>;
}

/**
 * GPIO that exists only in memory: what the dev overlay's virtual LEDs, buttons and PIR sit on,
 * and what the e-paper simulator reads DC/RST from and drives BUSY through. Tests and simulators
 * see physical levels (`level`, `drive`), exactly what a logic analyser on the header would.
 */
export class SimulatedGpio implements GpioPort {
  readonly description = 'simulated GPIO (no hardware)';
  private readonly pins = new Map<number, SimPin>();
  private readonly preset = new Map<number, boolean>();
  /** Every physical level change on an output, in order: for asserting exact pin sequences. */
  readonly writes: Array<{ pin: number; level: boolean }> = [];
  private readonly outputListeners = new Set<(pin: number, level: boolean) => void>();

  async output(pin: number, options: LineOptions = {}): Promise<OutputLine> {
    return this.outputNow(pin, options);
  }

  async input(pin: number, options: LineOptions & { readonly edge?: Edge } = {}): Promise<InputLine> {
    return this.inputNow(pin, options);
  }

  /** `output` without the promise, for simulators that wire themselves up synchronously. */
  outputNow(pin: number, options: LineOptions = {}): OutputLine {
    const p = this.claim(pin, 'out', options.activeLow ?? false, null);
    this.setLevel(pin, p, p.activeLow);
    return {
      pin,
      write: (active) => {
        if (!this.pins.has(pin)) throw new Error(`GPIO ${pin} was released`);
        this.setLevel(pin, p, active !== p.activeLow);
      },
      release: () => {
        if (this.pins.get(pin) !== p) return;
        this.setLevel(pin, p, p.activeLow);
        this.pins.delete(pin);
      },
    };
  }

  inputNow(pin: number, options: LineOptions & { readonly edge?: Edge } = {}): InputLine {
    const p = this.claim(pin, 'in', options.activeLow ?? false, options.edge ?? 'both');
    return {
      pin,
      read: () => p.level !== p.activeLow,
      watch: (onChange) => {
        p.watchers.add(onChange);
        return () => p.watchers.delete(onChange);
      },
      release: () => {
        if (this.pins.get(pin) === p) this.pins.delete(pin);
        p.watchers.clear();
      },
    };
  }

  /** The physical level of a pin, or null when nobody holds it. */
  level(pin: number): boolean | null {
    return this.pins.get(pin)?.level ?? null;
  }

  isClaimed(pin: number): boolean {
    return this.pins.has(pin);
  }

  /** Drives an input from outside (a button, the PIR, the panel's BUSY), firing edge watchers. */
  drive(pin: number, level: boolean): void {
    this.preset.set(pin, level);
    const p = this.pins.get(pin);
    // A wire can be high before software claims the pin: `input` starts from the preset level.
    if (!p) return;
    if (p.direction !== 'in') throw new Error(`GPIO ${pin} is an output; it cannot be driven from outside`);
    if (p.level === level) return;
    p.level = level;
    const rising = level;
    if (p.edge === 'both' || (p.edge === 'rising') === rising) {
      const active = level !== p.activeLow;
      for (const w of [...p.watchers]) w(active);
    }
  }

  /** Calls `listener` on every physical level change of any output. */
  onOutput(listener: (pin: number, level: boolean) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  close(): Promise<void> {
    for (const [pin, p] of [...this.pins]) {
      if (p.direction === 'out') this.setLevel(pin, p, p.activeLow);
      p.watchers.clear();
    }
    this.pins.clear();
    return Promise.resolve();
  }

  private claim(pin: number, direction: 'in' | 'out', activeLow: boolean, edge: Edge | null): SimPin {
    if (!Number.isInteger(pin) || pin < 0 || pin > 27) throw new Error(`GPIO ${pin} is not a BCM pin on the 40-pin header (0–27)`);
    if (this.pins.has(pin)) throw new Error(`GPIO ${pin} is already in use`);
    // An unwired input floats to its pull: inactive.
    const level = direction === 'in' ? (this.preset.get(pin) ?? activeLow) : false;
    const p: SimPin = { level, activeLow, direction, edge, watchers: new Set() };
    this.pins.set(pin, p);
    return p;
  }

  private setLevel(pin: number, p: SimPin, level: boolean): void {
    p.level = level;
    this.writes.push({ pin, level });
    for (const l of [...this.outputListeners]) l(pin, level);
  }
}
