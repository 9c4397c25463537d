import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GpioPort } from '../gpio/gpio-port.js';
import type { Frame } from './frame.js';
import type { Panel } from './panel.js';

export type EpaperType = 'waveshare-7in5-v2' | 'waveshare-4in2-v2' | 'waveshare-4in3-uart';

export interface PanelChoice {
  readonly type: EpaperType;
  /** Draw on a simulated panel that speaks the same protocol, writing each refresh as a PNG. */
  readonly simulate: boolean;
  readonly spiDevice: string;
  readonly serialPath: string;
  readonly pins: { readonly rst: number; readonly dc: number; readonly busy: number; readonly pwr: number | null };
  readonly minIntervalMs: number;
  /** The shared GPIO port (real panels); simulated panels bring their own simulated pins. */
  readonly gpio: GpioPort | null;
  /** Where a simulated panel writes `panel.png` on every refresh. */
  readonly previewDir: string;
  readonly onError?: (err: Error) => void;
}

export interface OpenedPanel {
  readonly panel: Panel;
  /** The PNG a simulated panel keeps up to date; null on real hardware. */
  readonly preview: string | null;
  close(): Promise<void>;
}

function spidevNumbers(path: string): { bus: number; device: number } {
  const m = /^\/dev\/spidev(\d+)\.(\d+)$/.exec(path);
  if (!m) throw new Error(`"${path}" is not an SPI device: write it as /dev/spidevB.C, e.g. /dev/spidev0.0 for the e-Paper HAT.`);
  return { bus: Number(m[1]), device: Number(m[2]) };
}

/** Opens the configured e-paper panel, real or simulated; native modules load only when needed. */
export async function openPanel(c: PanelChoice): Promise<OpenedPanel> {
  const preview = c.simulate ? join(c.previewDir, 'panel.png') : null;
  const savePreview = async (frame: Frame): Promise<void> => {
    if (!preview) return;
    const { writeFramePng } = await import('./render/frame-png.js');
    mkdirSync(c.previewDir, { recursive: true });
    writeFramePng(frame, preview);
  };
  if (c.type === 'waveshare-4in3-uart') return openUart(c, preview);

  const { SpiEpaperPanel } = await import('./spi-epaper-panel.js');
  const { Epd7in5V2 } = await import('./spi/epd7in5-v2.js');
  const { Epd4in2V2 } = await import('./spi/epd4in2-v2.js');
  const Driver = c.type === 'waveshare-7in5-v2' ? Epd7in5V2 : Epd4in2V2;
  let gpio: GpioPort;
  let bus;
  if (c.simulate) {
    const { SimulatedGpio } = await import('../gpio/simulated-gpio.js');
    const { SimulatedEpd } = await import('./spi/simulated-epd.js');
    const sim = new SimulatedGpio();
    const epd = new SimulatedEpd({ model: c.type === 'waveshare-7in5-v2' ? '7in5_V2' : '4in2_V2', gpio: sim, pins: c.pins });
    epd.onRefresh((_kind, image) => void savePreview(image).catch((err: unknown) => c.onError?.(err as Error)));
    gpio = sim;
    bus = epd;
  } else {
    if (!c.gpio) throw new Error('An SPI e-paper panel needs GPIO for RST, DC and BUSY, and none is open.');
    const { openSpidevBus } = await import('./spi/spidev-bus.js');
    gpio = c.gpio;
    bus = await openSpidevBus(spidevNumbers(c.spiDevice));
  }
  const driver = new Driver({ bus, gpio, pins: c.pins });
  const panel = new SpiEpaperPanel(driver, c.minIntervalMs, c.simulate ? 'simulated' : `SPI ${c.spiDevice}`);
  await panel.open();
  return {
    panel,
    preview,
    close: async () => {
      await panel.close();
      if (c.simulate) await gpio.close();
    },
  };
}

async function openUart(c: PanelChoice, preview: string | null): Promise<OpenedPanel> {
  const { UartEpaperPanel } = await import('./uart/uart-panel.js');
  if (!c.simulate) {
    // No WAKE_UP pin is wired by default, so the module is never sent to sleep (it could not be woken).
    const panel = new UartEpaperPanel({ path: c.serialPath, ...(c.onError ? { onError: c.onError } : {}) });
    try {
      await panel.open();
    } catch (err) {
      // Unplugged at boot: the panel keeps retrying with backoff and draws once the module answers.
      c.onError?.(err as Error);
    }
    return { panel, preview: null, close: () => panel.close() };
  }
  const { startSocatPair, startVirtualModule } = await import('./uart/virtual-uart-module.js');
  mkdirSync(c.previewDir, { recursive: true });
  const pair = await startSocatPair();
  const module = await startVirtualModule({ path: pair.module, outDir: c.previewDir, fileName: 'panel.png' });
  const panel = new UartEpaperPanel({ path: pair.device, wake: () => Promise.resolve(module.wake()), ...(c.onError ? { onError: c.onError } : {}) });
  await panel.open();
  return {
    panel,
    preview,
    close: async () => {
      await panel.close();
      await module.close();
      await pair.close();
    },
  };
}
