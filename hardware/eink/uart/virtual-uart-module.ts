import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { framePng } from '../render/frame-png.js';
import { SerialPort } from 'serialport';
import { blankFrame, setBlack, type Frame } from '../frame.js';
import { CommandError, decodeCommand, PANEL_HEIGHT, PANEL_WIDTH, type Colour, type FontSize, type UartCommand } from './uart-commands.js';
import { FrameDecoder, type DecodeResult, type DecodedFrame, type FrameRejection } from './uart-frame.js';
import { CHAR_WIDTH } from './uart-layout.js';

/**
 * A stand-in for the Waveshare 4.3" UART module: checks every frame as strictly as we can
 * (length, terminator, XOR, argument sizes, coordinates on the panel), answers "OK" or "Error:N"
 * like the module, draws the primitives onto an 800×600 1-bit frame, and writes a PNG on each
 * refresh. Glyphs come from a 5×7 font of our own stretched to the module's cell; their shapes
 * do not match the module's, their position and extent do.
 */

// prettier-ignore
const GLYPHS: readonly string[] = [
  '  ..... ..... ..... ..... ..... ..... .....', '! ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..',
  '" .#.#. .#.#. ..... ..... ..... ..... .....', '# .#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.',
  '$ ..#.. .#### #.#.. .###. ..#.# ####. ..#..', '% ##... ##..# ...#. ..#.. .#... #..## ...##',
  '& .##.. #..#. #.#.. .#... #.#.# #..#. .##.#', "' ..#.. ..#.. ..... ..... ..... ..... .....",
  '( ...#. ..#.. .#... .#... .#... ..#.. ...#.', ') .#... ..#.. ...#. ...#. ...#. ..#.. .#...',
  '* ..... ..#.. #.#.# .###. #.#.# ..#.. .....', '+ ..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  ', ..... ..... ..... ..... .##.. ..#.. .#...', '- ..... ..... ..... ##### ..... ..... .....',
  '. ..... ..... ..... ..... ..... .##.. .##..', '/ ..... ....# ...#. ..#.. .#... #.... .....',
  '0 .###. #...# #..## #.#.# ##..# #...# .###.', '1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2 .###. #...# ....# ...#. ..#.. .#... #####', '3 ##### ...#. ..#.. ...#. ....# #...# .###.',
  '4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.', '5 ##### #.... ####. ....# ....# #...# .###.',
  '6 ..##. .#... #.... ####. #...# #...# .###.', '7 ##### ....# ...#. ..#.. .#... .#... .#...',
  '8 .###. #...# #...# .###. #...# #...# .###.', '9 .###. #...# #...# .#### ....# ...#. .##..',
  ': ..... .##.. .##.. ..... .##.. .##.. .....', '; ..... .##.. .##.. ..... .##.. ..#.. .#...',
  '< ...#. ..#.. .#... #.... .#... ..#.. ...#.', '= ..... ..... ##### ..... ##### ..... .....',
  '> .#... ..#.. ...#. ....# ...#. ..#.. .#...', '? .###. #...# ....# ...#. ..#.. ..... ..#..',
  '@ .###. #...# ....# .##.# #.#.# #.#.# .###.', 'A .###. #...# #...# ##### #...# #...# #...#',
  'B ####. #...# #...# ####. #...# #...# ####.', 'C .###. #...# #.... #.... #.... #...# .###.',
  'D ###.. #..#. #...# #...# #...# #..#. ###..', 'E ##### #.... #.... ####. #.... #.... #####',
  'F ##### #.... #.... ####. #.... #.... #....', 'G .###. #...# #.... #.### #...# #...# .####',
  'H #...# #...# #...# ##### #...# #...# #...#', 'I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  'J ..### ...#. ...#. ...#. ...#. #..#. .##..', 'K #...# #..#. #.#.. ##... #.#.. #..#. #...#',
  'L #.... #.... #.... #.... #.... #.... #####', 'M #...# ##.## #.#.# #.#.# #...# #...# #...#',
  'N #...# #...# ##..# #.#.# #..## #...# #...#', 'O .###. #...# #...# #...# #...# #...# .###.',
  'P ####. #...# #...# ####. #.... #.... #....', 'Q .###. #...# #...# #...# #.#.# #..#. .##.#',
  'R ####. #...# #...# ####. #.#.. #..#. #...#', 'S .#### #.... #.... .###. ....# ....# ####.',
  'T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..', 'U #...# #...# #...# #...# #...# #...# .###.',
  'V #...# #...# #...# #...# #...# .#.#. ..#..', 'W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  'X #...# #...# .#.#. ..#.. .#.#. #...# #...#', 'Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  'Z ##### ....# ...#. ..#.. .#... #.... #####', '[ .###. .#... .#... .#... .#... .#... .###.',
  '\\ ..... #.... .#... ..#.. ...#. ....# .....', '] .###. ...#. ...#. ...#. ...#. ...#. .###.',
  '^ ..#.. .#.#. #...# ..... ..... ..... .....', '_ ..... ..... ..... ..... ..... ..... #####',
  '` .#... ..#.. ..... ..... ..... ..... .....', 'a ..... ..... .###. ....# .#### #...# .####',
  'b #.... #.... #.##. ##..# #...# #...# ####.', 'c ..... ..... .###. #.... #.... #...# .###.',
  'd ....# ....# .##.# #..## #...# #...# .####', 'e ..... ..... .###. #...# ##### #.... .###.',
  'f ..##. .#..# .#... ###.. .#... .#... .#...', 'g ..... .#### #...# #...# .#### ....# .###.',
  'h #.... #.... #.##. ##..# #...# #...# #...#', 'i ..#.. ..... .##.. ..#.. ..#.. ..#.. .###.',
  'j ...#. ..... ..##. ...#. ...#. #..#. .##..', 'k #.... #.... #..#. #.#.. ##... #.#.. #..#.',
  'l .##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.', 'm ..... ..... ##.#. #.#.# #.#.# #...# #...#',
  'n ..... ..... #.##. ##..# #...# #...# #...#', 'o ..... ..... .###. #...# #...# #...# .###.',
  'p ..... ..... ####. #...# ####. #.... #....', 'q ..... ..... .##.# #..## .#### ....# ....#',
  'r ..... ..... #.##. ##..# #.... #.... #....', 's ..... ..... .###. #.... .###. ....# ####.',
  't .#... .#... ###.. .#... .#... .#..# ..##.', 'u ..... ..... #...# #...# #...# #..## .##.#',
  'v ..... ..... #...# #...# #...# .#.#. ..#..', 'w ..... ..... #...# #...# #.#.# #.#.# .#.#.',
  'x ..... ..... #...# .#.#. ..#.. .#.#. #...#', 'y ..... ..... #...# #...# .#### ....# .###.',
  'z ..... ..... ##### ...#. ..#.. .#... #####', '{ ...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.',
  '| ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..', '} .#... ..#.. ..#.. ...#. ..#.. ..#.. .#...',
  '~ ..... ..... .#... #.#.# ...#. ..... .....',
];

