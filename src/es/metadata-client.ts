/**
 * The guard's reads of cluster metadata, made with the official client
 * (`@elastic/elasticsearch`). Every read returns the cluster's raw answer,
 * whatever its status, so the guard can decide what it means (and relay a
 * 401/403 byte for byte); only a failure to get an answer at all throws.
 *
 * Reads are version-neutral so one proxy serves clusters from 7.13 to 9.x:
 * plain `application/json` (a 7.x cluster refuses `compatible-with=8`), and
 * no product check (7.13 sends no `X-elastic-product`, docs §5.6).
 */
import { Client, Transport, errors } from '@elastic/elasticsearch';
import type { TransportRequestOptionsWithMeta } from '@elastic/elasticsearch';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { Readable } from 'node:stream';
import { MetadataReadError } from '../errors';

type TransportOptions = ConstructorParameters<typeof Transport>[0];

class VersionNeutralTransport extends Transport {
  constructor(options: TransportOptions) {
    super({
      ...options,
      productCheck: undefined, // the transport reads `undefined` as "no product check"
      vendoredHeaders: { jsonContentType: 'application/json', ndjsonContentType: 'application/x-ndjson', accept: 'application/json' },
    });
  }
}

export interface RawAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Credentials and identity headers of the caller, sent with each read on the caller's behalf. */
export type CallerHeaders = Record<string, string>;

/** Metadata answers are small; anything larger than this is not an answer we trust. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** The kinds of read, a small fixed set (metric labels). */
export type ReadKind = 'trained_models' | 'trained_model_stats' | 'pipelines' | 'has_privileges' | 'root' | 'inference_endpoints' | 'authenticate';

export interface MetadataClientOptions {
  esUrl: string;
  timeoutMs: number;
  tls?: TlsConnectionOptions;
  /** Pin the cluster's CA by its SHA-256 fingerprint (the client's `caFingerprint`). */
  caFingerprint?: string;
  /** Told how each read went: answered below 500, or not (metrics). */
  onRead?: (kind: ReadKind, seconds: number, answered: boolean) => void;
}

export class MetadataClient {
  private readonly client: Client;
  private readonly timeoutMs: number;
  private readonly onRead: NonNullable<MetadataClientOptions['onRead']>;

  constructor(options: MetadataClientOptions) {
    this.timeoutMs = options.timeoutMs;
    this.onRead = options.onRead ?? (() => undefined);
    this.client = new Client({
      node: options.esUrl,
      Transport: VersionNeutralTransport,
      maxRetries: 0,
      compression: false,
      enableMetaHeader: false,
      // With a pinned fingerprint the chain is checked by fingerprint, not by a trust store (@elastic/transport).
      tls: options.caFingerprint ? { ...options.tls, rejectUnauthorized: false } : options.tls,
      caFingerprint: options.caFingerprint,
      requestTimeout: options.timeoutMs,
    });
  }

  /** `GET _ml/trained_models/<id>`: configs, with alias resolution (docs §1.3, docs §4.1). */
  trainedModels(label: string, id: string, caller: CallerHeaders, signal?: AbortSignal): Promise<RawAnswer> {
    return this.read('trained_models', label, (opts) => this.client.ml.getTrainedModels({ model_id: id }, opts), caller, signal);
  }

  /** `GET _ml/trained_models/<concrete id>/_stats`: one entry per deployment (docs §1.4); never call it with an alias (docs §4.3). */
  trainedModelStats(label: string, id: string, caller: CallerHeaders, signal?: AbortSignal): Promise<RawAnswer> {
    return this.read('trained_model_stats', label, (opts) => this.client.ml.getTrainedModelsStats({ model_id: id }, opts), caller, signal);
  }

  /** `GET _ingest/pipeline`: every stored pipeline (docs §4.4). */
  pipelines(label: string, caller: CallerHeaders, signal?: AbortSignal): Promise<RawAnswer> {
    return this.read('pipelines', label, (opts) => this.client.ingest.getPipeline({}, opts), caller, signal);
  }

