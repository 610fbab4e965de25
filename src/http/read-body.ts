/**
 * Reads a guarded request's body, which is small by nature (none for an
 * alias change, a few fields for a stop). Passthrough traffic never comes
 * here: it is streamed by the forwarder.
 */
import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  bytes: Buffer;
  /** False when the body went past the limit; `bytes` then holds only its start. */
  complete: boolean;
}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (complete: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve({ bytes: Buffer.concat(chunks), complete });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > limitBytes) {
        // Stop reading; node discards the rest once the answer is sent.
        req.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    const onError = (error: Error) => reject(error);
    const onClose = () => {
      if (!req.complete) reject(new Error('client closed the request before its body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
