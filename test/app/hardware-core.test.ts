import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedGpio } from '../../hardware/gpio/simulated-gpio.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { settle } from '../helpers/door.js';

// The demo day is anchored at 10:00 Berlin: busy 10:15–12:00, then free until 15:00.
const ANCHOR = Date.parse('2026-11-23T09:00:00Z');
const at = (hhmm: string): number => Date.parse(`2026-11-23T${hhmm}:00+01:00`);
const RED = 16;
const GREEN = 20;
const AMBER = 21;
const BOOK = 5;
const CHECK_IN = 6;
const PIR = 26;

const HARDWARE: ConfigFile = {
  gpio: { driver: 'simulated' },
  leds: { driver: 'gpio', red: RED, green: GREEN, amber: AMBER },
  buttons: { pins: [{ pin: BOOK, action: 'book-15' }, { pin: CHECK_IN, action: 'check-in' }] },
  occupancy: { pin: PIR },
};

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function door(now: number, config: ConfigFile = HARDWARE): Promise<{ t: TestCore; gpio: SimulatedGpio }> {
  t = await startTestCore({ now: ANCHOR, config });
  t.clock.advanceTo(now);
  t.core.hub.refresh();
  const gpio = t.core.hardware.simulatedGpio;
  if (!gpio) throw new Error('GPIO should be simulated');
  return { t, gpio };
}

const lit = (gpio: SimulatedGpio): string[] => [
  ...(gpio.level(RED) ? ['red'] : []),
  ...(gpio.level(GREEN) ? ['green'] : []),
  ...(gpio.level(AMBER) ? ['amber'] : []),
];

/** A button to ground against a pull-up: low while pressed; the debounce runs on real timers. */
async function press(gpio: SimulatedGpio, pin: number): Promise<void> {
  gpio.drive(pin, false);
  await new Promise((r) => setTimeout(r, 60));
  gpio.drive(pin, true);
  await new Promise((r) => setTimeout(r, 60));
}

describe('the door with GPIO hardware', () => {
  it('lights the LED of the room status, changes it with the state, and releases every pin on exit', async () => {
    const { t, gpio } = await door(at('11:00'));
    expect(lit(gpio)).toEqual(['red']);
    t.clock.advanceTo(at('12:00'));
    expect(lit(gpio)).toEqual(['green']);
    await t.close();
    for (const pin of [RED, GREEN, AMBER, BOOK, CHECK_IN, PIR]) expect(gpio.isClaimed(pin), `GPIO ${pin}`).toBe(false);
    expect(lit(gpio)).toEqual([]);
  });

  it('keeps the LEDs dark outside their hours', async () => {
    const { t, gpio } = await door(at('11:00'), { ...HARDWARE, leds: { driver: 'gpio', red: RED, green: GREEN, hours: { from: '07:00', to: '11:30' } } });
    expect(lit(gpio)).toEqual(['red']);
    t.clock.advanceTo(at('11:30'));
    expect(lit(gpio)).toEqual([]);
    expect(t.core.hub.current().leds).toEqual({ red: 'off', green: 'off', amber: 'off' });
  });

  it('books 15 minutes with the book button, as a touch would', async () => {
    const { t, gpio } = await door(at('12:01'));
    await press(gpio, BOOK);
    await settle(t.core);
    const state = t.core.hub.current();
    expect(state.status).toBe('busy');
    expect(state.current?.subject).toBe('Walk-up booking');
    expect(state.current?.end.slice(11, 16)).toBe('12:20');
    expect(lit(gpio)).toEqual(['red']);
  });

  it('a button with nothing to do does nothing', async () => {
    const { t, gpio } = await door(at('11:00'));
    await press(gpio, BOOK);
    await settle(t.core);
    expect(t.core.hub.current().activity).toEqual([]);
  });

  it('motion shows as occupied after the warm-up and checks in the meeting that is due', async () => {
    const { t, gpio } = await door(at('10:16'), { ...HARDWARE, policy: { checkIn: { required: true } } });
    // The sensor warmed up during the 16 minutes since power-up: trusted, and nobody there yet.
    expect(t.core.hub.current().occupied).toBe(false);
    expect(t.core.hub.current().status).toBe('awaiting-checkin');
    gpio.drive(PIR, true);
    expect(t.core.hub.current().occupied).toBe(true);
    expect(t.core.hub.current().status).not.toBe('awaiting-checkin');
  });
});

describe('virtual hardware over the API (GPIO simulated)', () => {
  const simulate = async (t: TestCore, body: unknown): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }> => {
    const res = await fetch(`${t.core.http.url}api/v1/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
  };

  it('presses the book button and waves at the motion sensor through the same pins and rules', async () => {
    const { t, gpio } = await door(at('12:01'));
    expect((await simulate(t, { kind: 'button', action: 'book-15' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 250));
    await settle(t.core);
    expect(t.core.hub.current().current?.subject).toBe('Walk-up booking');
    expect((await simulate(t, { kind: 'motion' })).status).toBe(200);
    expect(gpio.level(PIR)).toBe(true);
    expect(t.core.hub.current().occupied).toBe(true);
  });

  it('says what to configure for hardware that is not there, and refuses nonsense', async () => {
    const { t } = await door(at('12:01'));
    const missing = await simulate(t, { kind: 'button', action: 'end' });
    expect(missing.status).toBe(409);
    expect(missing.body.error?.message).toBe('No button is configured for "end": add it under "buttons.pins".');
    expect((await simulate(t, { kind: 'laser' })).body.error?.code).toBe('BAD_REQUEST');
  });

  it('does not exist when the GPIO is real', async () => {
    t = await startTestCore({ now: ANCHOR });
    expect((await simulate(t, { kind: 'motion' })).status).toBe(404);
  });
});
