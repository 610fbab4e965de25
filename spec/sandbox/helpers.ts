/**
 * Sandbox-only test helpers: the control API and a per-file sandbox. Models, aliases, deployments
 * and pipelines are built with spec/support/fixtures.ts (raw HTTP is spec/support/http-client.ts).
 */
import { Sandbox, SandboxOptions, startSandbox } from '../../src/sandbox';
import { raw, type HttpAnswer } from '../support/http-client';

export async function control(base: string, method: string, path: string, body?: object): Promise<HttpAnswer> {
  const r = await raw(base, method, `/_sandbox${path}`, body === undefined ? {} : { body });
  if (r.status >= 300) throw new Error(`control ${method} ${path} failed: ${r.status} ${r.text}`);
  return r;
}

/** Starts a sandbox and registers its closing; returns a getter. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sb: Sandbox | undefined;
  beforeAll(async () => {
    sb = await startSandbox(options);
  });
  afterAll(async () => {
    await sb?.close();
  });
  beforeEach(async () => {
    if (sb) await control(sb.url, 'POST', '/reset');
  });
  return () => {
    if (!sb) throw new Error('sandbox not started');
    return sb;
  };
}
