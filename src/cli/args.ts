import { parseArgs } from 'node:util';
import type { PanelType } from '../config/hardware-config.js';
import { ConfigError } from '../config/load-config.js';
import type { PairFlags } from '../setup/provisioning.js';

export interface StartArgs {
  readonly command: 'start';
  readonly demo: boolean;
  readonly headless: boolean;
  readonly kiosk: boolean;
  readonly port: number | null;
  readonly dataDir: string | null;
  readonly config: string | null;
  /** `--panel`: draw on this e-paper panel type, a simulated one for the `sim-*` names. */
  readonly panel: PanelFlag | null;
  /** `--unpaired demo`: an unpaired display shows the demo room instead of its setup QR code. */
  readonly unpairedDemo: boolean;
}

/** What `--panel` accepts: the config's panel types, and simulators of the e-paper ones. */
export const PANEL_FLAGS = {
  'sim-7in5': { type: 'waveshare-7in5-v2', simulate: true },
  'sim-4in2': { type: 'waveshare-4in2-v2', simulate: true },
  'sim-uart': { type: 'waveshare-4in3-uart', simulate: true },
  lcd: { type: 'lcd', simulate: false },
  'waveshare-7in5-v2': { type: 'waveshare-7in5-v2', simulate: false },
  'waveshare-4in2-v2': { type: 'waveshare-4in2-v2', simulate: false },
  'waveshare-4in3-uart': { type: 'waveshare-4in3-uart', simulate: false },
} as const satisfies Record<string, { type: PanelType; simulate: boolean }>;

export type PanelFlag = (typeof PANEL_FLAGS)[keyof typeof PANEL_FLAGS];

export interface PairArgs {
  readonly command: 'pair';
  readonly dataDir: string | null;
  readonly config: string | null;
  /** A fleet provisioning file; else the single-device flags. */
  readonly file: string | null;
  readonly flags: PairFlags;
}

export interface DoctorArgs {
  readonly command: 'doctor';
  readonly dataDir: string | null;
  readonly config: string | null;
}

export type CliArgs = StartArgs | DoctorArgs | PairArgs | { readonly command: 'help' } | { readonly command: 'version' };

/** Flags that only make sense for a running display. */
const START_ONLY_FLAGS = ['demo', 'headless', 'kiosk', 'port', 'panel', 'unpaired'] as const;
const PAIR_ONLY_FLAGS = ['file', 'tenant', 'client-id', 'auth', 'secret-file', 'certificate-file', 'room', 'room-name', 'pin'] as const;

export const USAGE = `Usage: lintel <command> [options]

Commands:
  start     Run the door display (default)
  doctor    Check the config, the clock and the Microsoft 365 connection, and say what to fix
  pair      Pair this display to its room without a phone (flags, or a fleet provisioning file)
  help      Show this help
  version   Print the version

Options for start:
  --demo             Show the built-in demo room, whatever the config says
  --headless         No window: run the core and the HTTP API only, and print the URL
  --kiosk            Full-screen kiosk window without browser controls (Electron is always kiosk)
  --port N           HTTP API port on 127.0.0.1 (default 8420; 0 picks a free one)
  --data-dir DIR     Where the cache and credentials live (default ~/.local/state/lintel)
  --config FILE      Config file (JSON); default DIR/config.json when it exists
  --unpaired MODE    What a display without a room shows: setup (default; its QR code and the LAN
                     setup page) or demo (the demo room; what npm start uses)
  --panel NAME       Draw on an e-paper panel, without a window or browser: sim-7in5, sim-4in2 or
                     sim-uart simulate one (PNG in DIR/panel/); waveshare-7in5-v2, waveshare-4in2-v2,
                     waveshare-4in3-uart drive the real one; lcd is the window (default)

Options for pair (then restart Lintel; doctor runs at the end):
  --file FILE        Fleet provisioning file: "defaults" plus "devices" matched by hostname or MAC
  --tenant ID        Directory (tenant) ID or domain        --client-id ID   Application (client) ID
  --auth MODE        app-secret, app-certificate or delegated
  --secret-file F    File holding the client secret's Value --certificate-file F   PEM cert + key
  --room ADDRESS     Room mailbox, e.g. aurora@contoso.com  --room-name NAME  Name on the door
  --pin DIGITS       Admin PIN for the door's admin screen (4-8 digits)
  --data-dir, --config as for start

Options for doctor: --data-dir DIR, --config FILE (as for start)
  Prints PASS, WARN or FAIL per check, with the fix for each WARN and FAIL. Reads only: it books
  nothing and leaves the saved sign-in alone. Exit code 0 when nothing failed, 1 when a check
  failed, 2 when the config file itself is not valid (as for start).

With npm: npm start -- --headless --port 9000`;

