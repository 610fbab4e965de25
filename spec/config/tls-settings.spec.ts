import { loadTlsSettings } from '../../src/config/tls-settings';
import { ConfigError, loadConfig } from '../../src/config/load-config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('loadTlsSettings', () => {
  it('reads the named PEM files', () => {
    const files: Record<string, string> = { '/ca.pem': PEM, '/cert.pem': PEM, '/key.pem': PEM.replace(/CERTIFICATE/g, 'PRIVATE KEY') };
    const tls = loadTlsSettings({ ES_CA_CERT: '/ca.pem', PROXY_TLS_CERT: '/cert.pem', PROXY_TLS_KEY: '/key.pem' }, (p) => files[p]!);
    expect(tls.upstream.ca).toBe(PEM);
    expect(tls.listener).toEqual({ cert: PEM, key: files['/key.pem'] });
  });

  it('names every file that cannot be read or is not PEM, in one error', () => {
    const read = (path: string) => {
      if (path === '/missing.pem') throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return 'not a pem';
    };
    let caught: unknown;
    try {
      loadTlsSettings({ ES_CA_CERT: '/missing.pem', PROXY_TLS_CERT: '/cert.pem', PROXY_TLS_KEY: '/key.pem' }, read);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'ES_CA_CERT [/missing.pem] cannot be read: ENOENT',
      'PROXY_TLS_CERT [/cert.pem] is not a PEM file',
      'PROXY_TLS_KEY [/key.pem] is not a PEM file',
    ]);
  });

  it('needs nothing when TLS is not configured', () => {
    expect(loadTlsSettings({}, () => { throw new Error('must not read'); })).toEqual({ upstream: { ca: undefined, caFingerprint: undefined }, listener: undefined });
  });
});

describe('TLS configuration values', () => {
  it('accepts a fingerprint with or without colons and refuses anything else', () => {
    const colons = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(loadConfig({ ES_CA_FINGERPRINT: colons }, {}).ES_CA_FINGERPRINT).toBe(colons);
    expect(loadConfig({ ES_CA_FINGERPRINT: 'ab'.repeat(32) }, {}).ES_CA_FINGERPRINT).toBe('ab'.repeat(32));
    expect(() => loadConfig({ ES_CA_FINGERPRINT: 'AB:CD' }, {})).toThrow(/ES_CA_FINGERPRINT/);
  });

  it('wants the listener certificate and key together', () => {
    expect(() => loadConfig({ PROXY_TLS_CERT: '/c.pem' }, {})).toThrow(/PROXY_TLS_CERT needs PROXY_TLS_KEY too/);
  });
});
