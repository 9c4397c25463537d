import type { GpioPort, InputLine, OutputLine } from '../../gpio/gpio-port.js';
import type { Frame, Window } from '../frame.js';
import type { SpiBus } from './spi-bus.js';

export type EpdModel = '7in5_V2' | '4in2_V2';

export interface EpdPins {
  readonly rst: number;
  readonly dc: number;
  readonly busy: number;
  /** The HAT's power switch (newer HAT revisions); null when the board has none or the pin is used elsewhere. */
  readonly pwr: number | null;
}

/**
 * BCM pins of the Waveshare e-Paper Driver HAT (vendor `epdconfig.py`, class RaspberryPi). CS is
 * GPIO 8 (CE0), but spidev toggles it itself, so no driver claims it.
 */
export const HAT_PINS: EpdPins = { rst: 17, dc: 25, busy: 24, pwr: 18 };

export interface EpdTiming {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** How long one BUSY wait may last before the panel counts as not answering. */
  readonly busyTimeoutMs: number;
  /** Pause between two reads of BUSY. */
  readonly pollMs: number;
}

export const REAL_TIMING: EpdTiming = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
  // A full refresh takes 4–5 s at room temperature and noticeably longer in the cold; 30 s is
  // far beyond any healthy panel, yet short enough that a dead one shows up in the log.
  busyTimeoutMs: 30_000,
  pollMs: 10,
};

export interface EpdDriverOptions {
  /** The panel's SPI device; the driver owns it and closes it in `close()`. */
  readonly bus: SpiBus;
  /** Shared with LEDs and buttons: the driver claims and releases only its own lines. */
  readonly gpio: GpioPort;
  readonly pins?: Partial<EpdPins>;
  readonly timing?: Partial<EpdTiming>;
}

/**
 * One Waveshare SPI e-paper panel at the frame level: the lead's `Panel` wraps it with rendering
 * and the refresh policy. Calls must not overlap. Every display method returns the bytes that
 * went over SPI for it (commands, data, status polls and any re-initialisation it needed).
 */
export interface EpdDriver {
  readonly model: EpdModel;
  /** "Waveshare 7.5in V2" */
  readonly description: string;
  readonly width: number;
  readonly height: number;
  /**
   * True once a full refresh has put a known picture on the panel in this process: a partial
   * refresh redraws a window relative to that picture and is refused before it.
   */
  readonly partialReady: boolean;
  /** Claims the pins, powers the HAT, resets and initialises the panel for a full refresh. */
  init(): Promise<void>;
  displayFull(frame: Frame): Promise<number>;
  /** `window` is widened to 8-pixel boundaries in x; the panel keeps `frame` outside it as it was. */
  displayPartial(frame: Frame, window: Window): Promise<number>;
  /** Deep sleep; the picture stays. The next display wakes the panel with a reset. */
  sleep(): Promise<void>;
  /** Deep sleep, then HAT power off and pins and SPI device released. */
  close(): Promise<void>;
}

/** A BUSY line that never let go: what a loose ribbon, an unseated HAT or no power look like. */
export class EpdBusyTimeoutError extends Error {
  override readonly name = 'EpdBusyTimeoutError';
}

export function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * The wire between the Pi and the panel: DC/RST/PWR outputs, the BUSY input and the SPI bus.
 * Knows nothing of any panel's command set.
 */
export class EpdLink {
  /** Every byte written so far, for the bytes-per-draw figure. */
  bytesSent = 0;
  private rst: OutputLine | null = null;
  private dc: OutputLine | null = null;
  private pwr: OutputLine | null = null;
  private busyLine: InputLine | null = null;
  private dcLevel: boolean | null = null;

  constructor(
    private readonly bus: SpiBus,
    private readonly gpio: GpioPort,
    readonly pins: EpdPins,
    readonly timing: EpdTiming,
    /** Physical BUSY level while the controller works: low on the 7.5" V2, high on the 4.2" V2. */
    private readonly busyWhenHigh: boolean,
    private readonly panelName: string,
  ) {}

  get isOpen(): boolean {
    return this.rst !== null;
  }

  /** Claims the lines and switches the HAT's power on. Idempotent. */
  async open(): Promise<void> {
    if (this.isOpen) return;
    const claimed: Array<{ release(): void }> = [];
    const claim = async <T extends { release(): void }>(line: Promise<T>): Promise<T> => {
      const got = await line;
      claimed.push(got);
      return got;
    };
    try {
      const rst = await claim(this.gpio.output(this.pins.rst));
      const dc = await claim(this.gpio.output(this.pins.dc));
      // activeLow turns "busy" into a logical true whichever way the controller signals it.
      const busy = await claim(this.gpio.input(this.pins.busy, { activeLow: !this.busyWhenHigh }));
      const pwr = this.pins.pwr === null ? null : await claim(this.gpio.output(this.pins.pwr));
      pwr?.write(true);
      this.rst = rst;
      this.dc = dc;
      this.busyLine = busy;
      this.pwr = pwr;
      this.dcLevel = false;
    } catch (err) {
      for (const line of claimed) line.release();
      throw err;
    }
  }

