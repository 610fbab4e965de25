/**
 * A throwaway CA and a server certificate for 127.0.0.1/localhost, made with
 * the machine's openssl in a temporary folder, for TLS tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OPENSSL = '/usr/bin/openssl';
export const haveOpenssl = existsSync(OPENSSL);

export interface TlsFixtures {
  dir: string;
  caCertPath: string;
  caCert: string;
  /** `AB:CD:…` as Elasticsearch prints it. */
  caFingerprint: string;
  serverCertPath: string;
  serverKeyPath: string;
  serverCert: string;
  /** The server certificate followed by the CA, as Elasticsearch's auto-configured HTTP layer presents it. */
  serverChain: string;
  serverKey: string;
  cleanup(): void;
}

function openssl(dir: string, args: string[]): string {
  return execFileSync(OPENSSL, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

export function makeTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'mag-tls-'));
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=mag-test-ca']);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  const fingerprintLine = openssl(dir, ['x509', '-in', 'ca.pem', '-noout', '-fingerprint', '-sha256']);
  const caFingerprint = fingerprintLine.trim().split('=')[1]!;
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    dir,
    caCertPath: join(dir, 'ca.pem'),
    caCert: read('ca.pem'),
    caFingerprint,
    serverCertPath: join(dir, 'server.pem'),
    serverKeyPath: join(dir, 'server.key'),
    serverCert: read('server.pem'),
    serverChain: read('server.pem') + read('ca.pem'),
    serverKey: read('server.key'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
