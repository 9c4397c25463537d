import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { APP_CLIENT, basicScenario, eventually, graphConfigFile, simulatorStart, startGraphCore, type GraphTestCore } from '../helpers/graph-core.js';
import { makeCertificate, type TestCertificate } from '../helpers/certificate.js';
import { ManualClock } from '../helpers/manual-clock.js';

let sim: RunningSimulator | null = null;
let t: GraphTestCore | null = null;
const certs: TestCertificate[] = [];
afterEach(async () => {
  await t?.close();
  await sim?.close();
  for (const c of certs.splice(0)) rmSync(c.dir, { recursive: true, force: true });
  t = null;
  sim = null;
});

/** The app registration knows `uploaded` only and checks each assertion's signature with it; the device uses `used`. */
async function start(uploaded: TestCertificate, used: TestCertificate): Promise<GraphTestCore> {
  const clock = new ManualClock(Date.now());
  const scenario = await basicScenario();
  const clients = (scenario.clients ?? []).map((c) => (c.clientId === APP_CLIENT ? { clientId: c.clientId, kind: c.kind, certificatePem: uploaded.certPem } : c));
  sim = await simulatorStart({ ...scenario, clients }, clock);
  t = await startGraphCore({ file: graphConfigFile(sim, { auth: 'app-certificate', clientSecret: undefined, certificateFile: used.combinedFile }), clock });
  return t;
}

function certificate(days: number): TestCertificate {
  const c = makeCertificate(days);
  certs.push(c);
  return c;
}

describe('app sign-in with a certificate (real MSAL client assertion)', () => {
  it('syncs, and warns the admin on the door from 30 days before the certificate expires', async () => {
    const cert = certificate(20);
    const core = await start(cert, cert);
    await eventually(() => core.state().sync.online, 'the first sync');
    expect(core.state().agenda.length).toBeGreaterThan(0);
    const notice = core.state().notices.find((n) => n.code === 'certificate-expiry');
    expect(notice?.severity).toBe('warning');
    expect(notice?.message).toMatch(/certificate expires in (19|20) days/);
  });

  it('a certificate the app registration does not know: the admin is told to upload it', async () => {
    const core = await start(certificate(400), certificate(400));
    const notice = await eventually(() => core.state().notices[0], 'a notice');
    expect(notice.message).toMatch(/rejected the certificate: upload the certificate/);
    expect(core.state().notices.some((n) => n.code === 'certificate-expiry')).toBe(false);
  });
});
