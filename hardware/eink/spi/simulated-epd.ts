import type { SimulatedGpio } from '../../gpio/simulated-gpio.js';
import { blankFrame, type Frame } from '../frame.js';
import type { RefreshKind } from '../panel.js';
import { HAT_PINS, hex, type EpdModel, type EpdPins } from './epd-driver.js';
import type { SpiBus } from './spi-bus.js';

/** One `write` as a logic analyser on the HAT would show it: DC level (true = data) and the bytes. */
export interface SpiLogEntry {
  readonly dc: boolean;
  readonly bytes: Uint8Array;
}

/** How long the simulated controller holds BUSY, in ms. */
export interface SimulatedBusyMs {
  readonly reset: number;
  readonly power: number;
  readonly fullRefresh: number;
  readonly partialRefresh: number;
}

/** Short enough for a responsive dev overlay; a real full refresh takes 4–5 s. */
export const SIMULATED_BUSY_MS: SimulatedBusyMs = { reset: 5, power: 20, fullRefresh: 80, partialRefresh: 40 };

/** Runs `fn` after `ms`; returns the cancel. Injected so tests can run the panel on a manual clock. */
export type Scheduler = (ms: number, fn: () => void) => () => void;

export interface SimulatedEpdOptions {
  readonly model: EpdModel;
  readonly gpio: SimulatedGpio;
  readonly pins?: Partial<EpdPins>;
  readonly busyMs?: Partial<SimulatedBusyMs>;
  readonly schedule?: Scheduler;
  /** Oldest log entries are dropped beyond this (a full 7.5" frame logs 96 kB). */
  readonly maxLogEntries?: number;
}

interface CommandSpec {
  readonly name: string;
  /** Data bytes the command takes; a list when the vendor sends it with fewer than the maximum; 'ram' streams into RAM. */
  readonly data: number | readonly number[] | 'ram';
  /** Status reads are the one thing a controller answers while busy. */
  readonly whileBusy?: boolean;
  /** Runs once the data is complete (at once for commands without data). */
  readonly run?: (data: Uint8Array) => void;
  /** For 'ram' commands: where the bytes go, decided when the command starts. */
  readonly ram?: () => RamCursor | null;
}

interface RamCursor {
  /** Bytes the current window holds: a RAM write must fill it exactly once. */
  readonly size: number;
  put(byte: number): void;
}

interface Host {
  error(message: string): void;
  busy(ms: number): void;
  refresh(kind: RefreshKind, next: Frame): void;
  deepSleep(): void;
  visible(): Frame;
  readonly ms: SimulatedBusyMs;
}

interface Controller {
  readonly width: number;
  readonly height: number;
  /** Physical BUSY level while the controller works. */
  readonly busyHigh: boolean;
  readonly commands: ReadonlyMap<number, CommandSpec>;
  /** RST pulse: registers back to defaults, RAM kept. */
  hardwareReset(): void;
  /** Power cut: like a reset, and RAM is gone. */
  powerLost(): void;
}

/**
 * A Waveshare SPI e-paper panel in memory. It sits on the same `SimulatedGpio` as the driver:
 * it reads DC at every `write`, sees RST pulses and the HAT's PWR switch, and drives BUSY with the
 * model's polarity. It decodes the model's command stream, keeps the controller's RAM and
 * registers, and applies refreshes to a visible image. Anything a real controller would choke
 * on is recorded in `errors` instead of thrown, so tests can assert there was none.
 *
 * Models, from the vendor's code (waveshareteam/e-Paper, epd7in5_V2.py / epd4in2_V2.py) and
 * the controllers' documented behaviour:
 * - 7.5" V2: 0x10 old / 0x13 new planes; 0x50's DDX bit sets the new plane's polarity; 0x91/0x90
 *   confine RAM writes and the refresh to a window with x on 8-pixel boundaries; 0x50's N2OCP bit
 *   copies new to old after a refresh; BUSY low while busy; RAM is assumed lost in deep sleep.
 * - 4.2" V2: 0x24 new / 0x26 previous; windows 0x44/0x45 and counters 0x4E/0x4F (entry mode
 *   0x03 only) with wrap-around; 0x21 RAM options; 0x22 bit 3 picks the differential (partial)
 *   update; BUSY high while busy; deep sleep mode 1 keeps RAM.
 * A partial refresh changes only pixels whose old and new bits differ, so a driver that leaves
 * stale "old" RAM gets a wrong picture here, as it would on glass.
 */
