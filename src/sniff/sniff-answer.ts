/**
 * The `replaceResponseBody` hook for node-info answers (`sniff-route.ts`):
 * collects the answer, rewrites the publish addresses
 * (`publish-address-rewrite.ts`) and sends the result.
 *
 * - Only a 200 with a JSON media type (`application/json`,
 *   `application/vnd.elasticsearch+json;compatible-with=N`, any `+json`) is
 *   looked at. Any other status, YAML/CBOR/SMILE (`?format=yaml`), an empty
 *   body: the cluster's bytes stream through as they come.
 * - Buffering: node-info answers are small (a few KiB per node), so this one
 *   answer is collected before it is sent. Past `maxBufferedBytes` (default
 *   16 MiB, counted as received, i.e. compressed) collecting stops: what was
 *   held is sent and the rest streams through untouched, and `onUntouched`
 *   says so (the client then sees the nodes' own addresses).
 * - Compression: a `gzip` (or `x-gzip`) or `deflate` answer is decompressed,
 *   rewritten and compressed again with the same coding, so the client gets
 *   the `Content-Encoding` it negotiated and every other header as the
 *   cluster sent it. (Asking the cluster for identity instead would change
 *   the request and the answer's headers.) An answer with nothing to rewrite
 *   is sent as the original compressed bytes. Another coding: untouched,
 *   `onUntouched`.
 * - Framing: a rewritten (or held and unchanged) answer goes out with its
 *   exact `Content-Length`, whatever its size: the length is set on the
 *   head the forwarder is about to write (`head.headers`, the object it
 *   writes) before the body is handed over in one piece, so the forwarder's
 *   own threshold for streaming a replacement chunked never applies to it.
 *   Only an answer past `maxBufferedBytes` (relayed as it streams) goes out
 *   chunked.
 * - Anything the scanner cannot read as JSON is sent untouched.
 */
import { Transform, type TransformCallback, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { ForwardOptions } from '../proxy/forwarder';
import { rewritePublishAddresses, type PublicAddress } from './publish-address-rewrite';
import { headerText, headerValue } from '../http/headers';

export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Elasticsearch's default `http.compression_level`. */
const COMPRESSION_LEVEL = 3;

export type UntouchedReason = 'too_large' | 'unsupported_encoding' | 'undecodable' | 'not_json';

export interface SniffAnswerOptions {
  /** Read per answer, so it can be known only once the proxy listens. */
  publicAddress: () => PublicAddress;
  maxBufferedBytes?: number;
  /** One answer had `rewritten` publish addresses replaced. */
  onRewritten?: (rewritten: number) => void;
  /** A 200 JSON node-info answer went out with the nodes' own addresses. */
  onUntouched?: (reason: UntouchedReason, detail: string) => void;
}

type ReplaceResponseBody = NonNullable<ForwardOptions['replaceResponseBody']>;
type Coding = 'identity' | 'gzip' | 'deflate';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);

export function sniffAnswerRewriter(options: SniffAnswerOptions): ReplaceResponseBody {
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  return (upstreamBody, head) => {
    if (head.statusCode !== 200 || !isJson(headerText(headerValue(head.headers, 'content-type')))) return upstreamBody;
    const encoding = headerText(headerValue(head.headers, 'content-encoding'));
    const coding = codingOf(encoding);
    if (coding === null) {
      options.onUntouched?.('unsupported_encoding', `content-encoding ${encoding ?? ''}`);
      return upstreamBody;
    }
    const rewriting = new RewritingBuffer(coding, maxBufferedBytes, options, head.headers);
    // pipeline: an upstream failure destroys the rewriter too, so the
    // forwarder (listening for its 'error') cuts the client connection.
    return pipeline(upstreamBody, rewriting, () => undefined);
  };
}

class RewritingBuffer extends Transform {
  private chunks: Buffer[] = [];
  private held = 0;
  private passing = false;

  constructor(
    private readonly coding: Coding,
    private readonly maxBufferedBytes: number,
    private readonly options: SniffAnswerOptions,
    /** The head the forwarder writes once the body starts flowing. */
    private readonly head: Record<string, string | string[]>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.passing) {
      done(null, chunk);
      return;
    }
    this.chunks.push(chunk);
    this.held += chunk.length;
    if (this.held > this.maxBufferedBytes) {
      this.passing = true;
      for (const held of this.chunks) this.push(held);
      this.chunks = [];
      this.options.onUntouched?.('too_large', `node-info answer larger than ${this.maxBufferedBytes} bytes`);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.passing) {
      done();
      return;
    }
    const original = Buffer.concat(this.chunks);
    this.chunks = [];
    this.rewrite(original).then(
      (body) => this.sendWhole(body, done),
      (err: Error) => {
        this.options.onUntouched?.('undecodable', `${this.coding} body could not be decoded: ${err.message}`);
        this.sendWhole(original, done);
      },
    );
  }

  /** The whole body, framed by its exact length (RFC 9110 §8.6), as the cluster framed its own. */
  private sendWhole(body: Buffer, done: TransformCallback): void {
    this.head['content-length'] = String(body.length);
    done(null, body);
  }

  private async rewrite(original: Buffer): Promise<Buffer> {
    if (original.length === 0) return original;
    const plain = await this.decode(original);
    const result = rewritePublishAddresses(plain, this.options.publicAddress());
    if (result === null) {
      this.options.onUntouched?.('not_json', 'the answer is not a JSON document');
      return original;
    }
    if (result.rewritten === 0) return original;
    const encoded = await this.encode(result.body);
    this.options.onRewritten?.(result.rewritten);
    return encoded;
  }

  private decode(body: Buffer): Promise<Buffer> {
    const limits = { maxOutputLength: Math.max(this.maxBufferedBytes, 1) };
    if (this.coding === 'gzip') return gunzip(body, limits);
    if (this.coding === 'deflate') return inflate(body, limits);
    return Promise.resolve(body);
  }

  private encode(body: Buffer): Promise<Buffer> {
    if (this.coding === 'gzip') return gzip(body, { level: COMPRESSION_LEVEL });
    if (this.coding === 'deflate') return deflate(body, { level: COMPRESSION_LEVEL });
    return Promise.resolve(body);
  }
}

/** `application/json`, `application/vnd.elasticsearch+json;compatible-with=8`, any `…/…+json`. */
export function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase();
  const slash = essence.indexOf('/');
  if (slash <= 0) return false;
  const subtype = essence.substring(slash + 1);
  return subtype === 'json' || subtype.endsWith('+json');
}

function codingOf(contentEncoding: string | undefined): Coding | null {
  const coding = (contentEncoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return 'identity';
  if (coding === 'gzip' || coding === 'x-gzip') return 'gzip';
  if (coding === 'deflate') return 'deflate';
  return null;
}
