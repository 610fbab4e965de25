/**
 * TLS to the cluster pinned by the SHA-256 fingerprint of its CA, the way
 * the official clients' `caFingerprint` works (@elastic/transport,
 * UndiciConnection): the chain is not checked against a trust store (the CA
 * is usually self-signed), but the root of the chain the server presents
 * must have exactly this fingerprint, or the connection is dropped before
 * any byte is sent.
 */
import type { TLSSocket, PeerCertificate, DetailedPeerCertificate } from 'node:tls';
import { buildConnector } from 'undici';

export function normalizeFingerprint(value: string): string {
  return value.toLowerCase().replace(/:/g, '');
}

/** The last certificate of the chain: the root CA (self-issued, possibly a circular reference). */
export function rootOfChain(socket: TLSSocket): PeerCertificate | null {
  let certificate: DetailedPeerCertificate | null = socket.getPeerCertificate(true);
  while (certificate && Object.keys(certificate).length > 0) {
    const issuer: DetailedPeerCertificate | undefined = certificate.issuerCertificate;
    if (!issuer) return null;
    if (issuer.fingerprint256 === certificate.fingerprint256) return certificate;
    certificate = issuer;
  }
  return null;
}

export function caFingerprintConnector(fingerprint: string, base: buildConnector.BuildOptions = {}): buildConnector.connector {
  const expected = normalizeFingerprint(fingerprint);
  const connect = buildConnector({ ...base, rejectUnauthorized: false });
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      if (options.protocol !== 'https:') return callback(null, socket);
      const tlsSocket = socket as TLSSocket;
      const root = rootOfChain(tlsSocket);
      // A resumed session shows no certificate; its chain was checked when it was made.
      if (root === null && tlsSocket.isSessionReused()) return callback(null, socket);
      if (root === null || normalizeFingerprint(root.fingerprint256) !== expected) {
        socket.destroy();
        return callback(new Error('the cluster certificate CA fingerprint does not match ES_CA_FINGERPRINT'), null);
      }
      return callback(null, socket);
    });
  };
}
