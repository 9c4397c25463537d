import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DoorContent } from '../../../hardware/eink/panel-content.js';
import { classify, UartEpaperPanel, type OpenSerial, type UartPanelError, type UartPanelOptions } from '../../../hardware/eink/uart/uart-panel.js';
import { VirtualModuleCore } from '../../../hardware/eink/uart/virtual-uart-module.js';
import { ManualClock } from '../../helpers/manual-clock.js';

// @serialport/binding-mock's own types do not resolve under NodeNext; serialport re-exports them.
type MockPortBinding = NonNullable<SerialPortMock['port']>;

const PATH = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0';

/** A frame built here independently of the driver: A5, length, command, data, tail, XOR. */
function frame(cmd: number, ...data: number[]): number[] {
  const body = [0xa5, (data.length + 9) >> 8, (data.length + 9) & 0xff, cmd, ...data, 0xcc, 0x33, 0xc3, 0x3c];
  return [...body, body.reduce((x, b) => x ^ b, 0)];
}
const be = (...values: number[]): number[] => values.flatMap((v) => [v >> 8, v & 0xff]);
const text = (x: number, y: number, s: string): number[] => frame(0x30, ...be(x, y), ...Array.from(s, (c) => c.charCodeAt(0)), 0);

const door: DoorContent = {
  kind: 'door',
  roomName: 'Ada',
  status: 'free',
  statusWord: 'Free',
  statusDetail: 'until 14:00',
  current: null,
  nextHeading: 'Next',
  next: [],
  emptyNext: 'Nothing else today',
  date: 'Mon 3 May',
  notice: null,
};

const OPEN = [...frame(0x00), ...frame(0x07, 0x00)];
const DOOR = [
  ...frame(0x10, 0x00, 0x03),
  ...frame(0x2e),
  ...frame(0x1e, 0x02),
  ...text(24, 20, 'Ada'),
  ...frame(0x1e, 0x01),
  ...text(24, 76, 'Mon 3 May'),
  ...frame(0x24, ...be(0, 124, 799, 129)),
  ...frame(0x24, ...be(0, 294, 799, 299)),
  ...frame(0x24, ...be(0, 124, 5, 299)),
  ...frame(0x24, ...be(794, 124, 799, 299)),
  ...frame(0x1e, 0x03),
  ...text(24, 140, 'Free'),
  ...frame(0x1e, 0x01),
  ...text(24, 216, 'until 14:00'),
  ...text(24, 317, 'Next'),
  ...frame(0x22, ...be(24, 355, 776, 355)),
  ...text(24, 365, 'Nothing else today'),
  ...frame(0x0a),
];

/** serialport's own mock binding, with the virtual module's core answering each write. */
function mockModule() {
  const core = new VirtualModuleCore();
  const bindings: MockPortBinding[] = [];
  const line = { unplugged: false, silent: false, reply: null as string | null };
  const openSerial: OpenSerial = (path, baudRate) => {
    const link = new SerialPortMock({ path, baudRate, autoOpen: false });
    link.on('open', () => {
      const binding = link.port;
      if (!binding) return;
      bindings.push(binding);
      const write = binding.write.bind(binding);
      binding.write = async (data: Buffer) => {
        if (line.unplugged) throw new Error('EIO: Input/output error, write');
        await write(data);
        const reply = line.reply !== null ? Buffer.from(line.reply) : core.receive(data);
        if (!line.silent && reply.length > 0) binding.emitData(Buffer.from(reply));
      };
    });
    return link;
  };
  return { core, bindings, line, openSerial, recorded: () => Array.from(Buffer.concat(bindings.map((b) => b.recording))) };
}

let panels: UartEpaperPanel[] = [];
function makePanel(options: Partial<UartPanelOptions> & Pick<UartPanelOptions, 'openSerial'>): UartEpaperPanel {
  const panel = new UartEpaperPanel({ path: PATH, listSerialDevices: async () => [], ...options });
  panels.push(panel);
  return panel;
}

beforeEach(() => {
  SerialPortMock.binding.reset();
  panels = [];
});
afterEach(async () => {
  await Promise.all(panels.map((p) => p.close()));
});

