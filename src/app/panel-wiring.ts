import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { GpioPort } from '../../hardware/gpio/gpio-port.js';
import type { OpenedPanel } from '../../hardware/eink/create-panel.js';
import type { PanelController } from '../../hardware/eink/panel-controller.js';
import type { PanelConfig } from '../config/hardware-config.js';
import { panelContentFromState } from '../panel/panel-content-from-state.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { StateHub } from './state-hub.js';

export interface RunningPanel {
  readonly description: string;
  /** The PNG a simulated panel keeps up to date; null on real hardware. */
  readonly preview: string | null;
  readonly controller: PanelController;
  close(): Promise<void>;
}

/** The next `hh:mm` in the room's zone after `now`. */
export function nextWallClock(now: number, hhmm: string, zone: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const today = DateTime.fromMillis(now, { zone }).set({ hour: h ?? 3, minute: m ?? 0, second: 0, millisecond: 0 });
  return (today.toMillis() > now ? today : today.plus({ days: 1 })).toMillis();
}

/**
 * Puts the door on an e-paper panel: every state the hub publishes becomes panel content, and
 * the refresh policy decides if and how the panel redraws. Null for an LCD (the window shows it).
 */
export async function startPanel(o: {
  config: PanelConfig;
  hub: StateHub;
  gpio: GpioPort | null;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  timeZone: () => string;
}): Promise<RunningPanel | null> {
  const type = o.config.type;
  if (type === 'lcd') return null;
  const { openPanel } = await import('../../hardware/eink/create-panel.js');
  const { PanelController } = await import('../../hardware/eink/panel-controller.js');
  let lastError = '';
  const report = (err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    // One line per new problem: a panel that fails every 3 minutes must not flood the log.
    if (message !== lastError) o.logger.error({ event: 'panel.error' }, message);
    lastError = message;
  };
  const opened: OpenedPanel = await openPanel({
    type,
    simulate: o.config.simulate,
    spiDevice: o.config.spiDevice,
    serialPath: o.config.serialPath,
    pins: o.config.pins,
    minIntervalMs: o.config.minIntervalMs,
    gpio: o.gpio,
    previewDir: join(o.dataDir, 'panel'),
    onError: report,
  });
  const controller = new PanelController(
    opened.panel,
    { fullEvery: o.config.fullRefreshEvery, nextNightly: (now) => nextWallClock(now, o.config.nightlyRefreshAt, o.timeZone()) },
    o.clock,
    report,
  );
  const unsubscribe = o.hub.subscribe((state) => controller.show(panelContentFromState(state)));
  controller.show(panelContentFromState(o.hub.current()));
  o.logger.info({ event: 'panel.ready', panel: opened.panel.description, preview: opened.preview }, 'E-paper panel ready');
  return {
    description: opened.panel.description,
    preview: opened.preview,
    controller,
    close: async () => {
      unsubscribe();
      await controller.stop();
      await opened.close();
    },
  };
}
