import { dirname, join, resolve } from 'node:path';
import { ensureDataDir } from '../app/data-dir.js';
import { openDatabase } from '../store/open-database.js';
import { Store } from '../store/store.js';
import { writePairing, type CredentialSource } from '../setup/pairing-store.js';
import { planForDevice, planFromFlags, readProvisioningFile, thisDevice, type PairingPlan } from '../setup/provisioning.js';
import type { Logger } from '../util/logger.js';
import type { PairArgs } from './args.js';

function credentialOf(plan: PairingPlan, base: string): CredentialSource {
  if (plan.clientSecret) return { kind: 'secret-value', value: plan.clientSecret };
  // Paths in a provisioning file are relative to the file (it may sit on a USB stick).
  if (plan.clientSecretFile) return { kind: 'secret-file', path: resolve(base, plan.clientSecretFile) };
  if (plan.certificateFile) return { kind: 'certificate-file', path: resolve(base, plan.certificateFile) };
  return { kind: 'none' };
}

export interface PairCommand {
  readonly args: PairArgs;
  readonly dataDir: string;
  readonly configPath: string;
  readonly logger: Logger;
  readonly out: { write(text: string): unknown };
}

/** `lintel pair`: writes the same pairing the setup page does, from flags or a fleet file. Throws ConfigError for bad input. */
export function pairFromCli(c: PairCommand): number {
  const { args } = c;
  const device = thisDevice();
  const plan = args.file ? planForDevice(readProvisioningFile(args.file), device, args.file) : planFromFlags(args.flags);
  const base = args.file ? dirname(resolve(args.file)) : process.cwd();
  ensureDataDir(c.dataDir);
  const now = Date.now();
  const record = writePairing({
    dataDir: c.dataDir,
    configPath: c.configPath,
    tenant: plan.tenant,
    clientId: plan.clientId,
    auth: plan.auth,
    cloud: plan.cloud,
    endpoints: plan.endpoints,
    credential: credentialOf(plan, base),
    tokenCacheFrom: null,
    room: { email: plan.roomEmail, name: plan.roomName },
    pin: plan.adminPin,
    by: plan.auth === 'delegated' ? 'lintel pair (booking account signs in at the door)' : 'lintel pair (app credentials)',
    now,
  });
  const store = new Store(openDatabase(join(c.dataDir, 'lintel.db'), c.logger, () => Date.now()));
  try {
    store.audit({ at: now, actor: record.by, action: 'paired', detail: { room: record.room.email, auth: record.auth, via: args.file ? `provisioning file (${device.hostname})` : 'lintel pair flags' } });
  } finally {
    store.close();
  }
  c.out.write(
    `Paired "${device.hostname}" to ${plan.roomName ?? plan.roomEmail} (${plan.roomEmail}), signing in with ${plan.auth}.\n` +
      `  config: ${c.configPath}\n` +
      (plan.auth === 'delegated' ? '  The door shows a sign-in code for the booking account on its next start.\n' : '') +
      '  Restart Lintel to show the room (sudo systemctl restart lintel). Checking the connection now:\n\n',
  );
  return 0;
}
