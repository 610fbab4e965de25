/**
 * A guarded request whose body goes past the guard's limit gets its 413 with
 * `Connection: close`, the rest of its body is read and discarded, and the
 * connection is closed after the answer (docs §8.2), so a raw client sending
 * a large body neither hangs nor loses the answer to a reset.
 */
import * as net from 'node:net';
import { useStack } from '../support/use-stack';

const BODY_BYTES = 24 * 1024 * 1024;

interface RawUpload {
  received: string;
  /** All body bytes were accepted by the proxy (no reset, no stall). */
  uploaded: boolean;
  /** The proxy half-closed (FIN) after its answer. */
  proxyEnded: boolean;
  closed: boolean;
}

/** Sends a request head announcing BODY_BYTES, then writes the body with backpressure; bounded by timeoutMs. */
function rawUpload(url: string, head: string, timeoutMs: number): Promise<RawUpload> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    // allowHalfOpen: keep sending after the proxy's FIN, as a client that never reads before it is done.
    const socket = net.connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    const result: RawUpload = { received: '', uploaded: false, proxyEnded: false, closed: false };
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => (result.received += chunk.toString('latin1')));
    socket.on('end', () => (result.proxyEnded = true));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      result.closed = true;
      resolve(result);
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let left = BODY_BYTES;
    const pump = (): void => {
      while (left > 0) {
        left -= chunk.length;
        const last = left <= 0;
        const more = socket.write(chunk, (err) => {
          if (last && !err) {
            result.uploaded = true;
            socket.end();
          }
        });
        if (!more) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.write(head, pump);
  });
}

describe('an oversized guarded body', () => {
  const stack = useStack();

  it('gets 413 with Connection: close, and the connection closes after it without a reset', async () => {
    const head =
      'PUT /_ml/trained_models/m/model_aliases/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${BODY_BYTES}\r\n\r\n`;
    const started = Date.now();
    const result = await rawUpload(stack.proxyUrl, head, 10_000);
    const [statusLine, ...lines] = result.received.split('\r\n\r\n')[0].split('\r\n');
    expect(statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(lines.map((l) => l.toLowerCase())).toContain('connection: close');
    expect(result.received).toContain('model_alias_guard_request_too_large_exception');
    expect(result.uploaded).toBe(true);
    expect(result.proxyEnded).toBe(true);
    expect(result.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 15_000);

  it('the proxy still serves afterwards', async () => {
    const answer = await fetch(`${stack.proxyUrl}/`, { headers: stack.auth });
    expect(answer.status).toBe(200);
  });
});