const FONT = new Map(GLYPHS.map((g) => [g[0] ?? ' ', g.slice(2).split(' ')] as const));

const isDark = (c: Colour): boolean => c === 'black' || c === 'dark-grey';

export interface VirtualModuleStats {
  /** Well-framed frames received (whether or not their command made sense). */
  frames: number;
  /** Everything the real module would refuse: bad framing, XOR, unknown commands, bad arguments. */
  errors: number;
  refreshes: number;
  /** Bytes that arrived while the module slept: the real one never sees them. */
  ignoredWhileAsleep: number;
}

export interface ModuleCoreOptions {
  /** Where each refresh is written as `<prefix>-<n>.png`. */
  readonly outDir?: string;
  readonly prefix?: string;
  /** Overwrite one file instead (a long-running preview must not fill the disk). */
  readonly fileName?: string;
  readonly onFrame?: (command: UartCommand, frame: DecodedFrame) => void;
}

/** The module without a port: bytes in, reply bytes out. */
export class VirtualModuleCore {
  readonly stats: VirtualModuleStats = { frames: 0, errors: 0, refreshes: 0, ignoredWhileAsleep: 0 };
  /** Why each error was counted, for test failures. */
  readonly problems: string[] = [];
  /** Legal frames that would still look wrong on the panel (text past the edge, non-ASCII bytes). */
  readonly warnings: string[] = [];
  readonly pngs: string[] = [];
  /** The picture after the last refresh. */
  shown: Frame | null = null;
  asleep = false;

  private readonly decoder = new FrameDecoder();
  private readonly canvas = blankFrame(PANEL_WIDTH, PANEL_HEIGHT);
  private fg: Colour = 'black';
  private bg: Colour = 'white';
  private font: FontSize = 32;

  constructor(private readonly options: ModuleCoreOptions = {}) {}

  get pending(): number {
    return this.decoder.pending;
  }

