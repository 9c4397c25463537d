import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, resolveConfig, DEFAULT_PORT } from '../../src/config/load-config.js';

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lintel-config-')), 'config.json');
  writeFileSync(file, content);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to the demo room with sensible settings when there is no file', () => {
    const config = loadConfig(null);
    expect(config.calendar.source).toBe('demo');
    expect(config.server.port).toBe(DEFAULT_PORT);
    expect(config.policy.soonMinutes).toBe(10);
    expect(config.sync.intervalMs).toBe(15_000);
    expect(config.file).toBeNull();
  });

  it('reads a good file and fills in the rest', () => {
    const config = loadConfig(
      fileWith(JSON.stringify({ room: { name: 'Fjord', timeZone: 'Europe/Oslo' }, display: { locale: 'de-DE', clock: '12h' }, policy: { checkIn: { required: true } } })),
    );
    expect(config.room).toEqual({ name: 'Fjord', email: null, timeZone: 'Europe/Oslo', timeZoneFromConfig: true });
    expect(config.policy.timeZone).toBe('Europe/Oslo');
    expect(config.display).toEqual({ locale: 'de-DE', hourCycle: 'h12', devOverlay: false });
    expect(config.policy.checkIn).toEqual({ required: true, opensMinutesBefore: 5, closesMinutesAfter: 10 });
  });

  it('takes the 12/24 h clock from the locale when not set', () => {
    expect(loadConfig(fileWith('{"display":{"locale":"en-US"}}')).display.hourCycle).toBe('h12');
    expect(loadConfig(fileWith('{"display":{"locale":"de-DE"}}')).display.hourCycle).toBe('h23');
  });

  it('names an unknown key, its value, the likely key and an example', () => {
    const err = errorOf(() => parseConfig({ display: { clok: '24h' } }, 'config.json'));
    expect(err.message).toContain('unknown key "display.clok"');
    expect(err.message).toContain('"24h"');
    expect(err.message).toContain('Did you mean "clock"?');
    expect(err.message).toContain('Example: "clock": "24h"');
  });

  it('names a key with a wrong type, the bad value and a good example', () => {
    const err = errorOf(() => parseConfig({ server: { port: 'eighty' } }, 'config.json'));
    expect(err.message).toContain('key "server.port" has value "eighty" (a string)');
    expect(err.message).toContain('"port": 8420');
  });

  it('rejects an unknown time zone with an example of a good one', () => {
    const err = errorOf(() => parseConfig({ room: { timeZone: 'Mars/Olympus' } }, 'c.json'));
    expect(err.message).toMatch(/room\.timeZone.*"Mars\/Olympus".*IANA time zone/);
    expect(err.message).toContain('"timeZone": "Europe/Berlin"');
  });

  it('lists every problem at once', () => {
    const err = errorOf(() => parseConfig({ sync: { intervalSeconds: 1 }, leds: { driver: 'laser' }, extra: true }, 'c.json'));
    expect(err.message.split('\n')).toHaveLength(3);
  });

  it('explains a file that is not JSON or does not exist', () => {
    expect(errorOf(() => loadConfig(fileWith('{ "room": '))).message).toMatch(/not valid JSON/);
    expect(errorOf(() => loadConfig('/nonexistent/lintel.json')).message).toMatch(/does not exist/);
  });
});