  command(cmd: number, data?: ArrayLike<number>): void {
    this.send(false, Uint8Array.of(cmd));
    if (data && data.length > 0) this.send(true, data instanceof Uint8Array ? data : Uint8Array.from(data));
  }

  /** Holds RST high, pulses it low, lets the controller come up: the vendors' `reset()` shape. */
  async reset(highMs: number, lowMs: number, settleMs: number): Promise<void> {
    const rst = this.line(this.rst);
    rst.write(true);
    await this.timing.sleep(highMs);
    rst.write(false);
    await this.timing.sleep(lowMs);
    rst.write(true);
    await this.timing.sleep(settleMs);
  }

  isBusy(): boolean {
    return this.line(this.busyLine).read();
  }

  /**
   * Waits for BUSY to go idle, calling `beforeRead` before every read (the 7.5" V2 wants a
   * status command for BUSY to update). Throws an actionable error instead of hanging.
   */
  async waitIdle(after: string, beforeRead?: () => void): Promise<void> {
    const start = this.timing.now();
    for (;;) {
      beforeRead?.();
      if (!this.isBusy()) return;
      const waited = this.timing.now() - start;
      if (waited >= this.timing.busyTimeoutMs) throw this.busyTimeout(after, waited);
      await this.timing.sleep(this.timing.pollMs);
    }
  }

  delay(ms: number): Promise<void> {
    return this.timing.sleep(ms);
  }

  /** Leaves the HAT as the vendor's `module_exit` does (RST, DC, PWR low) and gives the lines back. */
  release(): void {
    const lines = [this.rst, this.dc, this.pwr];
    for (const line of lines) {
      try {
        line?.write(false);
      } catch {
        // Already released by the port's own close: nothing left to drive.
      }
    }
    for (const line of [...lines, this.busyLine]) line?.release();
    this.rst = this.dc = this.pwr = this.busyLine = null;
    this.dcLevel = null;
  }

  private send(dataLevel: boolean, bytes: Uint8Array): void {
    const dc = this.line(this.dc);
    // Skipping unchanged levels saves a sysfs write per byte run on a real Pi.
    if (this.dcLevel !== dataLevel) {
      dc.write(dataLevel);
      this.dcLevel = dataLevel;
    }
    this.bus.write(bytes);
    this.bytesSent += bytes.length;
  }

  private line<T>(line: T | null): T {
    if (line === null) throw new Error(`${this.panelName}: the panel's pins are not claimed (init() was not called, or close() was)`);
    return line;
  }

  private busyTimeout(after: string, waitedMs: number): EpdBusyTimeoutError {
    const level = this.busyWhenHigh ? 'high' : 'low';
    const power = this.pins.pwr === null ? 'the HAT gets 3.3 V' : `the HAT gets 3.3 V (its PWR switch is GPIO ${this.pins.pwr})`;
    return new EpdBusyTimeoutError(
      `${this.panelName}: BUSY (GPIO ${this.pins.busy}) stayed ${level} for ${Math.round(waitedMs / 1000)} s after ${after}; ` +
        `the panel is not answering. Check that the ribbon cable is pushed fully into the HAT's connector with the latch closed, ` +
        `that the HAT is seated on all 40 header pins, that ${power}, and that the configured panel model matches the panel.`,
    );
  }
}

/** Widens a window to whole bytes in x, as both controllers address RAM 8 pixels at a time. */
export function alignWindow(window: Window, width: number, height: number): Window {
  const { x, y } = window;
  const ok = [x, y, window.width, window.height].every(Number.isInteger);
  if (!ok || x < 0 || y < 0 || window.width <= 0 || window.height <= 0 || x + window.width > width || y + window.height > height) {
    throw new RangeError(`partial window ${JSON.stringify(window)} does not lie inside the ${width}×${height} panel`);
  }
  const left = x - (x % 8);
  const right = Math.ceil((x + window.width) / 8) * 8;
  return { x: left, y, width: right - left, height: window.height };
}

/** `base` with the window copied in from `top`: what the panel shows after a partial refresh. */
export function pasteWindow(base: Frame, top: Frame, window: Window): Frame {
  const data = base.data.slice();
  const stride = base.width / 8;
  const rowBytes = window.width / 8;
  for (let row = 0; row < window.height; row++) {
    const start = (window.y + row) * stride + window.x / 8;
    data.set(top.data.subarray(start, start + rowBytes), start);
  }
  return { width: base.width, height: base.height, data };
}

export function inverted(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ~(bytes[i] ?? 0) & 0xff;
  return out;
}