  receive(bytes: Uint8Array): Uint8Array {
    if (this.asleep) {
      this.stats.ignoredWhileAsleep += bytes.length;
      return new Uint8Array(0);
    }
    return this.answer(this.decoder.push(bytes));
  }

  /** The line went quiet mid-frame (called by the port wrapper after a pause). */
  idle(): Uint8Array {
    return this.answer(this.decoder.idle());
  }

  /** A pulse on WAKE_UP. */
  wake(): void {
    this.asleep = false;
    this.decoder.reset();
  }

  private answer(results: DecodeResult[]): Uint8Array {
    let reply = '';
    for (const [i, r] of results.entries()) {
      if (this.asleep) {
        this.stats.ignoredWhileAsleep += results.slice(i).reduce((n, x) => n + (x.ok ? x.frame.bytes.length : x.rejection.bytes.length), 0);
        break;
      }
      reply += r.ok ? this.execute(r.frame) : this.reject(r.rejection);
    }
    return Buffer.from(reply, 'latin1');
  }

  /** Counts the error and gives the module's answer: none to noise, "Error:20" to a bad XOR, "Error:21" to a bad frame. */
  private reject(r: FrameRejection): string {
    this.count(`${r.reason}: ${r.detail}`);
    if (r.reason === 'garbage') return '';
    return r.reason === 'bad-checksum' ? 'Error:20' : 'Error:21';
  }

  private count(problem: string): void {
    this.stats.errors++;
    this.problems.push(problem);
  }

  private execute(frame: DecodedFrame): string {
    this.stats.frames++;
    let command: UartCommand;
    try {
      command = decodeCommand(frame);
      this.draw(command);
    } catch (err) {
      this.count(`command 0x${frame.cmd.toString(16).padStart(2, '0')}: ${err instanceof Error ? err.message : String(err)}`);
      return `Error:${err instanceof CommandError ? err.code : 2}`;
    }
    this.options.onFrame?.(command, frame);
    if (command.op === 'sleep') this.asleep = true;
    return 'OK';
  }

  private draw(c: UartCommand): void {
    switch (c.op) {
      case 'handshake':
      case 'sleep':
        return;
      case 'storage':
        if (c.area === 'tf') this.warnings.push('storage set to the TF card: the built-in fonts live on NandFlash');
        return;
      case 'colours':
        this.fg = c.fg;
        this.bg = c.bg;
        return;
      case 'font':
        this.font = c.size;
        return;
      case 'clear':
        this.canvas.data.fill(isDark(this.bg) ? 0x00 : 0xff);
        return;
      case 'fillRect':
        this.box(c.x0, c.y0, c.x1, c.y1, true);
        return;
      case 'rect':
        this.box(c.x0, c.y0, c.x1, c.y1, false);
        return;
      case 'line':
        this.line(c.x0, c.y0, c.x1, c.y1);
        return;
      case 'text':
        this.text(c.x, c.y, c.text);
        return;
      case 'refresh':
        this.refresh();
        return;
    }
  }

  private onPanel(x: number, y: number): void {
    if (x >= PANEL_WIDTH || y >= PANEL_HEIGHT) throw new CommandError(2, `(${x}, ${y}) is off the ${PANEL_WIDTH}×${PANEL_HEIGHT} panel`);
  }

  private dot(x: number, y: number, colour: Colour): void {
    if (x < PANEL_WIDTH && y < PANEL_HEIGHT) setBlack(this.canvas, x, y, isDark(colour));
  }

  private box(x0: number, y0: number, x1: number, y1: number, filled: boolean): void {
    this.onPanel(x0, y0);
    this.onPanel(x1, y1);
    const [l, r] = [Math.min(x0, x1), Math.max(x0, x1)];
    const [t, b] = [Math.min(y0, y1), Math.max(y0, y1)];
    for (let y = t; y <= b; y++) {
      for (let x = l; x <= r; x++) {
        if (filled || y === t || y === b || x === l || x === r) this.dot(x, y, this.fg);
      }
    }
  }