/** Turns argv into a command; wrong input throws a ConfigError naming the flag and the fix. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        demo: { type: 'boolean', default: false },
        headless: { type: 'boolean', default: false },
        kiosk: { type: 'boolean', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        panel: { type: 'string' },
        unpaired: { type: 'string' },
        file: { type: 'string' },
        tenant: { type: 'string' },
        'client-id': { type: 'string' },
        auth: { type: 'string' },
        'secret-file': { type: 'string' },
        'certificate-file': { type: 'string' },
        room: { type: 'string' },
        'room-name': { type: 'string' },
        pin: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command = 'start', ...extra] = positionals;
  if (command === 'help') return { command: 'help' };
  if (command === 'version') return { command: 'version' };
  if (command !== 'start' && command !== 'doctor' && command !== 'pair') throw new ConfigError(`Unknown command "${command}". Try "lintel start", "lintel pair" or "lintel doctor".\n\n${USAGE}`);
  if (extra.length > 0) throw new ConfigError(`Unexpected argument "${extra[0] ?? ''}" after "${command}".\n\n${USAGE}`);
  if (command === 'pair') {
    const misplaced = START_ONLY_FLAGS.find((flag) => values[flag] !== undefined && values[flag] !== false);
    if (misplaced) throw new ConfigError(`--${misplaced} is an option of "start", not of "pair".\n\n${USAGE}`);
    const flags: PairFlags = {
      tenant: values.tenant,
      clientId: values['client-id'],
      auth: values.auth,
      secretFile: values['secret-file'],
      certificateFile: values['certificate-file'],
      room: values.room,
      roomName: values['room-name'],
      pin: values.pin,
    };
    if (values.file !== undefined && Object.values(flags).some((v) => v !== undefined)) {
      throw new ConfigError('Give either --file (a provisioning file) or the single-device flags (--tenant, --client-id, --room, ...), not both.');
    }
    return { command: 'pair', dataDir: values['data-dir'] ?? null, config: values.config ?? null, file: values.file ?? null, flags };
  }
  const pairOnly = PAIR_ONLY_FLAGS.find((flag) => values[flag] !== undefined);
  if (pairOnly) throw new ConfigError(`--${pairOnly} is an option of "pair", not of "${command}".\n\n${USAGE}`);
  if (command === 'doctor') {
    const misplaced = START_ONLY_FLAGS.find((flag) => values[flag] !== undefined && values[flag] !== false);
    if (misplaced) throw new ConfigError(`--${misplaced} is an option of "start", not of "doctor". Doctor takes --config and --data-dir.\n\n${USAGE}`);
    return { command: 'doctor', dataDir: values['data-dir'] ?? null, config: values.config ?? null };
  }
  let port: number | null = null;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new ConfigError(`--port "${values.port}" is not a port number. Use a whole number from 0 to 65535, e.g. --port 8420.`);
    }
  }
  let panel: PanelFlag | null = null;
  if (values.panel !== undefined) {
    const known = PANEL_FLAGS[values.panel as keyof typeof PANEL_FLAGS] as PanelFlag | undefined;
    if (!known) throw new ConfigError(`--panel "${values.panel}" is not a panel. Use one of: ${Object.keys(PANEL_FLAGS).join(', ')}.`);
    panel = known;
  }
  if (values.unpaired !== undefined && values.unpaired !== 'demo' && values.unpaired !== 'setup') {
    throw new ConfigError(`--unpaired "${values.unpaired}" is not a mode. Use --unpaired setup (show the setup QR code) or --unpaired demo (show the demo room).`);
  }
  return {
    command: 'start',
    panel,
    unpairedDemo: values.unpaired === 'demo',
    demo: values.demo,
    headless: values.headless,
    kiosk: values.kiosk,
    port,
    dataDir: values['data-dir'] ?? null,
    config: values.config ?? null,
  };
}
