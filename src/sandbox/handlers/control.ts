/**
 * The sandbox's own control API under /_sandbox. Not Elasticsearch:
 * never logged, never faulted, never authenticated.
 *
 *   POST   /_sandbox/reset
 *   POST   /_sandbox/deployments/{deployment_id}/state  {"allocation":"starting"|"started"|"fully_allocated"} | {"stopping":true} | {"failed":true,"reason"?:string}
 *          | {"scaled_to":N} (N ≥ 0 current = target allocations, as adaptive allocations scale)
 *   POST   /_sandbox/faults    FaultSpec (see state/faults.ts)  → {"id":N}
 *   GET    /_sandbox/faults    DELETE /_sandbox/faults
 *   GET    /_sandbox/requests[?method=&path_prefix=]            DELETE /_sandbox/requests
 *   POST   /_sandbox/license   {"type":"basic"|"trial"}
 *   POST   /_sandbox/models/{model_id}  {"license_level":"basic"|"platinum"}
 *   POST   /_sandbox/aliases/{alias}    {"model_id":"m"} writes the raw alias map, even for a
 *          missing model (a dangling alias, docs §2 step 11 skip); DELETE removes the entry raw
 *   PUT    /_sandbox/security  {"users":[...],"apiKeys":[...],"roles":{...}}   DELETE /_sandbox/security
 *   GET    /_sandbox/state     (models, aliases, assignments, pipelines, audit)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setAllocation, AllocationState } from '../state/assignments';
import type { Faults, FaultSpec } from '../state/faults';
import type { RequestLog } from '../state/request-log';
import type { ClusterState } from '../state/store';
import type { SecurityConfig } from '../security/auth';
import type { NodeInfo } from './types';

export interface ControlTarget {
  state: ClusterState;
  faults: Faults;
  log: RequestLog;
  node: NodeInfo;
  reset(): void;
  setSecurity(cfg: SecurityConfig | null): void;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text.length === 0) return {};
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('body must be a JSON object');
  return v as Record<string, unknown>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const b = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(b.length));
  res.end(b);
}

export async function handleControl(t: ControlTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const u = new URL(req.url ?? '/', 'http://sandbox');
  const parts = u.pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  let body: Record<string, unknown>;
  try {
    body = await readJson(req);
  } catch (e) {
    return reply(res, 400, { error: `invalid JSON body: ${(e as Error).message}` });
  }
  const [, what, id, sub] = parts;
  try {
    if (what === 'reset' && method === 'POST') {
      t.reset();
      return reply(res, 200, { acknowledged: true });
    }
    if (what === 'deployments' && id !== undefined && sub === 'state' && method === 'POST') {
      const a = t.state.assignments?.get(id);
      if (!a) return reply(res, 404, { error: `no deployment [${id}]` });
      if (body.stopping === true) {
        // a stopping assignment has no allocation status (docs §1.4, docs §2 step 11c)
        a.assignment_state = 'stopping';
        for (const r of Object.values(a.routing_table)) r.routing_state = 'stopping';
      } else if (body.failed === true) {
        a.assignment_state = 'failed';
        a.reason = typeof body.reason === 'string' ? body.reason : 'sandbox: failed';
        for (const r of Object.values(a.routing_table)) {
          r.routing_state = 'failed';
          r.current_allocations = 0;
        }
      } else if (typeof body.allocation === 'string' && ['starting', 'started', 'fully_allocated'].includes(body.allocation)) {
        setAllocation(a, t.node.id, body.allocation as AllocationState);
      } else if (typeof body.scaled_to === 'number' && Number.isInteger(body.scaled_to) && body.scaled_to >= 0) {
        // what adaptive allocations do to an idle deployment (min 0): the route stays started
        // with that many allocations (0: nothing serves it, docs §10.3)
        const n = body.scaled_to;
        a.assignment_state = 'started';
        a.number_of_allocations = n;
        a.routing_table[t.node.id] = { current_allocations: n, target_allocations: n, routing_state: 'started' };
      } else {
        return reply(res, 400, { error: 'expected {"allocation":"starting"|"started"|"fully_allocated"} or {"stopping":true} or {"failed":true}' });
      }
      return reply(res, 200, { acknowledged: true, deployment_id: id, assignment_state: a.assignment_state, number_of_allocations: a.number_of_allocations });
    }
    if (what === 'faults') {
      if (method === 'POST') {
        const spec = body as FaultSpec;
        if (spec.status === undefined && !spec.drop && spec.delayMs === undefined && spec.malformed === undefined) {
          return reply(res, 400, { error: 'a fault needs status, drop, delayMs or malformed' });
        }
        const f = t.faults.add(spec);
        return reply(res, 200, { acknowledged: true, id: f.id });
      }
      if (method === 'GET') return reply(res, 200, { faults: t.faults.list() });
      if (method === 'DELETE') {
        t.faults.clear();
        return reply(res, 200, { acknowledged: true });
      }
    }
    if (what === 'requests') {
      if (method === 'GET') {
        const m = u.searchParams.get('method');
        const prefix = u.searchParams.get('path_prefix');
        const list = t.log
          .list()
          .filter((e) => (m === null || e.method === m.toUpperCase()) && (prefix === null || e.url.startsWith(prefix)))
          .map((e) => t.log.toJson(e));
        return reply(res, 200, { requests: list });
      }
      if (method === 'DELETE') {
        t.log.clear();
        return reply(res, 200, { acknowledged: true });
      }
    }
    if (what === 'license' && method === 'POST') {
      if (body.type !== 'basic' && body.type !== 'trial') return reply(res, 400, { error: 'type must be basic or trial' });
      t.state.license = body.type;
      return reply(res, 200, { acknowledged: true, type: body.type });
    }
    if (what === 'models' && id !== undefined && method === 'POST') {
      const m = t.state.models.get(id);
      if (!m) return reply(res, 404, { error: `no model [${id}]` });
      if (body.license_level === 'basic' || body.license_level === 'platinum') m.license_level = body.license_level;
      return reply(res, 200, { acknowledged: true, model_id: id, license_level: m.license_level });
    }
    if (what === 'aliases' && id !== undefined) {
      if (method === 'POST' || method === 'PUT') {
        if (typeof body.model_id !== 'string') return reply(res, 400, { error: 'expected {"model_id":"..."}' });
        t.state.aliasMap().set(id, body.model_id);
        return reply(res, 200, { acknowledged: true });
      }
      if (method === 'DELETE') {
        t.state.aliasMap().delete(id);
        return reply(res, 200, { acknowledged: true });
      }
    }
    if (what === 'security') {
      if (method === 'PUT' || method === 'POST') {
        t.setSecurity(body as SecurityConfig);
        return reply(res, 200, { acknowledged: true, enabled: true });
      }
      if (method === 'DELETE') {
        t.setSecurity(null);
        return reply(res, 200, { acknowledged: true, enabled: false });
      }
    }
    if (what === 'state' && method === 'GET') {
      const st = t.state;
      return reply(res, 200, {
        models: [...st.models.keys()].sort(),
        aliases: st.aliases ? Object.fromEntries(st.aliases) : null,
        assignments: st.assignments ? Object.fromEntries(st.assignments) : null,
        pipelines: st.pipelinesObject(),
        indices: Object.fromEntries([...st.indices.values()].map((i) => [i.name, { docs: i.docs.size, dropped_sources: i.droppedDocs }])),
        license: st.license,
        audit: st.audit,
      });
    }
    return reply(res, 404, { error: `unknown control endpoint [${method} ${u.pathname}]` });
  } catch (e) {
    return reply(res, 500, { error: (e as Error).message });
  }
}
