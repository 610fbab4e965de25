/**
 * The sandbox's HTTP front: control API, request log, faults, then the Elasticsearch-like
 * dispatcher (docs §5). The dispatcher, reply rendering, fault answers and body reading live
 * in ./http/ (one module each).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HandlerContext, NodeInfo, RouteHandler, RouteSpec } from './handlers/types';
import { Router } from './rest/router';
import { ClusterState } from './state/store';
import { RequestLog } from './state/request-log';
import { Faults } from './state/faults';
import { Security, SecurityConfig, Principal } from './security/auth';
import { EsVersion, Features, features as featuresOf } from './version';
import { allRoutes } from './handlers/routes';
import { handleControl, ControlTarget } from './handlers/control';
import { BodyReader, MAX_BUFFERED_BODY } from './http/body-reader';
import { dispatch } from './http/dispatch';
import { applyFault } from './http/faults';

export { MAX_BUFFERED_BODY };

export interface ServerConfig {
  version: EsVersion;
  allocationDelayMs: number;
  security: SecurityConfig | null;
  license: 'basic' | 'trial';
  seed: ((s: SandboxCore) => void) | null;
}

export class SandboxCore implements ControlTarget {
  readonly features: Features;
  readonly state: ClusterState;
  readonly log = new RequestLog();
  readonly faults = new Faults();
  security: Security | null;
  readonly router = new Router<RouteHandler>();
  readonly node: NodeInfo;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(readonly config: ServerConfig, host: string) {
    this.features = featuresOf(config.version);
    this.state = new ClusterState(this.features.modelType);
    this.state.license = config.license;
    this.security = config.security ? new Security(config.security) : null;
    this.node = {
      id: 'sAnDbOxNoDe0000000000A',
      name: 'sandbox-node-0',
      host,
      port: 0,
      ephemeralId: randomBytes(11).toString('hex'),
      transportAddress: `${host}:9300`,
    };
    for (const r of allRoutes(this.features, () => this.security)) this.addRoute(r);
    if (config.seed) config.seed(this);
  }

  private addRoute(r: RouteSpec): void {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const paths = Array.isArray(r.path) ? r.path : [r.path];
    for (const m of methods) for (const p of paths) this.router.add(m, p, r.handler);
  }

  trackSocket(s: import('node:net').Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  destroySockets(): void {
    for (const s of this.sockets) s.destroy();
  }

  reset(): void {
    this.state.clear(this.features.modelType);
    this.state.license = this.config.license;
    this.faults.clear();
    this.log.clear();
    // security goes back to the start options (the control API may have changed it)
    this.security = this.config.security ? new Security(this.config.security) : null;
    if (this.config.seed) this.config.seed(this);
  }

  setSecurity(cfg: SecurityConfig | null): void {
    this.security = cfg ? new Security(cfg) : null;
  }

  handlerContext(principal: Principal | null): HandlerContext {
    return { state: this.state, version: this.config.version, features: this.features, node: this.node, allocationDelayMs: this.config.allocationDelayMs, principal };
  }

  // ------------------------------------------------------------------ entry

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url === '/_sandbox' || url.startsWith('/_sandbox/') || url.startsWith('/_sandbox?')) {
      await handleControl(this, req, res);
      return;
    }
    const entry = this.log.start({ method: req.method ?? 'GET', url, httpVersion: req.httpVersion, headers: { ...req.headers }, rawHeaders: [...req.rawHeaders] });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const fault = this.faults.take(req.method ?? 'GET', url);
    if (fault) {
      const handled = await applyFault(this, fault, req, res, entry);
      if (handled) return;
    }
    const body = new BodyReader(req, entry);
    try {
      await dispatch(this, req, res, url, body);
    } catch (e) {
      // last resort: never leave a request hanging
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', this.features.jsonContentType);
        res.end(JSON.stringify({ error: { root_cause: [{ type: 'exception', reason: String(e) }], type: 'exception', reason: String(e) }, status: 500 }));
      }
    } finally {
      body.drain();
    }
  }
}
