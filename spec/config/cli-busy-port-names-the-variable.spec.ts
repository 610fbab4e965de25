/**
 * A port already taken stops the built proxy (or sandbox) with a message
 * naming the variable that chose it, exit status 2, no Node stack. The likely
 * case, a local Elasticsearch on 9200 and `npm start` without ES_URL, also
 * says how to guard that cluster instead.
 */
import { describeBuilt, occupyPort, PROXY_ENTRY, runCli, SANDBOX_ENTRY, STACK_FRAME } from './support/run-cli';

// Each case starts a node process; on a loaded machine that alone can take seconds.
jest.setTimeout(60_000);

describeBuilt('a busy port at start', () => {
  let busy: Awaited<ReturnType<typeof occupyPort>>;
  beforeAll(async () => {
    busy = await occupyPort();
  });
  afterAll(async () => busy.close());

  it('SANDBOX_PORT (no ES_URL): named, with the hint to set ES_URL', async () => {
    const run = await runCli(PROXY_ENTRY, { SANDBOX_PORT: String(busy.port), PROXY_PORT: '0', ADMIN_PORT: '0' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`SANDBOX_PORT=${busy.port}: the port is already in use`);
    expect(run.stderr).toContain(`set ES_URL=http://127.0.0.1:${busy.port} to guard it instead`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('PROXY_PORT: named', async () => {
    const run = await runCli(PROXY_ENTRY, { ES_URL: 'http://127.0.0.1:9', PROXY_PORT: String(busy.port), ADMIN_PORT: '0', LOG_LEVEL: 'silent' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`PROXY_PORT=${busy.port}: the port is already in use`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('ADMIN_PORT: named', async () => {
    const run = await runCli(PROXY_ENTRY, { ES_URL: 'http://127.0.0.1:9', PROXY_PORT: '0', ADMIN_PORT: String(busy.port), LOG_LEVEL: 'silent' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`ADMIN_PORT=${busy.port}: the port is already in use`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('PROXY_HOST that is no local address: named', async () => {
    const run = await runCli(PROXY_ENTRY, { ES_URL: 'http://127.0.0.1:9', PROXY_HOST: '192.0.2.1', PROXY_PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'silent' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/PROXY_HOST=192\.0\.2\.1: no such local address/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('the sandbox on its own: SANDBOX_PORT named', async () => {
    const run = await runCli(SANDBOX_ENTRY, { SANDBOX_PORT: String(busy.port) });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`SANDBOX_PORT=${busy.port}: the port is already in use`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
