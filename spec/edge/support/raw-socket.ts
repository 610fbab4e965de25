/**
 * One request written byte for byte on a fresh socket, for targets Node's
 * HTTP clients would normalise or refuse (dot segments, `#`, absolute form).
 * The answer is read until the server closes (the request asks it to).
 */
import * as net from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header lines as received, names as sent. */
  headerLines: string[];
  body: Buffer;
}

export function sendRaw(port: number, method: string, target: string, headers: string[] = [], body = ''): Promise<RawAnswer> {
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, 'Connection: close'];
  if (body !== '') head.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const lines = all.subarray(0, split).toString('latin1').split('\r\n');
      resolve({ status: Number(lines[0]!.split(' ')[1]), headerLines: lines.slice(1), body: all.subarray(split + 4) });
    });
  });
}
