/**
 * The contract between the sandbox's dispatcher and its REST handlers, shaped like
 * ES's `BaseRestHandler`: `prepare` reads parameters and body (consuming them),
 * then the dispatcher checks leftovers (docs §5.3), validates, authorizes and runs.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RestParams } from '../rest/params';
import type { Method } from '../rest/router';
import type { XContent } from '../rest/media';
import type { ClusterState } from '../state/store';
import type { EsVersion, Features } from '../version';
import type { Principal } from '../security/auth';

export interface RestRequest {
  method: Method;
  /** Raw URI as received (path and query). */
  uri: string;
  rawPath: string;
  /** Whole path percent-decoded (`RestRequest.path()`), used in messages. */
  path: string;
  params: RestParams;
  headers: IncomingHttpHeaders;
  hasContent: boolean;
  xContent: XContent | null;
  /** The decoded body; marks it consumed. */
  content(): Buffer;
  /** The body parsed as one JSON object; marks it consumed. */
  json(): Record<string, unknown>;
  /** Streaming routes only: the decoded body in chunks; marks it consumed. */
  contentStream(): AsyncIterable<Buffer>;
}

export interface NodeInfo {
  id: string;
  name: string;
  host: string;
  port: number;
  ephemeralId: string;
  transportAddress: string;
}

export interface HandlerContext {
  state: ClusterState;
  version: EsVersion;
  features: Features;
  node: NodeInfo;
  allocationDelayMs: number;
  principal: Principal | null;
}

export interface Reply {
  status?: number;
  /** JSON body (rendered with pretty / filter_path), unless `raw` is given. */
  body?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string | string[]>;
  /** Texts for `Warning: 299 ...` headers (docs §5.5). */
  warnings?: string[];
}

export interface PreparedAction {
  /** Transport action name; checked against the principal's privileges. */
  action?: string;
  /**
   * Transport-level `validate()`, run before authorization (docs §2 steps 6, 7). Checked in
   * ES source (TransportAction.handleExecution): `request.validate()` runs before the
   * action filter chain, which is where security authorizes.
   */
  validate?(): void;
  run(): Promise<Reply> | Reply;
}

export interface RouteHandler {
  name: string;
  /** Parameters read when rendering (never "unrecognized", docs §5.3). */
  responseParams?: string[];
  /** The body is streamed, not buffered (bulk and document writes). */
  streamBody?: boolean;
  prepare(req: RestRequest, ctx: HandlerContext): PreparedAction;
}

export interface RouteSpec {
  method: Method | Method[];
  path: string | string[];
  handler: RouteHandler;
}