  /**
   * `POST _security/user/_has_privileges` for cluster privileges, with the
   * given credentials: whether that caller holds them.
   */
  hasClusterPrivileges(label: string, privileges: string[], caller: CallerHeaders, signal?: AbortSignal): Promise<RawAnswer> {
    return this.read('has_privileges', label, (opts) => this.client.security.hasPrivileges({ cluster: privileges }, opts), caller, signal);
  }

  /**
   * `GET _security/_authenticate` with the caller's credentials: the cheapest
   * read that proves the cluster accepts them (no privilege needed, docs §8.4).
   */
  authenticate(label: string, caller: CallerHeaders, signal?: AbortSignal): Promise<RawAnswer> {
    return this.read('authenticate', label, (opts) => this.client.security.authenticate({}, opts), caller, signal);
  }

  /**
   * `GET <rawPath>` for an `_inference/…` path, sent with its segments as the
   * caller wrote them (docs §13.2): the endpoint read must be routed exactly as
   * the DELETE it guards, so the path is not decoded and re-encoded.
   */
  inferenceEndpoint(label: string, rawPath: string, caller: CallerHeaders): Promise<RawAnswer> {
    return this.read('inference_endpoints', label, (opts) => this.client.transport.request({ method: 'GET', path: rawPath }, opts), caller);
  }

  /** `GET /`: the cluster's name and version (docs §5.5 needs version and build hash for `Warning`). */
  root(label: string, caller: CallerHeaders): Promise<RawAnswer> {
    return this.read('root', label, (opts) => this.client.info({}, opts), caller);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async read(
    kind: ReadKind,
    label: string,
    call: (opts: TransportRequestOptionsWithMeta) => Promise<{ statusCode?: number | null; headers?: Record<string, unknown> | null; body: unknown }>,
    caller: CallerHeaders = {},
    /** Aborts the read early, for example when the guarded request's client went away. */
    signal?: AbortSignal,
  ): Promise<RawAnswer> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    // METADATA_TIMEOUT_MS bounds the whole read, headers and body, not only
    // the gaps between bytes: an answer trickling in cannot hold a decision
    // (and the same-alias lock) for longer than that.
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const whole = signal ? AbortSignal.any([deadline, signal]) : deadline;
    const failure = (error: unknown) => (deadline.aborted ? 'timed out' : signal?.aborted ? 'aborted: the client went away' : describeTransportFailure(error));
    let result;
    let body: Buffer;
    try {
      result = await call({ meta: true, asStream: true, headers: caller, maxRetries: 0, requestTimeout: this.timeoutMs, signal: whole });
    } catch (error) {
      this.onRead(kind, seconds(), false);
      throw new MetadataReadError(label, failure(error));
    }
    try {
      body = await readAll(result.body as Readable, MAX_ANSWER_BYTES, whole);
    } catch (error) {
      this.onRead(kind, seconds(), false);
      throw new MetadataReadError(label, whole.aborted ? failure(error) : `answer could not be read: ${(error as Error).message}`);
    }
    this.onRead(kind, seconds(), (result.statusCode ?? 0) > 0 && (result.statusCode ?? 0) < 500);
    return {
      statusCode: result.statusCode ?? 0,
      headers: (result.headers ?? {}) as Record<string, string | string[]>,
      body,
    };
  }
}

function describeTransportFailure(error: unknown): string {
  if (error instanceof errors.TimeoutError) return 'timed out';
  if (error instanceof errors.ConnectionError) return `connection failed (${error.message})`;
  if (error instanceof errors.RequestAbortedError) return 'aborted';
  return (error as Error)?.message ?? String(error);
}

async function readAll(stream: Readable, limit: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stop = () => stream.destroy(new Error('read aborted'));
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        stream.destroy();
        throw new Error(`answer larger than ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
