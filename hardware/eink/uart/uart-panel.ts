import { readdir, realpath } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { DrawResult, Panel, RefreshKind } from '../panel.js';
import type { PanelContent } from '../panel-content.js';
import { encodeCommand, PANEL_HEIGHT, PANEL_WIDTH, type UartCommand } from './uart-commands.js';
import { layoutPanel } from './uart-layout.js';
import { wallClock, type HardwareClock } from '../../hardware-clock.js';

/**
 * The Waveshare 4.3" UART e-paper module (800×600) as a Panel. Every draw is: wake (if we put it
 * to sleep), clear, the layout's primitives, refresh, sleep — each command waiting for the
 * module's "OK". serialport never reconnects by itself, so this class does: when the link drops
 * it reopens with exponential backoff and redraws the last content once the module answers.
 */

/** The part of a serialport stream we use; `SerialPort` and `SerialPortMock` both fit. */
export interface SerialLink {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  write(data: Buffer, callback: (err: Error | null | undefined) => void): boolean;
  close(callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (err?: Error | null) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export type OpenSerial = (path: string, baudRate: number) => SerialLink;

/** Same shape as the app's Clock, so the core can hand its own clock in. */
export type UartPanelErrorCode = 'not-found' | 'permission' | 'busy' | 'disconnected' | 'no-answer' | 'module-error' | 'io';

/** Every failure says what to do about it: these end up in logs and `lintel doctor`. */
export class UartPanelError extends Error {
  constructor(
    readonly code: UartPanelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UartPanelError';
  }
}

export interface UartPanelOptions {
  /** `/dev/ttyAMA0` (Pi GPIO 14/15, once enabled), `/dev/serial/by-id/usb-…` for a USB adapter. */
  readonly path: string;
  readonly baudRate?: number;
  readonly openSerial?: OpenSerial;
  readonly timers?: HardwareClock;
  /**
   * Pulses the module's WAKE_UP pin (a GPIO). Only that pin wakes the module from sleep, so
   * without it the panel never sends it to sleep: a sleeping module would not answer again
   * until power-cycled.
   */
  readonly wake?: () => Promise<void>;
  readonly commandTimeoutMs?: number;
  /** The refresh answers only once the e-paper has flashed through. */
  readonly refreshTimeoutMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Serial devices to name when the path is wrong; defaults to /dev/serial/by-id/*. */
  readonly listSerialDevices?: () => Promise<string[]>;
  /** Called when the error changes, so a log is not flooded with one error a minute. */
  readonly onError?: (error: UartPanelError) => void;
  /** Called once the module answers again after a lost link, before the redraw. */
  readonly onReconnect?: () => void;
}

export type UartPanelState = 'closed' | 'connected' | 'reconnecting';

export class UartEpaperPanel implements Panel {
  readonly width = PANEL_WIDTH;
  readonly height = PANEL_HEIGHT;
  readonly partial = false;
  /**
   * No datasheet figure for this module was found (its manual gives none; the 150–180 s of the
   * 4.2" SPI panels belong to their own controller). The vendor's demo refreshes every 3 s. A
   * minute is plenty for a door sign whose status changes on the minute, and spares the panel.
   */
  readonly minIntervalMs = 60_000;
  readonly description: string;

  private readonly opts: Required<Omit<UartPanelOptions, 'wake' | 'onError' | 'onReconnect'>> & UartPanelOptions;
  private link: SerialLink | null = null;
  private readonly replies: ReplyReader;
  private state_: UartPanelState = 'closed';
  private asleep = false;
  private lastContent: PanelContent | null = null;
  /** The frames of the picture the module shows, to skip redrawing the same picture. */
  private shown: Buffer | null = null;
  private lastError_: UartPanelError | null = null;
  private nextDelay: number;
  private retryAt: number | null = null;
  private cancelRetry: (() => void) | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(options: UartPanelOptions) {
    // `??` rather than a spread: a config passing `baudRate: undefined` keeps the default.
    this.opts = {
      ...options,
      baudRate: options.baudRate ?? 115_200,
      openSerial: options.openSerial ?? ((path, baudRate) => new SerialPort({ path, baudRate, autoOpen: false })),
      timers: options.timers ?? wallClock,
      commandTimeoutMs: options.commandTimeoutMs ?? 2_000,
      refreshTimeoutMs: options.refreshTimeoutMs ?? 15_000,
      backoff: options.backoff ?? { initialMs: 1_000, maxMs: 60_000 },
      listSerialDevices: options.listSerialDevices ?? (() => listSerialById()),
    };
    this.nextDelay = this.opts.backoff.initialMs;
    this.replies = new ReplyReader(this.opts.timers);
    this.description = `Waveshare 4.3in UART e-paper module (800×600, serial ${options.path} @ ${this.opts.baudRate})`;
  }

  get state(): UartPanelState {
    return this.state_;
  }

  /** The error that stands, or null while the module answers. */
  get lastError(): UartPanelError | null {
    return this.lastError_;
  }

  /** When the next reconnection attempt is due (timers' clock), or null. */
  get nextRetryAt(): number | null {
    return this.retryAt;
  }

  /**
   * Opens the port and shakes hands. When that fails it rejects with the reason, and keeps
   * trying in the background (until close()), drawing the last content once the module answers.
   */
  async open(): Promise<void> {
    if (this.state_ !== 'closed') return;
    this.state_ = 'reconnecting';
    await this.exclusive(async () => {
      try {
        await this.connect();
      } catch (err) {
        const error = this.report(err);
        this.scheduleReconnect();
        throw error;
      }
    });
  }

  /** The module only refreshes in full; `partial` means "skip it if the picture is the same". */
  draw(content: PanelContent, refresh: RefreshKind): Promise<DrawResult> {
    this.lastContent = content;
    return this.exclusive(async () => {
      if (this.state_ === 'closed') throw new UartPanelError('io', 'draw() before open() or after close()');
      return this.render(content, refresh === 'full');
    });
  }

  async close(): Promise<void> {
    if (this.state_ === 'closed') return;
    this.state_ = 'closed';
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.retryAt = null;
    await this.exclusive(async () => {
      const link = this.link;
      if (!link) return;
      if (this.opts.wake && !this.asleep) await this.sleep().catch(() => undefined);
      this.link = null;
      await release(link);
    });
  }

  /** Operations on the port never interleave: a reconnect's redraw and a caller's draw queue up. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async render(content: PanelContent, always = false): Promise<DrawResult> {
    if (!this.link) throw this.lastError_ ?? new UartPanelError('disconnected', `The serial link on ${this.opts.path} is down.`);
    const frames = layoutPanel(content).map(encodeCommand);
    const picture = Buffer.concat(frames);
    if (!always && this.shown?.equals(picture)) return { refresh: 'none', bytesSent: 0 };
    let bytesSent = 0;
    try {
      if (this.asleep) bytesSent += await this.wakeUp();
      for (const frame of frames) bytesSent += await this.send(frame, 'a drawing command');
      bytesSent += await this.command({ op: 'refresh' }, this.opts.refreshTimeoutMs);
      this.shown = picture;
      if (this.opts.wake) bytesSent += await this.sleep();
    } catch (err) {
      throw this.fail(err);
    }
    return { refresh: 'full', bytesSent };
  }

  private async connect(): Promise<void> {
    const { path, baudRate } = this.opts;
    let link: SerialLink;
    try {
      link = this.opts.openSerial(path, baudRate);
      await new Promise<void>((resolve, reject) => link.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      throw await this.describe(err);
    }
    this.link = link;
    this.replies.clear();
    link.on('data', (chunk) => this.replies.push(chunk));
    // Write errors also come back through write()'s callback; this keeps them from being unhandled.
    link.on('error', () => undefined);
    link.on('close', (err) => this.linkClosed(link, err));
    try {
      await this.wakeUp();
      await this.command({ op: 'storage', area: 'nand' });
    } catch (err) {
      this.link = null;
      await release(link);
      throw err instanceof UartPanelError ? err : await this.describe(err);
    }
    if (this.state_ === 'closed') {
      this.link = null;
      await release(link);
      throw new UartPanelError('io', 'The panel was closed while it connected.');
    }
    this.state_ = 'connected';
    this.lastError_ = null;
    this.nextDelay = this.opts.backoff.initialMs;
  }

  /**
   * The picture is up whatever happens here. A module that falls asleep before its "OK" gets out
   * is asleep all the same; treating that silence as a lost link would redraw forever.
   */
  private async sleep(): Promise<number> {
    const frame = encodeCommand({ op: 'sleep' });
    try {
      await this.send(frame, 'sleep');
    } catch (err) {
      if (!(err instanceof UartPanelError) || err.code !== 'no-answer') throw err;
    }
    this.asleep = true;
    return frame.length;
  }

  /** Wakes the module if we can, and shakes hands twice before giving up (it may still be booting). */
  private async wakeUp(): Promise<number> {
    try {
      await this.opts.wake?.();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new UartPanelError('io', `Could not pulse the e-paper module's WAKE_UP pin: ${why}`, { cause: err });
    }
    this.asleep = false;
    try {
      return await this.command({ op: 'handshake' });
    } catch (err) {
      if (!(err instanceof UartPanelError) || err.code !== 'no-answer') throw err;
      return await this.command({ op: 'handshake' });
    }
  }

  private command(c: UartCommand, timeoutMs = this.opts.commandTimeoutMs): Promise<number> {
    return this.send(encodeCommand(c), c.op, timeoutMs);
  }

  /** Writes one frame and waits for its "OK"; resolves to the bytes sent. */
  private async send(frame: Uint8Array, what: string, timeoutMs = this.opts.commandTimeoutMs): Promise<number> {
    const link = this.link;
    // A closed stream queues writes until it reopens, which for a dead PTY is never.
    if (!link?.isOpen) throw this.disconnected('port closed');
    const reply = this.replies.next(timeoutMs, () => this.noAnswer(what, timeoutMs));
    link.write(Buffer.from(frame), (err) => {
      if (err) this.replies.fail(err);
    });
    await reply;
    return frame.length;
  }

  private noAnswer(what: string, ms: number): UartPanelError {
    const sleeping = this.opts.wake ? '' : ' If it was put to sleep earlier, only its WAKE_UP pin or a power cycle wakes it.';
    return new UartPanelError(
      'no-answer',
      `The e-paper module on ${this.opts.path} did not answer "OK" to ${what} within ${ms} ms. Check that it is powered, ` +
        `that TX and RX are crossed (module DIN to the Pi's TX), and that nothing else uses the port.${sleeping}`,
    );
  }

  private disconnected(detail: string, cause?: unknown): UartPanelError {
    const { initialMs, maxMs } = this.opts.backoff;
    return new UartPanelError(
      'disconnected',
      `Lost the serial link to the e-paper module on ${this.opts.path} (${detail}). Check the cable or USB adapter; ` +
        `reconnecting every ${initialMs / 1000}–${maxMs / 1000} s and redrawing once it answers.`,
      { cause },
    );
  }

  /** A failed draw: a lost or silent module is reconnected in the background; a refusal is just reported. */
  private fail(err: unknown): UartPanelError {
    const error = this.asPanelError(err);
    const linkLost = error.code === 'disconnected' || error.code === 'no-answer' || error.code === 'io';
    if (linkLost && this.link) {
      void release(this.link);
      this.link = null;
    }
    this.report(error);
    if (linkLost) this.lostLink();
    return error;
  }

  private linkClosed(link: SerialLink, err?: Error | null): void {
    if (this.link !== link) return;
    this.link = null;
    void release(link);
    const error = this.disconnected(err?.message ?? 'port closed', err);
    this.replies.fail(error);
    this.report(error);
    this.lostLink();
  }

  private lostLink(): void {
    this.shown = null;
    this.asleep = false;
    if (this.state_ === 'closed') return;
    this.state_ = 'reconnecting';
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.state_ === 'closed' || this.cancelRetry) return;
    const delay = this.nextDelay;
    this.nextDelay = Math.min(delay * 2, this.opts.backoff.maxMs);
    this.retryAt = this.opts.timers.now() + delay;
    this.cancelRetry = this.opts.timers.at(this.retryAt, () => {
      this.cancelRetry = null;
      this.retryAt = null;
      void this.exclusive(() => this.reconnect());
    });
  }

  private async reconnect(): Promise<void> {
    if (this.state_ !== 'reconnecting' || this.link) return;
    try {
      await this.connect();
    } catch (err) {
      this.report(err);
      this.scheduleReconnect();
      return;
    }
    this.opts.onReconnect?.();
    if (!this.lastContent) return;
    try {
      await this.render(this.lastContent);
    } catch {
      // render() has reported it, and a lost link has already scheduled the next attempt.
    }
  }

  /** A raw serialport error in the panel's words; a lost link also says what happens next. */
  private asPanelError(err: unknown): UartPanelError {
    if (err instanceof UartPanelError) return err;
    const error = classify(err, this.opts.path, []);
    return error.code === 'disconnected' ? this.disconnected(err instanceof Error ? err.message : String(err), err) : error;
  }

  private report(err: unknown): UartPanelError {
    const error = this.asPanelError(err);
    const changed = this.lastError_?.code !== error.code || this.lastError_?.message !== error.message;
    this.lastError_ = error;
    if (changed) this.opts.onError?.(error);
    return error;
  }

  private async describe(err: unknown): Promise<UartPanelError> {
    const devices = await this.opts.listSerialDevices().catch(() => []);
    return classify(err, this.opts.path, devices);
  }
}

/**
 * Stops listening to a link we are done with and closes it. A failed write makes the stream emit
 * 'error' a tick later; without a listener left on it that would crash the process.
 */
async function release(link: SerialLink): Promise<void> {
  link.removeAllListeners();
  link.on('error', () => undefined);
  if (link.isOpen) await new Promise<void>((resolve) => link.close(() => resolve()));
}

/** /dev/serial/by-id/* with what each points at, e.g. "/dev/serial/by-id/usb-FTDI_…-port0 (/dev/ttyUSB0)". */
export async function listSerialById(dir = '/dev/serial/by-id'): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    names.sort().map(async (name) => {
      const target = await realpath(`${dir}/${name}`).catch(() => null);
      return target ? `${dir}/${name} (${target})` : `${dir}/${name}`;
    }),
  );
}

