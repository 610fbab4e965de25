import { loadConfig, ConfigError } from '../../src/config/load-config';

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({
      PROXY_HOST: '127.0.0.1',
      PROXY_PORT: 9201,
      ADMIN_PORT: 9202,
      LOG_LEVEL: 'info',
      UPSTREAM_TIMEOUT_MS: 0,
      SANDBOX_ES_VERSION: '8.15.0',
    });
    expect(config.ES_URL).toBeUndefined();
  });

  it('coerces numbers and freezes the result', () => {
    const config = loadConfig({ PROXY_PORT: '9300', ES_URL: 'https://es.example.com:9243' }, {});
    expect(config.PROXY_PORT).toBe(9300);
    expect(config.ES_URL).toBe('https://es.example.com:9243');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lets the environment win over the .env file, and treats empty values as unset', () => {
    const config = loadConfig({ PROXY_PORT: '9400', ES_URL: '' }, { PROXY_PORT: '9500', ES_URL: 'http://from-dotenv:9200' });
    expect(config.PROXY_PORT).toBe(9400);
    expect(config.ES_URL).toBe('http://from-dotenv:9200');
  });

  it('names every problem in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PROXY_PORT: 'abc', LOG_LEVEL: 'loud', ES_URL: 'ftp://x', ADMIN_PORT: '70000' }, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PROXY_PORT/);
    expect(problems).toMatch(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(problems).toMatch(/ES_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(problems).toMatch(/ADMIN_PORT/);
    expect((caught as ConfigError).problems).toHaveLength(4);
  });

  it('ignores variables the schema does not name', () => {
    const config = loadConfig({ HOME: '/root', SECRET_TOKEN: 'x' }, {});
    expect(config).not.toHaveProperty('SECRET_TOKEN');
  });
});

describe('loadConfig: the proxy own credentials', () => {
  it('accepts an API key, or a user name with a password', () => {
    expect(loadConfig({ ES_API_KEY: 'aWQ6a2V5' }, {}).ES_API_KEY).toBe('aWQ6a2V5');
    expect(loadConfig({ ES_USERNAME: 'guard', ES_PASSWORD: 'pw' }, {})).toMatchObject({ ES_USERNAME: 'guard', ES_PASSWORD: 'pw' });
  });

  it('refuses a user name without a password, and both kinds at once', () => {
    expect(() => loadConfig({ ES_USERNAME: 'guard' }, {})).toThrow(/ES_USERNAME needs ES_PASSWORD too/);
    expect(() => loadConfig({ ES_API_KEY: 'k', ES_USERNAME: 'guard', ES_PASSWORD: 'pw' }, {})).toThrow(/either ES_API_KEY or ES_USERNAME\/ES_PASSWORD, not both/);
  });
});
