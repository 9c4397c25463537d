import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPanel, type EpaperType, type OpenedPanel } from '../../../hardware/eink/create-panel.js';
import type { DoorContent } from '../../../hardware/eink/panel-content.js';

const door: DoorContent = {
  kind: 'door',
  roomName: 'Aurora',
  status: 'free',
  statusWord: 'Free',
  statusDetail: 'until 14:00',
  current: null,
  nextHeading: 'Next',
  next: [{ time: '14:00–15:00', subject: 'Board meeting' }],
  emptyNext: 'No more meetings today',
  date: 'Monday 23 November',
  notice: null,
};

const PANELS: Array<[EpaperType, number, number]> = [
  ['waveshare-7in5-v2', 800, 480],
  ['waveshare-4in2-v2', 400, 300],
  ['waveshare-4in3-uart', 800, 600],
];

/** What every Panel must do, run against every panel through the same factory the core uses. */
for (const [type, width, height] of PANELS) {
  describe(`Panel contract: simulated ${type}`, () => {
    let opened: OpenedPanel | null = null;
    let dir = '';
    afterEach(async () => {
      await opened?.close();
      opened = null;
      rmSync(dir, { recursive: true, force: true });
    });

    const open = async (): Promise<OpenedPanel> => {
      dir = mkdtempSync(join(tmpdir(), 'lintel-panel-'));
      opened = await openPanel({
        type,
        simulate: true,
        spiDevice: '/dev/spidev0.0',
        serialPath: '/dev/ttyAMA0',
        pins: { rst: 17, dc: 25, busy: 24, pwr: null },
        minIntervalMs: 180_000,
        gpio: null,
        previewDir: dir,
      });
      return opened;
    };

    it('states its size and limits, draws in full, and keeps a preview of what it shows', async () => {
      const { panel, preview } = await open();
      expect([panel.width, panel.height]).toEqual([width, height]);
      expect(panel.minIntervalMs).toBeGreaterThan(0);
      expect(panel.description).toMatch(/Waveshare/);
      const first = await panel.draw(door, 'full');
      expect(first.refresh).toBe('full');
      expect(first.bytesSent).toBeGreaterThan(0);
      await vi.waitFor(() => expect(existsSync(preview ?? '')).toBe(true));
    });

    it('sends nothing for a picture it already shows, and redraws a changed one', async () => {
      const { panel } = await open();
      await panel.draw(door, 'full');
      expect(await panel.draw(door, 'partial')).toEqual({ refresh: 'none', bytesSent: 0 });
      const busy = await panel.draw({ ...door, status: 'busy', statusWord: 'Busy', statusDetail: 'until 15:00' }, 'partial');
      expect(busy.refresh).toBe(panel.partial ? 'partial' : 'full');
      expect(busy.bytesSent).toBeGreaterThan(0);
    });

    it('always refreshes when asked for a full refresh (the nightly one against ghosting)', async () => {
      const { panel } = await open();
      await panel.draw(door, 'full');
      expect((await panel.draw(door, 'full')).refresh).toBe('full');
    });
  });
}
