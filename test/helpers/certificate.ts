import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** Certificate and key in one PEM file, as calendar.certificateFile accepts it. */
  readonly combinedFile: string;
  readonly certPem: string;
}

/** A throwaway self-signed certificate from the system openssl, valid for `days` days. */
export function makeCertificate(days: number): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-cert-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', String(days), '-subj', '/CN=lintel-test'], { stdio: 'ignore' });
  const combinedFile = join(dir, 'combined.pem');
  const certPem = readFileSync(certFile, 'utf8');
  execFileSync('sh', ['-c', `cat "${certFile}" "${keyFile}" > "${combinedFile}"`]);
  return { dir, certFile, keyFile, combinedFile, certPem };
}
