/**
 * `GET /_mapping`, `GET /{index}/_mapping`, `PUT|POST /{index}/_mapping` (docs §11): the
 * mappings an index was created with, and updates that add fields. elasticdump reads and writes
 * them. A PUT merges `properties` (and other top-level mapping keys) into the stored mappings;
 * changing the type of an existing field is refused as Elasticsearch does
 * (`mapper [f] cannot be changed from type [a] to [b]`).
 */
import { EsError } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { resolveIndices } from './common';

const GET_PARAMS = ['local', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'master_timeout', 'include_type_name'];
const PUT_PARAMS = ['timeout', 'master_timeout', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'write_index_only', 'include_type_name'];

function mergeProperties(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [field, def] of Object.entries(update)) {
    const old = current[field] as Record<string, unknown> | undefined;
    const next = def as Record<string, unknown>;
    if (old && old.type !== undefined && next.type !== undefined && old.type !== next.type) {
      throw new EsError(400, 'illegal_argument_exception', `mapper [${field}] cannot be changed from type [${String(old.type)}] to [${String(next.type)}]`);
    }
    if (old && old.properties && next.properties) {
      out[field] = { ...old, ...next, properties: mergeProperties(old.properties as Record<string, unknown>, next.properties as Record<string, unknown>) };
    } else {
      out[field] = old ? { ...old, ...next } : next;
    }
  }
  return out;
}

export const mappingRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: ['/_mapping', '/{index}/_mapping'],
    handler: {
      name: 'get_mapping_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index');
        for (const p of GET_PARAMS) req.params.get(p);
        return {
          action: 'indices:admin/mappings/get',
          run() {
            const out: Record<string, unknown> = {};
            for (const i of resolveIndices(ctx.state, expr).sort((a, b) => (a.name < b.name ? -1 : 1))) out[i.name] = { mappings: i.mappings };
            return { body: out };
          },
        };
      },
    },
  },
  {
    method: ['PUT', 'POST'],
    path: '/{index}/_mapping',
    handler: {
      name: 'put_mapping_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index')!;
        for (const p of PUT_PARAMS) req.params.get(p);
        if (!req.hasContent) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: mapping source is missing;');
        const body = req.json();
        return {
          action: 'indices:admin/mapping/put',
          run() {
            for (const i of resolveIndices(ctx.state, expr)) {
              const { properties, ...rest } = body;
              const merged: Record<string, unknown> = { ...i.mappings, ...rest };
              if (properties !== undefined) merged.properties = mergeProperties((i.mappings.properties as Record<string, unknown> | undefined) ?? {}, properties as Record<string, unknown>);
              i.mappings = merged;
            }
            return { body: { acknowledged: true } };
          },
        };
      },
    },
  },
];
