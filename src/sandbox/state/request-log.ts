/**
 * What reached the sandbox, so proxy tests can assert it byte for byte.
 * Raw body bytes are kept as received (before any gunzip), capped per request.
 */
export const BODY_CAPTURE_CAP = 1024 * 1024;
export const MAX_LOG_ENTRIES = 2000;

export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  /** Raw request target exactly as received. */
  url: string;
  httpVersion: string;
  /** Lower-cased header map (joined as node joins them). */
  headers: Record<string, string | string[] | undefined>;
  /** Raw header name/value pairs in arrival order. */
  rawHeaders: string[];
  /** Bytes on the wire (after chunked decoding, before gunzip). */
  bodyLength: number;
  /** The first BODY_CAPTURE_CAP raw body bytes. */
  body: Buffer;
  bodyTruncated: boolean;
  /** Status the sandbox answered (null: dropped or not yet answered). */
  status: number | null;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  start(e: Omit<LoggedRequest, 'seq' | 'time' | 'bodyLength' | 'body' | 'bodyTruncated' | 'status'>): LoggedRequest {
    const entry: LoggedRequest = { ...e, seq: ++this.seq, time: new Date().toISOString(), bodyLength: 0, body: Buffer.alloc(0), bodyTruncated: false, status: null };
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.shift();
    return entry;
  }

  static addChunk(entry: LoggedRequest, chunk: Buffer): void {
    entry.bodyLength += chunk.length;
    const room = BODY_CAPTURE_CAP - entry.body.length;
    if (room <= 0) {
      entry.bodyTruncated = true;
      return;
    }
    if (chunk.length > room) entry.bodyTruncated = true;
    entry.body = Buffer.concat([entry.body, chunk.subarray(0, room)]);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  toJson(e: LoggedRequest): Record<string, unknown> {
    return {
      seq: e.seq,
      time: e.time,
      method: e.method,
      url: e.url,
      http_version: e.httpVersion,
      headers: e.headers,
      raw_headers: e.rawHeaders,
      body_length: e.bodyLength,
      body_base64: e.body.toString('base64'),
      body_text: e.body.toString('utf8'),
      body_truncated: e.bodyTruncated,
      status: e.status,
    };
  }
}