  private line(x0: number, y0: number, x1: number, y1: number): void {
    this.onPanel(x0, y0);
    this.onPanel(x1, y1);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (let x = x0, y = y0; ; ) {
      this.dot(x, y, this.fg);
      if (x === x1 && y === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  private text(x: number, y: number, text: string): void {
    this.onPanel(x, y);
    const w = CHAR_WIDTH[this.font];
    const h = this.font;
    if (x + text.length * w > PANEL_WIDTH) this.warnings.push(`text "${text}" at x ${x} runs ${x + text.length * w - PANEL_WIDTH} px past the right edge`);
    if (y + h > PANEL_HEIGHT) this.warnings.push(`text "${text}" at y ${y} runs past the bottom edge`);
    if (/[^\x20-\x7e]/.test(text)) this.warnings.push(`text "${text}" has bytes the ASCII font cannot show`);
    [...text].forEach((ch, i) => this.glyph(FONT.get(ch) ?? FONT.get('?') ?? [], x + i * w, y, w, h));
  }

  /** Stretches a 5×7 glyph over a cell of 6×9 units: one unit of space on the right, top and bottom. */
  private glyph(rows: readonly string[], x: number, y: number, w: number, h: number): void {
    for (let py = 0; py < h; py++) {
      const row = rows[Math.floor((py * 9) / h) - 1];
      if (!row) continue;
      for (let px = 0; px < w; px++) {
        if (row[Math.floor((px * 6) / w)] === '#') this.dot(x + px, y + py, this.fg);
      }
    }
  }

  private refresh(): void {
    this.shown = { width: PANEL_WIDTH, height: PANEL_HEIGHT, data: this.canvas.data.slice() };
    this.stats.refreshes++;
    const { outDir, prefix = 'uart' } = this.options;
    if (!outDir) return;
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, this.options.fileName ?? `${prefix}-${this.stats.refreshes}.png`);
    writeFileSync(file, framePng(this.shown));
    this.pngs.push(file);
  }
}

export interface VirtualModuleOptions extends ModuleCoreOptions {
  /** The module's end of the PTY pair. */
  readonly path: string;
  /** Quiet time after which a half-received frame is given up (the decoder resyncs). */
  readonly idleMs?: number;
}

export interface VirtualModule {
  readonly core: VirtualModuleCore;
  readonly stats: VirtualModuleStats;
  /** A pulse on WAKE_UP: give this to the panel as its `wake`. */
  wake(): void;
  /** Settles when the port closes, by close() or because the PTY went away. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export async function startVirtualModule(options: VirtualModuleOptions): Promise<VirtualModule> {
  const core = new VirtualModuleCore(options);
  const port = new SerialPort({ path: options.path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let idleTimer: NodeJS.Timeout | undefined;
  const reply = (bytes: Uint8Array): void => {
    if (bytes.length > 0 && port.isOpen) port.write(Buffer.from(bytes));
  };
  port.on('data', (chunk: Buffer) => {
    clearTimeout(idleTimer);
    reply(core.receive(chunk));
    if (core.pending > 0) idleTimer = setTimeout(() => reply(core.idle()), options.idleMs ?? 100);
  });
  // A vanished PTY also reports on 'error'; 'close' is what we act on.
  port.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => port.once('close', () => resolve()));
  closed.then(() => clearTimeout(idleTimer), () => undefined);
  return {
    core,
    get stats() {
      return core.stats;
    },
    wake: () => core.wake(),
    closed,
    async close() {
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      await closed;
    },
  };
}

export interface SocatPair {
  /** The end the panel opens (what the config's serial path would name). */
  readonly device: string;
  /** The end the virtual module opens. */
  readonly module: string;
  /** socat's process id: killing it is pulling the cable. */
  readonly pid: number;
  close(): Promise<void>;
}

export interface SocatOptions {
  /** Link paths; a fresh temporary directory's `device` and `module` when not given. */
  readonly device?: string;
  readonly module?: string;
  readonly timeoutMs?: number;
}

/** Starts `socat` with two linked PTYs, like a USB serial cable with nothing on the far end yet. */
export async function startSocatPair(options: SocatOptions = {}): Promise<SocatPair> {
  const dir = options.device && options.module ? null : mkdtempSync(join(tmpdir(), 'lintel-uart-'));
  const device = options.device ?? join(dir ?? tmpdir(), 'device');
  const module = options.module ?? join(dir ?? tmpdir(), 'module');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${module}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`socat did not start within ${options.timeoutMs ?? 5000} ms: ${log}`)), options.timeoutMs ?? 5000);
    function fail(err: Error): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    }
    child.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'ENOENT' ? new Error('socat is not installed (apt-get install socat)') : err),
    );
    const early = (code: number | null): void => fail(new Error(`socat exited with ${code}: ${log}`));
    child.once('exit', early);
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      // socat creates both links before it logs this line.
      if (log.includes('starting data transfer loop') && existsSync(device) && existsSync(module)) {
        clearTimeout(timer);
        child.off('exit', early);
        resolve();
      }
    });
  });
  return {
    device,
    module,
    pid: child.pid ?? -1,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
