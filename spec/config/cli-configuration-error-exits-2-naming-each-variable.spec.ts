/**
 * A bad configuration stops the built proxy and the built sandbox with one
 * message naming every variable at fault, exit status 2, no stack trace, and
 * never the password of a URL that carries one.
 */
import { describeBuilt, PROXY_ENTRY, runCli, SANDBOX_ENTRY, STACK_FRAME } from './support/run-cli';

// Each case starts a node process; on a loaded machine that alone can take seconds.
jest.setTimeout(60_000);

describeBuilt('configuration errors at start', () => {
  it('ES_URL with credentials is named, with the other problems, without echoing the password', async () => {
    const run = await runCli(PROXY_ENTRY, { ES_URL: 'http://elastic:s3cr3t-pw@127.0.0.1:9', SANDBOX_PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/ES_URL must not carry credentials/);
    expect(run.stderr).toMatch(/SANDBOX_PORT must be integer/);
    expect(run.stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toMatch(/TypeError/);
    expect(run.stderr).not.toContain('s3cr3t-pw');
    expect(run.stdout).toBe('');
  });

  it('ES_URL with a path is named (the raw target would be forwarded without it)', async () => {
    const run = await runCli(PROXY_ENTRY, { ES_URL: 'http://127.0.0.1:9/es' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/ES_URL must have no path \(found \[\/es\]\)/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('two listeners on one port are named before anything listens', async () => {
    const run = await runCli(PROXY_ENTRY, { PROXY_PORT: '9555', ADMIN_PORT: '9555', SANDBOX_PORT: '0' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/PROXY_PORT and ADMIN_PORT are both 9555/);
  });

  it('the sandbox on its own reads its settings through the schema: SANDBOX_PORT=abc is named, not NaN', async () => {
    const run = await runCli(SANDBOX_ENTRY, { SANDBOX_PORT: 'abc', SANDBOX_LICENSE: 'gold', SANDBOX_ES_VERSION: 'latest' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/SANDBOX_PORT must be integer/);
    expect(run.stderr).toMatch(/SANDBOX_LICENSE must be one of trial, basic/);
    expect(run.stderr).toMatch(/SANDBOX_ES_VERSION must be a version such as 8.15.0/);
    expect(run.stderr).not.toMatch(/NaN/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