describe('booking and release keys', () => {
  it('default to 15/30/60 min, 10 free minutes, a subject in the display language, refusing offline bookings, release off', () => {
    const config = resolveConfig(parseConfig({ display: { locale: 'de-DE' } }, 'config.json'), null);
    expect(config.booking).toEqual({
      enabled: true,
      walkUp: { minFreeMinutes: 10, durationsMinutes: [15, 30, 60], roundToMinutes: 5 },
      subject: 'Spontanbuchung',
      askName: false,
      offlineBooking: 'refuse',
      extendMinutes: [15, 30],
    });
    expect(config.release).toEqual({ enabled: false, afterMinutes: 10 });
    expect(config.policy.checkIn.required).toBe(false);
    expect(resolveConfig({}, null).booking.subject).toBe('Walk-up booking');
  });

  it('turning release on asks for check-ins, unless the file says otherwise', () => {
    expect(resolveConfig({ policy: { release: { enabled: true } } }, null).policy.checkIn.required).toBe(true);
    expect(resolveConfig({ policy: { release: { enabled: true }, checkIn: { required: false } } }, null).policy.checkIn.required).toBe(false);
  });

  it('names a bad booking key with a good example', () => {
    const err = errorOf(() => parseConfig({ booking: { durations: [15, 2] } }, 'config.json'));
    expect(err.message).toContain('booking.durations');
    expect(err.message).toContain('"durations": [15, 30, 60]');
    expect(errorOf(() => parseConfig({ booking: { offlineBooking: 'maybe' } }, 'config.json')).message).toContain('"offlineBooking": "refuse"');
  });
});

describe('hardware keys', () => {
  it('default to simulated LEDs, an LCD, no buttons and no motion sensor', () => {
    const hw = resolveConfig({}, null).hardware;
    expect(hw.leds).toEqual({ driver: 'simulated', pins: null, hours: null });
    expect(hw.buttons.pins).toEqual([]);
    expect(hw.occupancy).toBeNull();
    expect(hw.panel.type).toBe('lcd');
  });

  it('reads LED pins and hours, buttons and the PIR with its timings', () => {
    const hw = resolveConfig(
      parseConfig(
        {
          leds: { driver: 'gpio', red: 16, green: 26, activeLow: true, hours: { from: '07:00', to: '19:00' } },
          buttons: { pins: [{ pin: 5, action: 'book-15' }], longPressSeconds: 4 },
          occupancy: { pin: 23, vacantAfterMinutes: 15 },
          panel: { type: 'waveshare-4in2-v2', fullRefreshEvery: 5 },
        },
        'c.json',
      ),
      null,
    ).hardware;
    expect(hw.leds).toEqual({ driver: 'gpio', pins: { red: 16, green: 26, activeLow: true }, hours: { from: '07:00', to: '19:00', days: [1, 2, 3, 4, 5] } });
    expect(hw.buttons).toEqual({ pins: [{ pin: 5, action: 'book-15' }], longPressMs: 4000 });
    expect(hw.occupancy).toEqual({ pin: 23, activeLow: false, warmUpMs: 60_000, holdMs: 30_000, vacantAfterMs: 15 * 60_000 });
    expect(hw.panel).toMatchObject({ type: 'waveshare-4in2-v2', spiDevice: '/dev/spidev0.0', pins: { rst: 17, dc: 25, busy: 24, pwr: null }, fullRefreshEvery: 5 });
  });

  it('refuses a pin used twice, naming both jobs, and GPIO LEDs without pins', () => {
    const err = errorOf(() =>
      parseConfig({ leds: { driver: 'gpio', red: 17, green: 27 }, buttons: { pins: [{ pin: 27, action: 'end' }] }, panel: { type: 'waveshare-7in5-v2', pins: { rst: 4 } }, occupancy: { pin: 25 } }, 'c.json'),
    );
    expect(err.message).toContain('GPIO 27 is already used by leds.green');
    expect(err.message).toContain('GPIO 25 is already used by occupancy');
    const missing = errorOf(() => parseConfig({ leds: { driver: 'gpio', red: 17 } }, 'c.json'));
    expect(missing.message).toMatch(/leds\.green.*is needed when "driver" is "gpio"/);
  });

  it('explains a pin off the header and a bad button action with examples', () => {
    const err = errorOf(() => parseConfig({ occupancy: { pin: 40 }, buttons: { pins: [{ pin: 5, action: 'explode' }] } }, 'c.json'));
    expect(err.message).toContain('"pin": 23');
    expect(err.message).toContain('one of book-15, book-30, check-in, end');
  });
});
