import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import {
  parseProvisioning,
  planForDevice,
  planFromFlags,
  readProvisioningFile,
  thisDevice,
  type DeviceIdentity,
  type PairFlags,
  type PairingPlan,
  type Provisioning,
} from '../../src/setup/provisioning.js';

const FILE = 'fleet.json';
const TENANT = '8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21';
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'Zq8~s3cr3t.VALUE_do-not-print';

const DEFAULTS = {
  tenant: TENANT,
  clientId: CLIENT_ID,
  auth: 'app-secret',
  clientSecretFile: '/etc/lintel/secret',
  adminPin: '482913',
};

function fleet(devices: unknown[], defaults: Record<string, unknown> = DEFAULTS): unknown {
  return { defaults, devices };
}

const device = (hostname: string, ...macs: string[]): DeviceIdentity => ({ hostname, macs });

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const problems = (raw: unknown): string => errorOf(() => parseProvisioning(raw, FILE));

function plan(raw: unknown, identity: DeviceIdentity): PairingPlan {
  return planForDevice(parseProvisioning(raw, FILE), identity, FILE);
}

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lintel-provisioning-')), 'fleet.json');
  writeFileSync(file, content);
  return file;
}

describe('picking this device from a fleet file', () => {
  const raw = fleet([
    { hostname: 'lintel-aurora', room: 'aurora@contoso.com', name: 'Aurora' },
    { mac: 'DC-A6-32-01-02-03', room: 'borealis@contoso.com' },
    { hostname: 'lintel-cirrus', room: 'cirrus@contoso.com' },
  ]);

  it('matches by hostname, ignoring case and a .local or domain suffix, and fills in the defaults', () => {
    const expected: PairingPlan = {
      tenant: TENANT,
      clientId: CLIENT_ID,
      auth: 'app-secret',
      clientSecret: null,
      clientSecretFile: '/etc/lintel/secret',
      certificateFile: null,
      roomEmail: 'aurora@contoso.com',
      roomName: 'Aurora',
      adminPin: '482913',
      cloud: null,
      endpoints: null,
    };
    expect(plan(raw, device('lintel-aurora'))).toEqual(expected);
    expect(plan(raw, device('Lintel-Aurora.local'))).toEqual(expected);
    expect(plan(raw, device('lintel-aurora.contoso.local'))).toEqual(expected);
  });

  it('matches an entry written with a domain to the bare hostname', () => {
    const p = plan(fleet([{ hostname: 'lintel-aurora.contoso.local', room: 'aurora@contoso.com' }]), device('lintel-aurora'));
    expect(p.roomEmail).toBe('aurora@contoso.com');
  });

  it('matches by any of the device MACs, ignoring case and - or : separators', () => {
    expect(plan(raw, device('raspberrypi', 'e4:5f:01:aa:bb:cc', 'dc:a6:32:01:02:03')).roomEmail).toBe('borealis@contoso.com');
    expect(plan(raw, device('raspberrypi', 'DC:A6:32:01:02:03')).roomEmail).toBe('borealis@contoso.com');
    expect(plan(raw, device('raspberrypi', 'dc-a6-32-01-02-03')).roomEmail).toBe('borealis@contoso.com');
  });

  it('lets a device entry override any default', () => {
    const p = plan(
      fleet(
        [
          {
            mac: 'dc:a6:32:01:02:03',
            room: 'borealis@contoso.com',
            adminPin: '111222',
            tenant: 'fabrikam.onmicrosoft.com',
            auth: 'app-certificate',
            certificateFile: '/etc/lintel/borealis.pem',
            cloud: 'usgov',
            endpoints: { graph: 'http://127.0.0.1:8421' },
          },
        ],
        { ...DEFAULTS, cloud: 'global', endpoints: { authority: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' } },
      ),
      device('x', 'dc:a6:32:01:02:03'),
    );
    expect(p).toMatchObject({
      adminPin: '111222',
      tenant: 'fabrikam.onmicrosoft.com',
      clientId: CLIENT_ID,
      auth: 'app-certificate',
      certificateFile: '/etc/lintel/borealis.pem',
      cloud: 'usgov',
      roomName: null,
    });
    // The defaults' secret file belongs to another sign-in mode: it is not carried over.
    expect(p.clientSecretFile).toBeNull();
    // Endpoints merge key by key: the entry's graph, the defaults' authority.
    expect(p.endpoints).toEqual({ authority: 'https://login.microsoftonline.us', graph: 'http://127.0.0.1:8421' });
  });

  it("replaces the defaults' secret file with an entry's inline secret instead of calling it a conflict", () => {
    const p = plan(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', clientSecret: SECRET }]), device('lintel-aurora'));
    expect(p.clientSecret).toBe(SECRET);
    expect(p.clientSecretFile).toBeNull();
  });

  it('says which hostname and MACs it looked for, and how many entries the file has, when none matches', () => {
    const message = errorOf(() => plan(raw, device('lintel-auroa.local', 'e4:5f:01:aa:bb:cc', 'B8-27-EB-00-00-01')));
    expect(message).toContain(FILE);
    expect(message).toContain('hostname "lintel-auroa.local" (compared as "lintel-auroa")');
    expect(message).toContain('MAC e4:5f:01:aa:bb:cc, b8:27:eb:00:00:01');
    expect(message).toContain("file's 3 entries (2 by hostname, 1 by MAC)");
    // A near miss is pointed out.
    expect(message).toContain('The closest is devices[0] (hostname "lintel-aurora"');
  });

  it('says so when the device has no MAC at all', () => {
    expect(errorOf(() => plan(raw, device('lintel-zephyr')))).toContain('no MAC address');
  });

  it('refuses to guess when the hostname and a MAC match different entries', () => {
    const message = errorOf(() => plan(raw, device('lintel-aurora', 'dc:a6:32:01:02:03')));
    expect(message).toContain('matches more than one entry');
    expect(message).toContain('devices[0]');
    expect(message).toContain('devices[1]');
  });

  it('names the missing key and the entry when the merged entry lacks something', () => {
    const defaults = { tenant: TENANT, clientId: CLIENT_ID, auth: 'app-secret' };
    const message = errorOf(() => plan(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com' }], defaults), device('lintel-aurora')));
    const lines = message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('devices[0] (hostname "lintel-aurora", room "aurora@contoso.com") has no "adminPin"');
    expect(lines[0]).toContain('"adminPin": "482913"');
    expect(lines[1]).toContain('auth "app-secret" (from "defaults")');
    expect(lines[1]).toContain('"clientSecretFile" or "clientSecret"');
  });

  it('asks for a certificate file when an entry switches to app-certificate', () => {
    const message = errorOf(() => plan(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', auth: 'app-certificate' }]), device('lintel-aurora')));
    expect(message).toContain('auth "app-certificate" (from this entry)');
    expect(message).toContain('"certificateFile"');
  });

  it('needs no credential file for delegated sign-in', () => {
    const p = plan(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', auth: 'delegated' }]), device('lintel-aurora'));
    expect(p).toMatchObject({ auth: 'delegated', clientSecret: null, clientSecretFile: null, certificateFile: null });
  });
});

describe('checking a fleet file', () => {
  it('names both entries of a duplicate hostname, MAC or room by index', () => {
    const entries: unknown[] = Array.from({ length: 18 }, (_, i) => ({ hostname: `lintel-${i}`, room: `room${i}@contoso.com` }));
    entries[17] = { hostname: 'LINTEL-3.local', room: 'room17@contoso.com' };
    entries[5] = { mac: 'dc:a6:32:01:02:03', room: 'room5@contoso.com' };
    entries[9] = { mac: 'DC-A6-32-01-02-03', room: 'ROOM5@contoso.com' };
    const lines = problems(fleet(entries)).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringContaining('devices[3] and devices[17] both have hostname "lintel-3"'));
    expect(lines).toContainEqual(expect.stringContaining('devices[5] and devices[9] both have mac "dc:a6:32:01:02:03"'));
    expect(lines).toContainEqual(expect.stringContaining('devices[5] and devices[9] both have room "ROOM5@contoso.com"'));
  });

  it('needs a room in every entry', () => {
    const message = problems(fleet([{ hostname: 'lintel-aurora' }]));
    expect(message).toBe(`${FILE}: devices[0] has no "room": give the room mailbox's primary SMTP address. Example: "room": "aurora@contoso.com"`);
  });

  it('checks that the room is an email address and shows the bad value', () => {
    expect(problems(fleet([{ hostname: 'lintel-aurora', room: 'Aurora' }]))).toContain('devices[0].room "Aurora" is not an email address');
  });

  it('needs exactly one of hostname and mac', () => {
    expect(problems(fleet([{ hostname: 'lintel-aurora', mac: 'dc:a6:32:01:02:03', room: 'aurora@contoso.com' }]))).toContain(
      'devices[0] has both "hostname" and "mac": give exactly one',
    );
    expect(problems(fleet([{ room: 'aurora@contoso.com' }]))).toContain('devices[0] has neither "hostname" nor "mac"');
  });

  it('rejects malformed MACs and hostnames', () => {
    const message = problems(
      fleet([
        { mac: 'dc:a6:32:01:02', room: 'a@contoso.com' },
        { mac: '00-00-00-00-00-00', room: 'b@contoso.com' },
        { hostname: 'lintel_aurora', room: 'c@contoso.com' },
        { hostname: '10.0.0.5', room: 'd@contoso.com' },
      ]),
    );
    expect(message).toContain('devices[0].mac "dc:a6:32:01:02" is not a MAC address');
    expect(message).toContain('devices[1].mac "00-00-00-00-00-00" is all zeros');
    expect(message).toContain('devices[2].hostname "lintel_aurora" is not a hostname');
    expect(message).toContain('devices[3].hostname "10.0.0.5" is an IP address');
  });

  it('suggests the key an unknown one was probably meant to be', () => {
    const message = problems({
      defaults: { ...DEFAULTS, clientID: CLIENT_ID, pin: '482913', room: 'x@contoso.com' },
      devices: [{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', nmae: 'Aurora', endpoints: { grahp: 'https://graph.microsoft.com' } }],
      device: [],
    });
    expect(message).toContain('unknown key "clientID" in defaults. Did you mean "clientId"?');
    expect(message).toContain('unknown key "pin" in defaults. Did you mean "adminPin"?');
    expect(message).toContain('unknown key "nmae" in devices[0]. Did you mean "name"?');
    expect(message).toContain('unknown key "grahp" in devices[0].endpoints. Did you mean "graph"?');
    expect(message).toContain('unknown key "device" in the file. Did you mean "devices"?');
    expect(message).toContain('defaults.room does not belong in defaults');
  });

  it('lists the known keys without a guess when nothing is close', () => {
    const message = problems(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', floorplan: 'B2' }]));
    expect(message).toContain('unknown key "floorplan" in devices[0]. Known keys in devices[0]: hostname, mac, room, name, tenant');
    expect(message).not.toContain('Did you mean');
  });

  it.each([
    ['12', 'is not 4 to 8 digits'],
    ['123456789', 'is not 4 to 8 digits'],
    ['12ab', 'is not 4 to 8 digits'],
    ['0000', 'is too easy to guess'],
    ['77777777', 'is too easy to guess'],
  ])('rejects the admin PIN %s, without showing it', (pin, says) => {
    const message = problems(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', adminPin: pin }]));
    expect(message).toContain(`devices[0].adminPin (hidden) ${says}`);
    expect(message).not.toContain(`"${pin}"`);
  });

  it('asks for the PIN in quotes when it is a number (leading zeros would be lost)', () => {
    expect(problems(fleet([], { ...DEFAULTS, adminPin: 482913 }))).toContain('defaults.adminPin (hidden) is a number, not text: write the PIN in double quotes');
  });

  it('says a GUID-looking client secret is the Secret ID, not its Value', () => {
    const secretId = '0f1e2d3c-4b5a-4697-8877-665544332211';
    const message = problems(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', clientSecret: secretId }], { ...DEFAULTS, clientSecretFile: undefined }));
    expect(message).toContain('devices[0].clientSecret (hidden) looks like a GUID');
    expect(message).toContain('"Secret ID". Copy its "Value" instead');
    expect(message).not.toContain(secretId);
  });

  it('refuses both clientSecret and clientSecretFile at one level', () => {
    expect(problems(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com' }], { ...DEFAULTS, clientSecret: SECRET }))).toContain(
      'defaults has both "clientSecret" and "clientSecretFile"',
    );
  });

  it('checks tenant, client id, auth, cloud and endpoints in the defaults', () => {
    const lines = problems(
      fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com' }], {
        ...DEFAULTS,
        tenant: 'contoso',
        clientId: 'abc',
        auth: 'secret',
        cloud: 'azure',
        endpoints: { authority: 'http://login.example.com', graph: 'not a url' },
      }),
    ).split('\n');
    expect(lines).toEqual([
      expect.stringContaining('defaults.tenant "contoso" is not a tenant'),
      expect.stringContaining('defaults.clientId "abc" is not a GUID'),
      expect.stringContaining('defaults.auth "secret" is not a sign-in mode'),
      expect.stringContaining('defaults.cloud "azure" is not a Microsoft cloud'),
      expect.stringContaining('defaults.endpoints.authority "http://login.example.com" is plain http'),
      expect.stringContaining('defaults.endpoints.graph "not a url" is not a URL'),
    ]);
  });

  it('accepts http endpoints on loopback hosts (simulators)', () => {
    const p = parseProvisioning(
      fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com' }], { ...DEFAULTS, endpoints: { authority: 'http://localhost:8421', graph: 'http://[::1]:8421' } }),
      FILE,
    );
    expect(p.defaults.endpoints).toEqual({ authority: 'http://localhost:8421', graph: 'http://[::1]:8421' });
  });

  it('needs a non-empty devices list and an object at the top', () => {
    expect(problems({ defaults: DEFAULTS })).toContain('there is no "devices" list');
    expect(problems(fleet([]))).toContain('the "devices" list is empty');
    expect(problems([])).toContain('the file holds a list; it must be an object with "defaults" and "devices"');
  });

  it('never shows a secret, wherever it is in the file', () => {
    const raw = {
      defaults: { ...DEFAULTS, clientSecret: SECRET, clientSecretFile: undefined, secret: SECRET, clientSecert: SECRET, adminPin: SECRET },
      devices: [
        { hostname: 'lintel-aurora', room: 'aurora@contoso.com', clientSecret: 42, pin: SECRET },
        { hostname: 'lintel-aurora', room: 'aurora@contoso.com', clientSecret: SECRET, clientSecretFile: '/etc/lintel/secret' },
        { hostname: 'lintel-borealis', room: 'borealis@contoso.com', endpoints: { token: SECRET } },
      ],
      [SECRET.slice(0, 3)]: SECRET,
    };
    const message = problems(raw);
    expect(message.split('\n').length).toBeGreaterThan(6);
    expect(message).not.toContain(SECRET);

    // Nor when the merged entry is incomplete, nor when nothing matches.
    const p = parseProvisioning(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com', auth: 'app-certificate' }], { ...DEFAULTS, clientSecret: SECRET, clientSecretFile: undefined }), FILE);
    expect(errorOf(() => planForDevice(p, device('lintel-aurora'), FILE))).not.toContain(SECRET);
    expect(errorOf(() => planForDevice(p, device('elsewhere'), FILE))).not.toContain(SECRET);

    // Nor in a JSON syntax error next to it.
    const broken = fileWith(`{ "defaults": { "clientSecret": "${SECRET}\\q" }, "devices": [] }`);
    expect(errorOf(() => readProvisioningFile(broken))).not.toContain(SECRET);
    const unquoted = fileWith(`{ "defaults": { "clientSecret": ${SECRET} }, "devices": [] }`);
    expect(errorOf(() => readProvisioningFile(unquoted))).not.toContain(SECRET);
  });
});

describe('reading a fleet file', () => {
  it('reads a good file (with a byte-order mark) and plans from it', () => {
    const file = fileWith(`\uFEFF${JSON.stringify(fleet([{ hostname: 'lintel-aurora', room: 'aurora@contoso.com' }]))}`);
    const p: Provisioning = readProvisioningFile(file);
    expect(planForDevice(p, device('lintel-aurora'), file).roomEmail).toBe('aurora@contoso.com');
  });

  it('names the file in content errors', () => {
    const file = fileWith(JSON.stringify(fleet([{ hostname: 'lintel-aurora' }])));
    expect(errorOf(() => readProvisioningFile(file))).toContain(`${file}: devices[0] has no "room"`);
  });

  it('says when the file is empty', () => {
    expect(errorOf(() => readProvisioningFile(fileWith('  \n')))).toMatch(/fleet\.json is empty\. It needs \{ "defaults"/);
  });

  it('says when the file is missing', () => {
    expect(errorOf(() => readProvisioningFile('/nonexistent/fleet.json'))).toBe(
      'Provisioning file /nonexistent/fleet.json does not exist. Check the path given to lintel pair.',
    );
  });

  it.each([
    ['{\n  "defaults": {},\n  "devices": [1,]\n}', 'line 3, column 16', 'trailing comma'],
    ['{\n  "defaults": {} // shared\n}', 'line 2, column 18', 'a comment, but JSON allows none'],
    ['{\n  "devices": [\n    { "room": aurora }\n  ]\n}', 'line 3, column 15', 'a word without double quotes where a value should be'],
    ['{\n  "defaults": {}\n  "devices": []\n}', 'line 3, column 3', 'another string where "," or "}" should be (a missing comma?)'],
    ['{ "devices": [', 'line 1, column 15', 'the file ends where a value should be; a } or ] may be missing'],
    ['{ "a": "C:\\lintel" }', 'line 1, column 11', 'a backslash starts no valid escape'],
  ])('gives the line and column of bad JSON: %j', (text, where, why) => {
    const message = errorOf(() => readProvisioningFile(fileWith(text)));
    expect(message).toContain(`is not valid JSON: at ${where}: `);
    expect(message).toContain(why);
  });
});

describe('single-device flags', () => {
  const good: PairFlags = {
    tenant: 'contoso.onmicrosoft.com',
    clientId: CLIENT_ID,
    auth: 'app-secret',
    secretFile: '/etc/lintel/secret',
    room: 'aurora@contoso.com',
    roomName: 'Aurora',
    pin: '482913',
  };

  it('makes the same plan as a file entry would', () => {
    expect(planFromFlags(good)).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      clientId: CLIENT_ID,
      auth: 'app-secret',
      clientSecret: null,
      clientSecretFile: '/etc/lintel/secret',
      certificateFile: null,
      roomEmail: 'aurora@contoso.com',
      roomName: 'Aurora',
      adminPin: '482913',
      cloud: null,
      endpoints: null,
    } satisfies PairingPlan);
  });

  it('takes the sign-in mode from the one credential flag when --auth is left out', () => {
    expect(planFromFlags({ ...good, auth: undefined }).auth).toBe('app-secret');
    const cert = planFromFlags({ ...good, auth: undefined, secretFile: undefined, certificateFile: '/etc/lintel/app.pem' });
    expect(cert).toMatchObject({ auth: 'app-certificate', certificateFile: '/etc/lintel/app.pem', clientSecretFile: null });
  });

  it('names the flag and shows a good value for each bad one', () => {
    const lines = errorOf(() => planFromFlags({ ...good, clientId: 'abc', tenant: 'contoso', room: 'aurora', pin: '1111' })).split('\n');
    expect(lines).toEqual([
      expect.stringContaining('--tenant "contoso" is not a tenant'),
      expect.stringMatching(/^--client-id "abc" is not a GUID: .* e\.g\. --client-id 11111111-2222-4333-8444-555555555555$/),
      expect.stringContaining('--room "aurora" is not an email address'),
      '--pin (hidden) is too easy to guess: all its digits are the same; choose a PIN anyone at the door would not try first, e.g. --pin 482913',
    ]);
  });

  it('asks for every missing flag at once', () => {
    const message = errorOf(() => planFromFlags({}));
    for (const flag of ['--tenant', '--client-id', '--room', '--pin', '--auth']) expect(message).toContain(`${flag} is needed`);
  });

  it('refuses credential flags that do not fit the sign-in mode', () => {
    expect(errorOf(() => planFromFlags({ ...good, secretFile: undefined }))).toContain('--auth app-secret needs --secret-file');
    expect(errorOf(() => planFromFlags({ ...good, auth: 'delegated' }))).toContain('--secret-file is only for --auth app-secret, not delegated');
    expect(errorOf(() => planFromFlags({ ...good, auth: undefined, certificateFile: '/etc/lintel/app.pem' }))).toContain('--auth is needed');
  });
});

describe('this device', () => {
  it('takes the hostname and the real, non-zero MACs, each once, in lower case', () => {
    const identity = thisDevice({
      hostname: () => 'lintel-aurora',
      networkInterfaces: () => ({
        lo: [{ mac: '00:00:00:00:00:00', internal: true }],
        eth0: [
          { mac: 'DC:A6:32:01:02:03', internal: false },
          { mac: 'dc:a6:32:01:02:03', internal: false },
        ],
        wlan0: [{ mac: 'dc:a6:32:01:02:04', internal: false }],
        tun0: [{ mac: '00:00:00:00:00:00', internal: false }],
        down: undefined,
      }),
    });
    expect(identity).toEqual({ hostname: 'lintel-aurora', macs: ['dc:a6:32:01:02:03', 'dc:a6:32:01:02:04'] });
  });

  it('asks this machine by default', () => {
    const identity = thisDevice();
    expect(identity.hostname.length).toBeGreaterThan(0);
    for (const mac of identity.macs) expect(mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(identity.macs).not.toContain('00:00:00:00:00:00');
  });
});