interface ModelTraits {
  readonly model: EpdModel;
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly busyWhenHigh: boolean;
  /** The vendor's pause after deep sleep before cutting the HAT's power (`sleep()` before `module_exit`). */
  readonly settleBeforePowerOffMs: number;
}

/** Which init the controller last had; 'off' = never, or deep sleep since. */
export type EpdMode = 'off' | 'full' | 'partial';

/**
 * The state both panels share: which init the controller last had, what the panel shows, and
 * recovery (any failure forgets both, so the next draw starts from a reset and a full refresh).
 */
export abstract class EpdBase implements EpdDriver {
  readonly model: EpdModel;
  readonly description: string;
  readonly width: number;
  readonly height: number;
  protected readonly link: EpdLink;
  private mode: EpdMode = 'off';
  private shown: Frame | null = null;
  private running = false;
  private closed = false;
  /** When deep sleep was entered, so close() waits out only what is left of the vendor's pause. */
  private sleptAt: number | null = null;
  private readonly settleMs: number;

  private readonly bus: SpiBus;

  protected constructor(options: EpdDriverOptions, traits: ModelTraits) {
    this.bus = options.bus;
    this.model = traits.model;
    this.description = traits.description;
    this.width = traits.width;
    this.height = traits.height;
    this.settleMs = traits.settleBeforePowerOffMs;
    const pins = { ...HAT_PINS, ...options.pins };
    const timing = { ...REAL_TIMING, ...options.timing };
    this.link = new EpdLink(options.bus, options.gpio, pins, timing, traits.busyWhenHigh, traits.description);
  }

  get partialReady(): boolean {
    return this.shown !== null;
  }

  /** The vendor's init for a full refresh, from the reset pulse on. */
  protected abstract initFull(): Promise<void>;
  /** Whatever the controller needs before partial refreshes, given the init it last had. */
  protected abstract initPartial(from: EpdMode): Promise<void>;
  protected abstract sendFull(frame: Frame): Promise<void>;
  /** `window` is byte-aligned and inside the panel; `previous` is what the panel shows now. */
  protected abstract sendPartial(frame: Frame, previous: Frame, window: Window): Promise<void>;
  protected abstract enterDeepSleep(): Promise<void>;

  init(): Promise<void> {
    return this.run(async () => {
      await this.wake();
      await this.initFull();
      this.mode = 'full';
    }).then(() => undefined);
  }

  async displayFull(frame: Frame): Promise<number> {
    this.checkFrame(frame);
    return this.run(async () => {
      if (this.mode !== 'full') {
        await this.wake();
        await this.initFull();
        this.mode = 'full';
      }
      await this.sendFull(frame);
      this.shown = { width: frame.width, height: frame.height, data: frame.data.slice() };
    });
  }

  async displayPartial(frame: Frame, window: Window): Promise<number> {
    this.checkFrame(frame);
    const aligned = alignWindow(window, this.width, this.height);
    const previous = this.shown;
    if (!previous) throw new Error(`${this.description}: a partial refresh needs a full refresh first, so the driver knows what the panel shows`);
    return this.run(async () => {
      if (this.mode !== 'partial') {
        await this.wake();
        await this.initPartial(this.mode);
        this.mode = 'partial';
      }
      await this.sendPartial(frame, previous, aligned);
      this.shown = pasteWindow(previous, frame, aligned);
    });
  }

  sleep(): Promise<void> {
    if (this.mode === 'off') return Promise.resolve();
    return this.run(async () => {
      await this.enterDeepSleep();
      this.mode = 'off';
      this.sleptAt = this.link.timing.now();
    }).then(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.link.isOpen) {
        if (this.mode !== 'off') await this.sleep();
        const left = this.sleptAt === null ? 0 : this.settleMs - (this.link.timing.now() - this.sleptAt);
        if (left > 0) await this.link.delay(left);
      }
    } finally {
      this.closed = true;
      this.mode = 'off';
      this.link.release();
      this.bus.close();
    }
  }

  private async wake(): Promise<void> {
    await this.link.open();
    this.sleptAt = null;
  }

  private checkFrame(frame: Frame): void {
    if (frame.width !== this.width || frame.height !== this.height || frame.data.length !== (this.width / 8) * this.height) {
      throw new RangeError(`${this.description} takes ${this.width}×${this.height} frames, got ${frame.width}×${frame.height} (${frame.data.length} bytes)`);
    }
  }

  private async run(step: () => Promise<void>): Promise<number> {
    if (this.closed) throw new Error(`${this.description} is closed`);
    if (this.running) throw new Error(`${this.description}: a panel operation is already running; calls must not overlap`);
    this.running = true;
    const before = this.link.bytesSent;
    try {
      await step();
      return this.link.bytesSent - before;
    } catch (err) {
      // Half-sent commands leave the controller and the glass in an unknown state.
      this.mode = 'off';
      this.shown = null;
      throw err;
    } finally {
      this.running = false;
    }
  }
}
