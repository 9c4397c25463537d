import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBlack, type Frame } from '../../../hardware/eink/frame.js';
import type { DoorContent, SetupContent } from '../../../hardware/eink/panel-content.js';
import { UartEpaperPanel, type UartPanelError } from '../../../hardware/eink/uart/uart-panel.js';
import { startSocatPair, startVirtualModule, type SocatPair, type VirtualModule } from '../../../hardware/eink/uart/virtual-uart-module.js';
import { decodeQrInPng } from '../../helpers/qr.js';

const OUT = fileURLToPath(new URL('../../../test-output/eink', import.meta.url));

const busy: DoorContent = {
  kind: 'door',
  roomName: 'Ada Lovelace — 3rd floor',
  status: 'busy',
  statusWord: 'Busy',
  statusDetail: 'until 11:00',
  current: { time: '10:15–11:00', subject: 'Quarterly planning with the whole product team' },
  nextHeading: 'Next',
  next: [
    { time: '11:30–12:00', subject: 'Café with Zoë' },
    { time: '13:00–14:00', subject: 'Design review\0\u202e' },
    { time: '15:00–15:30', subject: 'חדר ישיבות' },
  ],
  emptyNext: 'Nothing else today',
  date: 'Saturday 21 November',
  notice: 'Offline since 10:02 — showing saved calendar',
};

const setup: SetupContent = {
  kind: 'setup',
  roomName: 'Ada Lovelace',
  title: 'Set up this display',
  qrText: 'https://microsoft.com/devicelogin?otc=ABCD-EFGH',
  lines: ['Code: ABCD-EFGH', 'https://microsoft.com/devicelogin', 'Device: lintel-ada', 'Address: 192.168.1.23'],
};

/** Share of black pixels in a box, inclusive. */
function blackShare(frame: Frame, x0: number, y0: number, x1: number, y1: number): number {
  let black = 0;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (isBlack(frame, x, y)) black++;
  return black / ((x1 - x0 + 1) * (y1 - y0 + 1));
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function plugIn(paths: { device: string; module: string }, prefix: string): Promise<{ pair: SocatPair; module: VirtualModule }> {
  const pair = await startSocatPair(paths);
  const module = await startVirtualModule({ path: pair.module, outDir: OUT, prefix });
  cleanup.push(() => pair.close(), () => module.close());
  return { pair, module };
}

describe('UartEpaperPanel over a socat PTY, with the virtual module on the far end', () => {
  it('draws door and setup content that the module accepts frame by frame', async () => {
    const pair = await startSocatPair();
    const module = await startVirtualModule({ path: pair.module, outDir: OUT, prefix: 'uart-pty' });
    cleanup.push(() => pair.close(), () => module.close());
    const panel = new UartEpaperPanel({ path: pair.device, wake: async () => module.wake(), commandTimeoutMs: 1_000 });
    cleanup.push(() => panel.close());

    await panel.open();
    const drawn = await panel.draw(busy, 'full');
    expect(drawn.refresh).toBe('full');
    const door = module.core.shown;
    if (!door) throw new Error('the module never refreshed');
    expect(module.core.asleep).toBe(true);

    await panel.draw(setup, 'full');
    expect(module.core.problems).toEqual([]);
    expect(module.core.warnings).toEqual([]);
    expect(module.stats).toMatchObject({ errors: 0, refreshes: 2, ignoredWhileAsleep: 0 });

    // The status band is solid black with "Busy" in white at 64 dots (4 cells of 32×64 from x 24).
    expect(blackShare(door, 0, 124, 799, 135)).toBe(1);
    expect(blackShare(door, 500, 140, 790, 210)).toBe(1);
    const word = blackShare(door, 24, 140, 24 + 4 * 32 - 1, 203);
    expect(word).toBeGreaterThan(0.4);
    expect(word).toBeLessThan(0.9);
    // The room name is drawn at the top, and the notice sits in a black strip at the foot.
    expect(blackShare(door, 24, 20, 24 + 10 * 24, 67)).toBeGreaterThan(0.05);
    expect(blackShare(door, 0, 536, 799, 550)).toBeGreaterThan(0.9);

    expect(module.core.pngs).toEqual([join(OUT, 'uart-pty-1.png'), join(OUT, 'uart-pty-2.png')]);
    expect(decodeQrInPng(join(OUT, 'uart-pty-2.png'))).toBe(setup.qrText);
  });

  it('reports an unplug, backs off, and redraws once a module is back at the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-uart-unplug-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const paths = { device: join(dir, 'device'), module: join(dir, 'module') };
    let { pair, module } = await plugIn(paths, 'uart-unplug-before');
    const errors: UartPanelError[] = [];
    const panel = new UartEpaperPanel({
      path: paths.device,
      wake: async () => module.wake(),
      commandTimeoutMs: 1_000,
      backoff: { initialMs: 100, maxMs: 400 },
      listSerialDevices: async () => [],
      onError: (e) => errors.push(e),
    });
    cleanup.push(() => panel.close());
    await panel.open();
    await panel.draw({ ...busy, status: 'free', statusWord: 'Free' }, 'full');
    expect(module.stats.refreshes).toBe(1);

    // Pulling the cable: socat dies at once; close() only waits until it is gone.
    process.kill(pair.pid, 'SIGKILL');
    await pair.close();
    await expect(panel.draw(busy, 'full')).rejects.toMatchObject({ code: expect.stringMatching(/^(disconnected|not-found)$/) });
    expect(errors[0]).toMatchObject({ code: 'disconnected', message: expect.stringContaining('Check the cable or USB adapter') });
    // The PTY is gone, so the retries find nothing at the path, and say so.
    await vi.waitFor(() => expect(errors.map((e) => e.code)).toContain('not-found'));
    expect(existsSync(paths.device)).toBe(false);

    ({ pair, module } = await plugIn(paths, 'uart-unplug-after'));
    await vi.waitFor(() => expect(module.stats.refreshes).toBe(1), { timeout: 5_000 });
    // Queued behind the redraw, so it also waits for the module's last "OK".
    expect(await panel.draw(busy, 'partial')).toEqual({ refresh: 'none', bytesSent: 0 });
    expect(module.core.asleep).toBe(true);
    expect(panel.state).toBe('connected');
    expect(panel.lastError).toBeNull();
    expect(module.core.problems).toEqual([]);
    const shown = module.core.shown;
    if (!shown) throw new Error('no redraw');
    // The last content asked for (busy), not the one shown before the unplug.
    expect(blackShare(shown, 500, 140, 790, 210)).toBe(1);
    await panel.close();
  });
});
