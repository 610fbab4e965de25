/** SNIFF_POLICY and PROXY_PUBLIC_URL in the configuration schema. */
import { ConfigError, loadConfig } from '../../src/config/load-config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('sniff settings', () => {
  it('default to rewriting, with the public address derived from the listen address', () => {
    const config = loadConfig({}, {});
    expect(config.SNIFF_POLICY).toBe('rewrite');
    expect(config.PROXY_PUBLIC_URL).toBeUndefined();
  });

  it('take each policy, and refuse any other', () => {
    for (const policy of ['rewrite', 'block', 'pass'] as const) expect(loadConfig({ SNIFF_POLICY: policy }, {}).SNIFF_POLICY).toBe(policy);
    expect(problems({ SNIFF_POLICY: 'drop' })).toEqual(['SNIFF_POLICY must be one of rewrite, block, pass']);
  });

  it('take an http(s) URL of scheme, host and port as PROXY_PUBLIC_URL', () => {
    for (const url of ['http://proxy.example.com:9201', 'https://proxy.example.com', 'http://[::1]:9201/', 'http://10.0.0.1:80']) {
      expect(loadConfig({ PROXY_PUBLIC_URL: url }, {}).PROXY_PUBLIC_URL).toBe(url);
    }
  });

  it('refuse a PROXY_PUBLIC_URL with a path, query, credentials or another scheme', () => {
    for (const url of ['proxy:9201', 'ftp://proxy:21', 'http://proxy:9201/es', 'http://proxy:9201?x', 'http://u:p@proxy:9201', 'http://']) {
      expect(problems({ PROXY_PUBLIC_URL: url })).toEqual([expect.stringMatching(/^PROXY_PUBLIC_URL /)]);
    }
  });
});