/**
 * Turns a serialport error into words a person at the door can act on. bindings-cpp reports
 * errors as "Error: <strerror>, cannot open <path>" with no code, so the text is what we have.
 */
export function classify(err: unknown, path: string, devices: readonly string[]): UartPanelError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const has = (...needles: string[]): boolean => needles.some((n) => message.includes(n) || code === n);
  if (has('ENOENT', 'No such file or directory', 'Port does not exist')) {
    const found = devices.length > 0 ? `Serial devices present: ${devices.join(', ')}.` : 'No USB serial devices under /dev/serial/by-id/.';
    return new UartPanelError(
      'not-found',
      `Serial port ${path} does not exist. ${found} Check the module's cable and the panel's serial path in the config ` +
        `(a USB adapter: use its /dev/serial/by-id/ path; the Pi's GPIO UART: /dev/ttyAMA0 with enable_uart=1).`,
      { cause: err },
    );
  }
  if (has('EACCES', 'Permission denied')) {
    return new UartPanelError(
      'permission',
      `No permission to open ${path}. Add the user running Lintel to the group "dialout" ` +
        `(sudo usermod -aG dialout <user>), then log out and in again or reboot.`,
      { cause: err },
    );
  }
  if (has('EBUSY', 'Cannot lock port', 'Resource temporarily unavailable', 'Device or resource busy')) {
    return new UartPanelError(
      'busy',
      `${path} is in use by another program. On a Pi's GPIO UART that is usually the serial console: ` +
        `raspi-config → Interface Options → Serial Port → login shell: No, hardware: Yes.`,
      { cause: err },
    );
  }
  if (has('EIO', 'Input/output error', 'Bad file descriptor', 'disconnected', 'Port is not open')) {
    return new UartPanelError(
      'disconnected',
      `Lost the serial link to the e-paper module on ${path} (${message}). Check the cable or USB adapter.`,
      { cause: err },
    );
  }
  return new UartPanelError('io', `Serial port ${path} failed: ${message}`, { cause: err });
}

