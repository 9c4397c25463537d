import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { planWindow } from '../../src/cli/window-launcher.js';
import { assertBuilt, ROOT, runLintel, startLintel } from '../helpers/cli.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lintel-cli-'));
}

beforeAll(assertBuilt);

describe('lintel start', () => {
  it('runs headless on the demo room, serves the state, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'new-data');
    const { child, url, output } = await startLintel(['--port', '0', '--data-dir', dataDir, '--unpaired', 'demo']);
    expect(output()).toContain('room "Aurora" (demo)');
    expect(output()).toMatch(/window: headless/);
    const res = await fetch(`${url}api/v1/state`);
    const body = (await res.json()) as { ok: boolean; value: { room: { name: string } } };
    expect(body.ok).toBe(true);
    expect(body.value.room.name).toBe('Aurora');
    const page = await fetch(url);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="app">');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const exit = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('--panel sim-4in2 runs an e-paper door with no window and writes what the panel shows as a PNG', async () => {
    const dataDir = tempDir();
    const { child, output } = await startLintel(['--port', '0', '--data-dir', dataDir, '--unpaired', 'demo', '--panel', 'sim-4in2']);
    expect(output()).toContain('window: none (e-paper door)');
    expect(output()).toContain(`panel: Waveshare 4.2in V2 (400×300, simulated) — picture in ${join(dataDir, 'panel', 'panel.png')}`);
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'panel', 'panel.png'))).toBe(true), { timeout: 10_000 });
    const png = PNG.sync.read(readFileSync(join(dataDir, 'panel', 'panel.png')));
    expect([png.width, png.height]).toEqual([400, 300]);
    const exit = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('names the panels --panel knows when given another', async () => {
    const r = await runLintel(['start', '--panel', 'kindle']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--panel "kindle" is not a panel. Use one of: sim-7in5, sim-4in2, sim-uart, lcd,');
  });

  it('exits 2 on a config with an unknown key, naming the key, the value and an example', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ display: { clock: '25h' }, sever: { port: 80 } }));
    const r = await runLintel(['start', '--headless', '--data-dir', dir, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('key "display.clock" has value "25h"');
    expect(r.stderr).toContain('"clock": "24h"');
    expect(r.stderr).toContain('unknown key "sever"');
    expect(r.stderr).toContain('Did you mean "server"?');
  });

  it('exits 2 on an unknown flag or a bad port, with the usage', async () => {
    const flag = await runLintel(['start', '--colour', 'red']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--colour'/);
    expect(flag.stderr).toContain('Usage: lintel');
    const port = await runLintel(['start', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port "http" is not a port number');
  });

  it('says the port is in use and exits non-zero', async () => {
    const first = await startLintel(['--port', '0', '--data-dir', tempDir(), '--unpaired', 'demo']);
    const port = new URL(first.url).port;
    const second = await runLintel(['start', '--headless', '--port', port, '--data-dir', tempDir(), '--unpaired', 'demo']);
    first.child.kill('SIGTERM');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('prints help and the version', async () => {
    expect((await runLintel(['help'])).stdout).toContain('--data-dir DIR');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runLintel(['--version'])).stdout.trim()).toBe(version.version);
  });
});

describe('arguments', () => {
  it('parse every start flag', () => {
    expect(parseCliArgs(['start', '--demo', '--headless', '--port', '9000', '--data-dir', '/d', '--config', '/c.json', '--panel', 'sim-uart', '--unpaired', 'demo'])).toEqual({
      command: 'start',
      panel: { type: 'waveshare-4in3-uart', simulate: true },
      unpairedDemo: true,
      demo: true,
      headless: true,
      kiosk: false,
      port: 9000,
      dataDir: '/d',
      config: '/c.json',
    });
    expect(parseCliArgs([])).toMatchObject({ command: 'start', headless: false, port: null, unpairedDemo: false });
    expect(() => parseCliArgs(['start', '--unpaired', 'kiosk'])).toThrow(/--unpaired setup .* --unpaired demo/);
    expect(() => parseCliArgs(['start', '--pin', '1234'])).toThrow(/--pin is an option of "pair"/);
  });

  it('parse pair flags, and refuse start flags on pair', () => {
    expect(parseCliArgs(['pair', '--file', 'fleet.json', '--data-dir', '/d'])).toMatchObject({ command: 'pair', file: 'fleet.json', dataDir: '/d' });
    expect(parseCliArgs(['pair', '--room', 'aurora@contoso.com', '--pin', '482913'])).toMatchObject({ command: 'pair', file: null, flags: { room: 'aurora@contoso.com', pin: '482913' } });
    expect(() => parseCliArgs(['pair', '--headless'])).toThrow(/--headless is an option of "start"/);
  });

  it('an unpaired display started without flags shows its setup page and says so', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ setup: { port: 0 } }));
    const { child, url, output } = await startLintel(['--port', '0', '--data-dir', dataDir]);
    expect(output()).toContain('its setup QR code (unpaired');
    const state = (await (await fetch(`${url}api/v1/state`)).json()) as { value: { setup: { url: string } | null } };
    expect(state.value.setup?.url).toMatch(/^http:\/\/.+:\d+\/setup#t=[A-Za-z0-9_-]{43}$/);
    const exit = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exit;
  });
});

describe('choosing the window', () => {
  const found = { electron: '/e/electron', chromium: '/usr/bin/chromium', display: true };
  it('prefers Electron, then the system Chromium, else headless', () => {
    expect(planWindow(false, found).kind).toBe('electron');
    expect(planWindow(false, { ...found, electron: null }).kind).toBe('chromium');
    expect(planWindow(false, { ...found, electron: null, chromium: null }).kind).toBe('headless');
    expect(planWindow(false, { ...found, display: false })).toMatchObject({ kind: 'headless', reason: expect.stringContaining('no display') });
    expect(planWindow(true, found).kind).toBe('headless');
  });
});

describe('the bundled preload', () => {
  it('loads nothing but electron (sandboxed preloads cannot require files)', () => {
    const code = readFileSync(join(ROOT, 'dist/src/shell/preload.cjs'), 'utf8');
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).toContain('lintel:v1:get-state');
  });
});
