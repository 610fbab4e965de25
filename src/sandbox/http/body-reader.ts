/**
 * Reads a sandbox request body: raw chunks go to the request log, then through gunzip/inflate
 * when Content-Encoding asks, then to the handler (buffered or streamed) (docs §8.1).
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { RequestLog, LoggedRequest } from '../state/request-log';

/** ES's default `http.max_content_length` (100mb): buffered bodies above it get 413. */
export const MAX_BUFFERED_BODY = 100 * 1024 * 1024;

export function headerOne(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

export class TooLarge extends Error {}

export class BodyReader {
  private decoded: Readable | null = null;
  private started = false;

  constructor(private readonly req: IncomingMessage, private readonly entry: LoggedRequest) {}

  announcesContent(): boolean {
    const len = this.req.headers['content-length'];
    if (len !== undefined) return Number(len) > 0;
    return this.req.headers['transfer-encoding'] !== undefined;
  }

  private source(): Readable {
    if (this.decoded) return this.decoded;
    this.started = true;
    const tap = new PassThrough();
    this.req.on('data', (c: Buffer) => RequestLog.addChunk(this.entry, c));
    this.req.pipe(tap);
    const enc = (headerOne(this.req.headers['content-encoding']) ?? '').toLowerCase().trim();
    let out: Readable = tap;
    if (enc === 'gzip' || enc === 'x-gzip') out = tap.pipe(createGunzip());
    else if (enc === 'deflate') out = tap.pipe(createInflate());
    this.decoded = out;
    return out;
  }

  async readAll(cap: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const c of this.source()) {
      total += (c as Buffer).length;
      if (total > cap) throw new TooLarge();
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async *stream(): AsyncIterable<Buffer> {
    for await (const c of this.source()) yield c as Buffer;
  }

  /** Make sure the request is fully read so keep-alive connections stay usable. */
  drain(): void {
    if (!this.started) {
      this.req.on('data', (c: Buffer) => RequestLog.addChunk(this.entry, c));
      this.req.resume();
    } else if (this.decoded && !this.decoded.readableEnded) {
      this.decoded.resume();
    }
  }
}