export class SimulatedEpd implements SpiBus {
  readonly model: EpdModel;
  readonly width: number;
  readonly height: number;
  readonly log: SpiLogEntry[] = [];
  readonly errors: string[] = [];
  readonly refreshes = { full: 0, partial: 0 };

  private readonly gpio: SimulatedGpio;
  private readonly pins: EpdPins;
  private readonly ms: SimulatedBusyMs;
  private readonly schedule: Scheduler;
  private readonly maxLog: number;
  private readonly ctl: Controller;
  private readonly listeners = new Set<(kind: RefreshKind, image: Frame) => void>();
  private readonly unwire: () => void;
  private visible: Frame;
  private current: { cmd: number; spec: CommandSpec | null; got: number[]; count: number; ram: RamCursor | null } | null = null;
  private isBusy = false;
  private cancelBusy: (() => void) | null = null;
  private pendingRefresh: { kind: RefreshKind; next: Frame } | null = null;
  private sleeping = false;
  private rstLow = false;
  private unpowered = false;
  private closed = false;

  constructor(options: SimulatedEpdOptions) {
    this.model = options.model;
    this.gpio = options.gpio;
    this.pins = { ...HAT_PINS, ...options.pins };
    this.ms = { ...SIMULATED_BUSY_MS, ...options.busyMs };
    this.schedule =
      options.schedule ??
      ((ms, fn) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      });
    this.maxLog = options.maxLogEntries ?? 5000;
    const host: Host = {
      error: (m) => this.error(m),
      busy: (ms) => this.startBusy(ms),
      refresh: (kind, next) => this.startRefresh(kind, next),
      deepSleep: () => {
        this.sleeping = true;
      },
      visible: () => this.visible,
      ms: this.ms,
    };
    this.ctl = options.model === '7in5_V2' ? new Uc8179(host) : new Ssd1683(host);
    this.width = this.ctl.width;
    this.height = this.ctl.height;
    this.visible = blankFrame(this.width, this.height);
    this.gpio.drive(this.pins.busy, !this.ctl.busyHigh);
    this.unwire = this.gpio.onOutput((pin, level) => this.onPin(pin, level));
  }

  /** What the glass shows now (a copy). */
  image(): Frame {
    return { width: this.visible.width, height: this.visible.height, data: this.visible.data.slice() };
  }

  get asleep(): boolean {
    return this.sleeping;
  }

  /** False while the HAT's PWR switch is off: the controller has lost its registers and RAM. */
  get powered(): boolean {
    return !this.unpowered;
  }

  get busy(): boolean {
    return this.isBusy;
  }

  /** Called when a refresh has finished (BUSY released) with the new picture. Returns the unsubscribe. */
  onRefresh(listener: (kind: RefreshKind, image: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clearLog(): void {
    this.log.length = 0;
  }

  write(bytes: Uint8Array): void {
    const dc = this.gpio.level(this.pins.dc);
    this.log.push({ dc: dc ?? false, bytes: bytes.slice() });
    if (this.log.length > this.maxLog) this.log.splice(0, this.log.length - this.maxLog);
    if (this.closed) return this.error('write after close()');
    if (bytes.length === 0) return;
    if (this.unpowered) return this.error(`${bytes.length} byte(s) sent while the HAT's power (PWR, GPIO ${this.pins.pwr}) is off`);
    if (this.rstLow) return this.error(`${bytes.length} byte(s) sent while RST (GPIO ${this.pins.rst}) holds the controller in reset`);
    if (dc === null) return this.error(`${bytes.length} byte(s) sent while nobody drives DC (GPIO ${this.pins.dc})`);
    if (dc) this.data(bytes);
    else for (const cmd of bytes) this.command(cmd);
  }

  close(): void {
    this.closed = true;
    this.cancelBusy?.();
    this.cancelBusy = null;
    this.unwire();
  }

  private command(cmd: number): void {
    this.finishCommand();
    if (this.sleeping) {
      this.error(`command ${hex(cmd)} while in deep sleep: only a hardware reset (RST) wakes the controller`);
      this.current = { cmd, spec: null, got: [], count: 0, ram: null };
      return;
    }
    const spec = this.ctl.commands.get(cmd) ?? null;
    if (!spec) this.error(`unknown command ${hex(cmd)} for the ${this.model} controller`);
    else if (this.isBusy && !spec.whileBusy) this.error(`command ${hex(cmd)} (${spec.name}) sent while BUSY`);
    const ram = spec?.data === 'ram' ? (spec.ram?.() ?? null) : null;
    this.current = { cmd, spec, got: [], count: 0, ram };
    if (spec && spec.data === 0) spec.run?.(new Uint8Array(0));
  }

  private data(bytes: Uint8Array): void {
    const cur = this.current;
    if (!cur) return this.error(`${bytes.length} data byte(s) with no command before them`);
    // Unknown commands and commands refused in deep sleep were reported once already.
    if (!cur.spec) return;
    if (this.isBusy) this.error(`${bytes.length} data byte(s) for ${hex(cur.cmd)} (${cur.spec.name}) sent while BUSY`);
    const { spec } = cur;
    if (spec.data === 'ram') {
      const ram = cur.ram;
      if (!ram) return;
      for (const b of bytes) {
        if (cur.count === ram.size) this.error(`${hex(cur.cmd)} (${spec.name}): more data than the ${ram.size}-byte window holds`);
        if (cur.count < ram.size) ram.put(b);
        cur.count++;
      }
      return;
    }
    const max = typeof spec.data === 'number' ? spec.data : Math.max(...spec.data);
    for (const b of bytes) {
      cur.count++;
      if (cur.count > max) {
        if (cur.count === max + 1) this.error(`${hex(cur.cmd)} (${spec.name}) takes ${describeLength(spec.data)}, got more`);
        continue;
      }
      cur.got.push(b);
      if (typeof spec.data === 'number' && cur.count === spec.data) spec.run?.(Uint8Array.from(cur.got));
    }
  }

  /** A command ends when the next one starts: only then can a short data run be told apart. */
  private finishCommand(): void {
    const cur = this.current;
    this.current = null;
    if (!cur?.spec) return;
    const { spec } = cur;
    if (spec.data === 'ram') {
      if (cur.ram && cur.count !== cur.ram.size) this.error(`${hex(cur.cmd)} (${spec.name}) got ${cur.count} bytes; the window holds ${cur.ram.size}`);
      return;
    }
    if (typeof spec.data === 'number') {
      if (cur.count < spec.data) this.error(`${hex(cur.cmd)} (${spec.name}) takes ${describeLength(spec.data)}, got ${cur.count}`);
      return;
    }
    if (!spec.data.includes(cur.count)) {
      if (cur.count < Math.max(...spec.data)) this.error(`${hex(cur.cmd)} (${spec.name}) takes ${describeLength(spec.data)}, got ${cur.count}`);
      return;
    }
    spec.run?.(Uint8Array.from(cur.got));
  }

  private onPin(pin: number, level: boolean): void {
    if (pin === this.pins.rst) {
      if (!level) {
        this.rstLow = true;
      } else if (this.rstLow) {
        this.rstLow = false;
        if (!this.unpowered) this.reset(() => this.ctl.hardwareReset());
      }
    } else if (this.pins.pwr !== null && pin === this.pins.pwr) {
      if (!level) {
        this.unpowered = true;
        this.reset(() => this.ctl.powerLost());
      } else if (this.unpowered) {
        this.unpowered = false;
        // Power-on is a reset of its own, unless RST still holds the controller down.
        if (!this.rstLow) this.reset(() => this.ctl.hardwareReset());
      }
    }
  }

  private reset(apply: () => void): void {
    if (this.pendingRefresh) this.error('reset or power cut during a refresh: the refresh was lost');
    this.stopBusy();
    this.current = null;
    this.sleeping = false;
    apply();
  }

  private startBusy(ms: number): void {
    this.stopBusy();
    this.isBusy = true;
    this.gpio.drive(this.pins.busy, this.ctl.busyHigh);
    this.cancelBusy = this.schedule(ms, () => this.endBusy());
  }

  private startRefresh(kind: RefreshKind, next: Frame): void {
    this.startBusy(kind === 'full' ? this.ms.fullRefresh : this.ms.partialRefresh);
    this.pendingRefresh = { kind, next };
  }

  private endBusy(): void {
    this.cancelBusy = null;
    this.isBusy = false;
    const done = this.pendingRefresh;
    this.pendingRefresh = null;
    if (done) {
      this.visible = done.next;
      this.refreshes[done.kind]++;
    }
    this.gpio.drive(this.pins.busy, !this.ctl.busyHigh);
    if (done) for (const l of [...this.listeners]) l(done.kind, this.image());
  }

  private stopBusy(): void {
    this.cancelBusy?.();
    this.cancelBusy = null;
    this.pendingRefresh = null;
    if (this.isBusy) {
      this.isBusy = false;
      this.gpio.drive(this.pins.busy, !this.ctl.busyHigh);
    }
  }

  private error(message: string): void {
    this.errors.push(message);
  }
}

function describeLength(data: number | readonly number[]): string {
  const n = typeof data === 'number' ? [data] : data;
  return `${n.join(' or ')} data byte${n.length === 1 && n[0] === 1 ? '' : 's'}`;
}

/** Frame bytes (1 = white) from a RAM byte, given whether a set bit means white. */
function asFrameByte(ramByte: number, setIsWhite: boolean): number {
  return setIsWhite ? ramByte : ~ramByte & 0xff;
}

/** `next` takes `want`'s bits where `changed` has them set: a differential update of one byte. */
function merge(current: number, want: number, changed: number): number {
  return ((current & ~changed) | (want & changed)) & 0xff;
}

interface Region {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The 7.5" V2's controller (UC8179 command set). */
class Uc8179 implements Controller {
  readonly width = 800;
  readonly height = 480;
  readonly busyHigh = false;
  readonly commands: ReadonlyMap<number, CommandSpec>;
  private readonly stride = this.width / 8;
  private old = new Uint8Array(this.stride * this.height);
  private neu = new Uint8Array(this.stride * this.height);
  private poweredOn = false;
  private partialMode = false;
  private window: Region | null = null;
  private cdi: number | null = null;

  constructor(private readonly host: Host) {
    const plain = (name: string, data: number | readonly number[], run?: (d: Uint8Array) => void): CommandSpec => ({ name, data, ...(run ? { run } : {}) });
    this.commands = new Map<number, CommandSpec>([
      [0x00, plain('panel setting', 1)],
      [0x01, plain('power setting', 4)],
      [0x02, plain('power off', 0, () => this.power(false))],
      [0x04, plain('power on', 0, () => this.power(true))],
      [0x06, plain('booster soft start', 4)],
      [0x07, plain('deep sleep', 1, (d) => this.deepSleep(d))],
      [0x10, { name: 'old data', data: 'ram', ram: () => this.cursor(this.old, '0x10') }],
      [0x12, plain('display refresh', 0, () => this.refresh())],
      [0x13, { name: 'new data', data: 'ram', ram: () => this.cursor(this.neu, '0x13') }],
      [0x15, plain('dual SPI', 1)],
      // The vendor's deep-sleep path sends 0x50 with one byte, leaving the second as it was.
      [0x50, plain('VCOM and data interval', [1, 2], (d) => (this.cdi = d[0] ?? this.cdi))],
      [0x52, plain('0x52 (vendor alternative for grey-looking panels)', 1)],
      [0x60, plain('TCON', 1)],
      [0x61, plain('resolution', 4, (d) => this.resolution(d))],
      [0x71, { name: 'get status', data: 0, whileBusy: true }],
      [0x90, plain('partial window', 9, (d) => this.partialWindow(d))],
      [0x91, plain('partial in', 0, () => (this.partialMode = true))],
      [0x92, plain('partial out', 0, () => (this.partialMode = false))],
      [0xe0, plain('cascade setting', 1)],
      [0xe5, plain('force temperature', 1)],
    ]);
  }

  hardwareReset(): void {
    this.poweredOn = false;
    this.partialMode = false;
    this.window = null;
    this.cdi = null;
  }

  powerLost(): void {
    this.hardwareReset();
    this.old.fill(0);
    this.neu.fill(0);
  }

  private power(on: boolean): void {
    this.poweredOn = on;
    this.host.busy(this.host.ms.power);
  }

  private deepSleep(d: Uint8Array): void {
    if (d[0] !== 0xa5) return this.host.error(`0x07 (deep sleep) needs check code 0xA5, got ${hex(d[0] ?? 0)}`);
    this.host.deepSleep();
    // Nothing documents SRAM retention in deep sleep: assume the worst.
    this.old.fill(0);
    this.neu.fill(0);
  }

  private resolution(d: Uint8Array): void {
    const w = ((d[0] ?? 0) << 8) | (d[1] ?? 0);
    const h = ((d[2] ?? 0) << 8) | (d[3] ?? 0);
    if (w !== this.width || h !== this.height) this.host.error(`0x61 (resolution) set ${w}×${h}; the panel is ${this.width}×${this.height}`);
  }

  private partialWindow(d: Uint8Array): void {
    const word = (i: number) => ((d[i] ?? 0) << 8) | (d[i + 1] ?? 0);
    const [x0, x1, y0, y1] = [word(0), word(2), word(4), word(6)];
    if (x0 % 8 !== 0 || (x1 + 1) % 8 !== 0) this.host.error(`0x90 (partial window) x ${x0}..${x1} is not on 8-pixel boundaries`);
    if (x0 > x1 || y0 > y1 || x1 >= this.width || y1 >= this.height) {
      this.host.error(`0x90 (partial window) ${x0}..${x1} × ${y0}..${y1} is empty or outside the panel`);
      this.window = null;
      return;
    }
    this.window = { x0: x0 - (x0 % 8), x1: x1 | 7, y0, y1 };
  }

  private region(what: string): Region | null {
    if (!this.partialMode) return { x0: 0, x1: this.width - 1, y0: 0, y1: this.height - 1 };
    if (!this.window) this.host.error(`${what} in partial mode (0x91) without a partial window (0x90)`);
    return this.window;
  }

  private cursor(plane: Uint8Array, what: string): RamCursor | null {
    const r = this.region(what);
    if (!r) return null;
    const rowBytes = (r.x1 - r.x0 + 1) / 8;
    let n = 0;
    return {
      size: rowBytes * (r.y1 - r.y0 + 1),
      put: (b) => {
        plane[(r.y0 + Math.floor(n / rowBytes)) * this.stride + r.x0 / 8 + (n % rowBytes)] = b;
        n++;
      },
    };
  }

  private refresh(): void {
    if (!this.poweredOn) return this.host.error('0x12 (display refresh) before power on (0x04): the panel was not initialised');
    if (this.cdi === null) return this.host.error('0x12 (display refresh) before 0x50 set the data polarity');
    const r = this.region('0x12 (display refresh)');
    if (!r) return;
    const setIsWhite = (this.cdi & 0x01) !== 0;
    const next = this.host.visible().data.slice();
    for (let y = r.y0; y <= r.y1; y++) {
      for (let col = r.x0 / 8; col <= (r.x1 - 7) / 8; col++) {
        const i = y * this.stride + col;
        const n = this.neu[i] ?? 0;
        const want = asFrameByte(n, setIsWhite);
        next[i] = this.partialMode ? merge(next[i] ?? 0, want, (n ^ (this.old[i] ?? 0)) & 0xff) : want;
        // N2OCP: the controller keeps the picture it just drew as the next "old".
        if (this.cdi & 0x08) this.old[i] = n;
      }
    }
    this.host.refresh(this.partialMode ? 'partial' : 'full', { width: this.width, height: this.height, data: next });
  }
}

/** The 4.2" V2's controller (SSD1683 command set). */
class Ssd1683 implements Controller {
  readonly width = 400;
  readonly height = 300;
  readonly busyHigh = true;
  readonly commands: ReadonlyMap<number, CommandSpec>;
  private readonly stride = this.width / 8;
  private bw = new Uint8Array(this.stride * this.height);
  private red = new Uint8Array(this.stride * this.height);
  private swReset = false;
  private xs = 0;
  private xe = this.stride - 1;
  private ys = 0;
  private ye = this.height - 1;
  private xc = 0;
  private yc = 0;
  private update1 = 0x00;
  private update2: number | null = null;

  constructor(private readonly host: Host) {
    const plain = (name: string, data: number, run?: (d: Uint8Array) => void): CommandSpec => ({ name, data, ...(run ? { run } : {}) });
    this.commands = new Map<number, CommandSpec>([
      [0x01, plain('driver output control', 3)],
      [0x03, plain('gate voltage', 1)],
      [0x04, plain('source voltage', 3)],
      [0x0c, plain('booster soft start', 4)],
      [0x10, plain('deep sleep', 1, (d) => this.deepSleep(d))],
      [0x11, plain('data entry mode', 1, (d) => this.entryMode(d))],
      [0x12, plain('software reset', 0, () => this.softwareReset())],
      [0x18, plain('temperature sensor', 1)],
      [0x1a, plain('temperature register', 1)],
      [0x20, plain('master activation', 0, () => this.activate())],
      [0x21, plain('display update control 1', 2, (d) => (this.update1 = d[0] ?? 0))],
      [0x22, plain('display update control 2', 1, (d) => (this.update2 = d[0] ?? 0))],
      [0x24, { name: 'write RAM (new)', data: 'ram', ram: () => this.cursor(this.bw, '0x24') }],
      [0x26, { name: 'write RAM (previous)', data: 'ram', ram: () => this.cursor(this.red, '0x26') }],
      [0x2c, plain('VCOM', 1)],
      [0x32, plain('LUT', 227)],
      [0x3c, plain('border waveform', 1)],
      [0x3f, plain('end option', 1)],
      [0x44, plain('RAM x window', 2, (d) => this.xWindow(d))],
      [0x45, plain('RAM y window', 4, (d) => this.yWindow(d))],
      [0x4e, plain('RAM x counter', 1, (d) => (this.xc = d[0] ?? 0))],
      [0x4f, plain('RAM y counter', 2, (d) => (this.yc = (d[0] ?? 0) | ((d[1] ?? 0) << 8)))],
    ]);
  }

  hardwareReset(): void {
    this.registersToDefault();
    this.swReset = false;
    this.host.busy(this.host.ms.reset);
  }

  powerLost(): void {
    this.registersToDefault();
    this.swReset = false;
    this.bw.fill(0);
    this.red.fill(0);
  }

  private registersToDefault(): void {
    this.xs = this.xc = 0;
    this.xe = this.stride - 1;
    this.ys = this.yc = 0;
    this.ye = this.height - 1;
    this.update1 = 0x00;
    this.update2 = null;
  }

  private softwareReset(): void {
    this.registersToDefault();
    this.swReset = true;
    this.host.busy(this.host.ms.reset);
  }

  private deepSleep(d: Uint8Array): void {
    const mode = d[0];
    if (mode !== 0x01 && mode !== 0x03) return this.host.error(`0x10 (deep sleep) takes 0x01 or 0x03, got ${hex(mode ?? 0)}`);
    this.host.deepSleep();
    // Mode 2 (0x03) does not keep RAM.
    if (mode === 0x03) {
      this.bw.fill(0);
      this.red.fill(0);
    }
  }

  private entryMode(d: Uint8Array): void {
    if (d[0] !== 0x03) this.host.error(`0x11 (data entry mode) ${hex(d[0] ?? 0)}: the simulator models only 0x03 (x then y, both increasing)`);
  }

  private xWindow(d: Uint8Array): void {
    const [s = 0, e = 0] = d;
    if (s > e || e >= this.stride) return this.host.error(`0x44 (RAM x window) bytes ${s}..${e} are empty or outside the panel`);
    [this.xs, this.xe] = [s, e];
  }

  private yWindow(d: Uint8Array): void {
    const s = (d[0] ?? 0) | ((d[1] ?? 0) << 8);
    const e = (d[2] ?? 0) | ((d[3] ?? 0) << 8);
    if (s > e || e >= this.height) return this.host.error(`0x45 (RAM y window) rows ${s}..${e} are empty or outside the panel`);
    [this.ys, this.ye] = [s, e];
  }

  private cursor(plane: Uint8Array, what: string): RamCursor | null {
    if (this.xc < this.xs || this.xc > this.xe || this.yc < this.ys || this.yc > this.ye) {
      this.host.error(`${what}: RAM counter (${this.xc}, ${this.yc}) lies outside the window`);
      return null;
    }
    return {
      size: (this.xe - this.xs + 1) * (this.ye - this.ys + 1),
      put: (b) => {
        plane[this.yc * this.stride + this.xc] = b;
        if (++this.xc > this.xe) {
          this.xc = this.xs;
          if (++this.yc > this.ye) this.yc = this.ys;
        }
      },
    };
  }

  private activate(): void {
    if (!this.swReset) return this.host.error('0x20 (master activation) before software reset (0x12): the panel was not initialised');
    const seq = this.update2;
    if (seq === null) return this.host.error('0x20 (master activation) before 0x22 chose what to run');
    // Bit 2 runs the display update; without it (0x91: load temperature) only power moves.
    if ((seq & 0x04) === 0) return this.host.busy(this.host.ms.power);
    const partial = (seq & 0x08) !== 0;
    const bwOption = this.ramOption(this.update1 & 0x0f, 'new');
    const redOption = this.ramOption(this.update1 >> 4, 'previous');
    if (!bwOption || !redOption) return;
    const next = this.host.visible().data.slice();
    for (let i = 0; i < next.length; i++) {
      const want = bwOption(this.bw[i] ?? 0);
      next[i] = partial ? merge(next[i] ?? 0, want, want ^ redOption(this.red[i] ?? 0)) : want;
    }
    this.host.refresh(partial ? 'partial' : 'full', { width: this.width, height: this.height, data: next });
  }

  private ramOption(option: number, which: string): ((b: number) => number) | null {
    if (option === 0x0) return (b) => b;
    if (option === 0x4) return () => 0;
    if (option === 0x8) return (b) => ~b & 0xff;
    this.host.error(`0x21 (display update control 1): unknown option ${hex(option)} for the ${which} RAM`);
    return null;
  }
}
