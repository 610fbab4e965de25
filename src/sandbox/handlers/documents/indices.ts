/**
 * Index-level routes: create, exists, get, delete, _refresh (docs §11).
 */
import { EsError } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { SHARDS, createIndex, resolveIndices } from './common';

// ------------------------------------------------------------------ index level

export const indexRoutes: RouteSpec[] = [
  {
    method: 'PUT',
    path: '/{index}',
    handler: {
      name: 'create_index_action',
      prepare(req, ctx): PreparedAction {
        const name = req.params.get('index')!;
        for (const p of ['timeout', 'master_timeout', 'wait_for_active_shards', 'include_type_name']) req.params.get(p);
        const body = req.hasContent ? req.json() : {};
        return {
          action: 'indices:admin/create',
          run() {
            const existing = ctx.state.indices.get(name);
            if (existing) {
              throw new EsError(400, 'resource_already_exists_exception', `index [${name}/${existing.uuid}] already exists`, { metadata: { index_uuid: existing.uuid, index: name } });
            }
            createIndex(ctx.state, name, body);
            return { body: { acknowledged: true, shards_acknowledged: true, index: name } };
          },
        };
      },
    },
  },
  {
    method: 'HEAD',
    path: '/{index}',
    handler: {
      name: 'indices_exists_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index')!;
        for (const p of ['local', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'flat_settings', 'include_defaults']) req.params.get(p);
        return {
          action: 'indices:admin/get',
          run() {
            try {
              const found = resolveIndices(ctx.state, expr);
              return { status: found.length > 0 ? 200 : 404, raw: '' };
            } catch {
              return { status: 404, raw: '' };
            }
          },
        };
      },
    },
  },
  {
    method: 'GET',
    path: '/{index}',
    handler: {
      name: 'get_indices_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index')!;
        for (const p of ['local', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'flat_settings', 'include_defaults', 'master_timeout', 'features']) req.params.get(p);
        return {
          action: 'indices:admin/get',
          run() {
            const out: Record<string, unknown> = {};
            for (const i of resolveIndices(ctx.state, expr)) {
              out[i.name] = {
                aliases: {},
                mappings: i.mappings,
                settings: { index: { ...(i.settings.index as object | undefined), routing: { allocation: { include: { _tier_preference: 'data_content' } } }, number_of_shards: '1', provided_name: i.name, creation_date: String(i.created), number_of_replicas: '1', uuid: i.uuid, version: { created: '8500003' } } },
              };
            }
            return { body: out };
          },
        };
      },
    },
  },
  {
    method: 'DELETE',
    path: '/{index}',
    handler: {
      name: 'delete_index_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index')!;
        for (const p of ['timeout', 'master_timeout', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards']) req.params.get(p);
        return {
          action: 'indices:admin/delete',
          run() {
            for (const i of resolveIndices(ctx.state, expr)) {
              for (const d of i.docs.values()) ctx.state.sourceBytes -= d._source === undefined ? 0 : JSON.stringify(d._source).length;
              ctx.state.indices.delete(i.name);
            }
            if (ctx.state.sourceBytes < 0) ctx.state.sourceBytes = 0;
            return { body: { acknowledged: true } };
          },
        };
      },
    },
  },
  {
    method: ['GET', 'POST'],
    path: ['/_refresh', '/{index}/_refresh'],
    handler: {
      name: 'refresh_action',
      prepare(req, ctx): PreparedAction {
        const expr = req.params.get('index');
        for (const p of ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards']) req.params.get(p);
        return { action: 'indices:admin/refresh', run: () => (resolveIndices(ctx.state, expr), { body: { _shards: SHARDS } }) };
      },
    },
  },
];