describe('UartEpaperPanel on the serialport mock binding', () => {
  it('writes exactly the handshake, the door’s primitives and the refresh', async () => {
    SerialPortMock.binding.createPort(PATH, { record: true });
    const m = mockModule();
    const panel = makePanel({ openSerial: m.openSerial });
    expect(panel).toMatchObject({ width: 800, height: 600, partial: false });
    await panel.open();
    const result = await panel.draw(door, 'partial');
    expect(m.recorded()).toEqual([...OPEN, ...DOOR]);
    expect(result).toEqual({ refresh: 'full', bytesSent: DOOR.length });
    expect(m.core.stats).toMatchObject({ errors: 0, refreshes: 1 });
    // The exact bytes above hold no sleep: without a WAKE_UP line only a power cycle would wake it.
    expect(m.core.asleep).toBe(false);
  });

  it('sleeps after each draw and wakes the module through its pin before the next', async () => {
    SerialPortMock.binding.createPort(PATH, { record: true });
    const m = mockModule();
    const wake = vi.fn(async () => m.core.wake());
    const panel = makePanel({ openSerial: m.openSerial, wake });
    await panel.open();
    expect(wake).toHaveBeenCalledTimes(1);
    await panel.draw(door, 'full');
    expect(m.recorded()).toEqual([...OPEN, ...DOOR, ...frame(0x08)]);
    expect(m.core.asleep).toBe(true);

    const busy = { ...door, status: 'busy' as const, statusWord: 'Busy' };
    const second = await panel.draw(busy, 'full');
    expect(wake).toHaveBeenCalledTimes(2);
    expect(m.core.stats).toMatchObject({ errors: 0, refreshes: 2, ignoredWhileAsleep: 0 });
    expect(second.refresh).toBe('full');
    expect(second.bytesSent).toBe(m.recorded().length - OPEN.length - DOOR.length - frame(0x08).length);

    const before = m.recorded().length;
    expect(await panel.draw(busy, 'partial')).toEqual({ refresh: 'none', bytesSent: 0 });
    expect(m.recorded().length).toBe(before);
  });

  it('names the serial devices present when the path is wrong, and keeps retrying with backoff', async () => {
    const clock = new ManualClock(0);
    const m = mockModule();
    const errors: UartPanelError[] = [];
    const panel = makePanel({
      openSerial: m.openSerial,
      timers: clock,
      listSerialDevices: async () => ['/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0 (/dev/ttyUSB0)'],
      onError: (e) => errors.push(e),
    });
    await expect(panel.open()).rejects.toMatchObject({ code: 'not-found' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`Serial port ${PATH} does not exist`);
    expect(errors[0]?.message).toContain('/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0 (/dev/ttyUSB0)');
    expect(errors[0]?.message).toContain('serial path in the config');
    await expect(panel.draw(door, 'full')).rejects.toMatchObject({ code: 'not-found' });

    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const due = panel.nextRetryAt;
      if (due === null) throw new Error('no retry scheduled');
      delays.push(due - clock.now());
      clock.advanceTo(due);
      await vi.waitFor(() => expect(panel.nextRetryAt).not.toBeNull());
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(errors).toHaveLength(1);

    SerialPortMock.binding.createPort(PATH, { record: true });
    clock.advanceTo(panel.nextRetryAt ?? 0);
    await vi.waitFor(() => expect(m.core.stats.refreshes).toBe(1));
    expect(m.recorded()).toEqual([...OPEN, ...DOOR]);
    expect(panel.state).toBe('connected');
    expect(panel.lastError).toBeNull();
  });

  it('reports a link lost mid-draw, reconnects and redraws the last content', async () => {
    SerialPortMock.binding.createPort(PATH, { record: true });
    const clock = new ManualClock(0);
    const m = mockModule();
    const errors: UartPanelError[] = [];
    const reconnected = vi.fn();
    const panel = makePanel({ openSerial: m.openSerial, timers: clock, onError: (e) => errors.push(e), onReconnect: reconnected });
    await panel.open();
    await panel.draw(door, 'full');

    m.line.unplugged = true;
    const busy = { ...door, status: 'busy' as const, statusWord: 'Busy' };
    await expect(panel.draw(busy, 'full')).rejects.toMatchObject({ code: 'disconnected' });
    expect(errors.at(-1)?.message).toMatch(/Lost the serial link .* Check the cable or USB adapter/);
    expect(panel.state).toBe('reconnecting');
    expect(panel.nextRetryAt).toBe(1_000);

    m.line.unplugged = false;
    clock.advanceTo(1_000);
    await vi.waitFor(() => expect(m.core.stats.refreshes).toBe(2));
    expect(reconnected).toHaveBeenCalledTimes(1);
    const redraw = Array.from(m.bindings.at(-1)?.recording ?? []);
    expect(redraw.slice(0, OPEN.length)).toEqual(OPEN);
    expect(redraw.slice(-frame(0x0a).length)).toEqual(frame(0x0a));
    expect(Buffer.from(redraw).includes('Busy')).toBe(true);
    expect(m.core.stats.errors).toBe(0);
  });

  it('gives up on a silent module after the timeout and says what to check', async () => {
    SerialPortMock.binding.createPort(PATH, { record: true });
    const clock = new ManualClock(0);
    const m = mockModule();
    const panel = makePanel({ openSerial: m.openSerial, timers: clock });
    await panel.open();
    m.line.silent = true;
    const drawing = panel.draw(door, 'full');
    const failed = expect(drawing).rejects.toThrow(/did not answer "OK" to a drawing command within 2000 ms.*TX and RX are crossed/);
    await vi.waitFor(() => expect(m.bindings[0]?.recording.length).toBeGreaterThan(OPEN.length));
    clock.advanceBy(2_000);
    await failed;
    expect(panel.state).toBe('reconnecting');
  });

  it('passes on the module’s refusal', async () => {
    SerialPortMock.binding.createPort(PATH, { record: true });
    const m = mockModule();
    const panel = makePanel({ openSerial: m.openSerial });
    await panel.open();
    m.line.reply = 'Error:21';
    await expect(panel.draw(door, 'full')).rejects.toMatchObject({ code: 'module-error', message: expect.stringContaining('"Error:21"') });
  });
});

describe('classify', () => {
  it('tells how to get permission for the port', () => {
    const e = classify(new Error('Error: Permission denied, cannot open /dev/ttyAMA0'), '/dev/ttyAMA0', []);
    expect(e.code).toBe('permission');
    expect(e.message).toContain('group "dialout"');
  });

  it('points at the serial console when the port is taken', () => {
    const e = classify(new Error('Error Resource temporarily unavailable Cannot lock port'), '/dev/ttyAMA0', []);
    expect(e.code).toBe('busy');
  });

  it('says when no USB serial device is plugged in at all', () => {
    const e = classify(new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'), '/dev/ttyUSB0', []);
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('No USB serial devices under /dev/serial/by-id/');
  });
});