/**
 * Collects the module's replies: "OK", or "Error:N" (N = 0 unknown command, 2 bad arguments,
 * 20 checksum, 21 bad frame...). They carry no terminator, so an "Error:2" is taken as complete
 * once a non-digit follows or the line stays quiet for a moment.
 */
class ReplyReader {
  private buffer = '';
  private waiter: { resolve: () => void; reject: (err: unknown) => void; cancel: () => void } | null = null;
  private settle: (() => void) | null = null;

  constructor(private readonly timers: HardwareClock) {}

  clear(): void {
    this.buffer = '';
  }

  next(timeoutMs: number, onTimeout: () => Error): Promise<void> {
    this.buffer = '';
    return new Promise<void>((resolve, reject) => {
      const cancel = this.timers.at(this.timers.now() + timeoutMs, () => this.finish(onTimeout()));
      this.waiter = { resolve, reject, cancel };
    });
  }

  fail(err: unknown): void {
    this.finish(err);
  }

  push(chunk: Buffer): void {
    this.buffer += chunk.toString('latin1');
    this.scan();
  }

  private scan(): void {
    this.settle?.();
    this.settle = null;
    for (;;) {
      // Anything before a reply (line noise, a late answer's tail) is skipped.
      const start = this.buffer.search(/OK|E(r(r(o(r(:\d*)?)?)?)?)?$|Error:\d/);
      if (start < 0) {
        this.buffer = this.buffer.slice(-1) === 'O' ? 'O' : '';
        return;
      }
      this.buffer = this.buffer.slice(start);
      if (this.buffer.startsWith('OK')) {
        this.buffer = this.buffer.slice(2);
        this.finish(null);
        continue;
      }
      const error = /^Error:(\d+)/.exec(this.buffer);
      if (!error) return;
      if (error[0].length === this.buffer.length) {
        this.settle = this.timers.at(this.timers.now() + 20, () => this.moduleError(error[0]));
        return;
      }
      this.moduleError(error[0]);
    }
  }

  private moduleError(reply: string): void {
    this.buffer = this.buffer.slice(reply.length);
    this.finish(new UartPanelError('module-error', `The e-paper module refused a command: "${reply}".`));
  }

  private finish(err: unknown): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    waiter.cancel();
    if (err) waiter.reject(err);
    else waiter.resolve();
  }
}
