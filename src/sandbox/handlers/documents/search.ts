/**
 * `_search` (match_all, term/match on one field, ids), scroll, clear scroll, `_count` (docs §11).
 */
import { randomUUID } from 'node:crypto';
import { EsError } from '../../rest/errors';
import { StoredDoc } from '../../state/documents';
import { ClusterState } from '../../state/store';
import { PreparedAction, RouteSpec } from '../types';
import { resolveIndices } from './common';

// ------------------------------------------------------------------ _search / scroll / _count

const SEARCH_PARAMS = ['size', 'from', 'scroll', 'q', 'sort', '_source', '_source_includes', '_source_excludes', 'track_total_hits', 'rest_total_hits_as_int', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'typed_keys', 'search_type', 'request_cache', 'preference', 'routing', 'timeout', 'seq_no_primary_term', 'version', 'pre_filter_shard_size', 'batched_reduce_size', 'ccs_minimize_roundtrips', 'max_concurrent_shard_requests', 'allow_partial_search_results', 'explain', 'stored_fields', 'docvalue_fields', 'terminate_after', 'stats', 'track_scores', 'analyzer', 'default_operator', 'df', 'lenient', 'ignore_throttled', 'include_named_queries_score', 'force_synthetic_source'];

function matchesQuery(doc: StoredDoc, query: Record<string, unknown> | undefined): boolean {
  if (!query || 'match_all' in query) return true;
  const src = (doc._source ?? {}) as Record<string, unknown>;
  for (const kind of ['term', 'match']) {
    const q = query[kind] as Record<string, unknown> | undefined;
    if (q) {
      const [field, v] = Object.entries(q)[0] ?? [];
      if (field === undefined) return true;
      const want = v !== null && typeof v === 'object' ? (v as Record<string, unknown>).value ?? (v as Record<string, unknown>).query : v;
      return field === '_id' ? doc._id === String(want) : src[field] === want;
    }
  }
  if ('ids' in query) return ((query.ids as { values?: string[] }).values ?? []).includes(doc._id);
  throw new EsError(400, 'parsing_exception', `unknown query [${Object.keys(query)[0]}]`, { metadata: { line: 1, col: 1 } });
}

function hitsPage(hits: Array<{ index: string; doc: StoredDoc }>, from: number, size: number): unknown[] {
  return hits.slice(from, from + size).map((h) => ({ _index: h.index, _id: h.doc._id, _score: 1.0, _source: h.doc._source ?? {} }));
}

/** A boolean query flag as `rest_total_hits_as_int` reads it: set when `true` or present without a value. */
function flagSet(value: string | undefined): boolean {
  return value === 'true' || value === '';
}

function searchBody(total: number, page: unknown[], took: number, scrollId?: string, totalAsInt = false): Record<string, unknown> {
  return {
    ...(scrollId !== undefined ? { _scroll_id: scrollId } : {}),
    took,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: { total: totalAsInt ? total : { value: total, relation: 'eq' }, max_score: page.length > 0 ? 1.0 : null, hits: page },
  };
}

/** One search as `_search` runs it (also each item of `_msearch`). */
export function runSearch(st: ClusterState, expr: string | undefined, p: Record<string, string | undefined>, body: Record<string, unknown>): Record<string, unknown> {
  const start = Date.now();
  const indices = resolveIndices(st, expr, p.ignore_unavailable === 'true');
  const size = Number(body.size ?? p.size ?? 10);
  const from = Number(body.from ?? p.from ?? 0);
  const query = body.query as Record<string, unknown> | undefined;
  const hits: Array<{ index: string; doc: StoredDoc }> = [];
  for (const i of indices.sort((a, b) => (a.name < b.name ? -1 : 1))) for (const d of i.docs.values()) if (matchesQuery(d, query)) hits.push({ index: i.name, doc: d });
  const asInt = flagSet(p.rest_total_hits_as_int);
  if (p.scroll !== undefined) {
    const id = Buffer.from(`sandbox-scroll-${randomUUID()}`).toString('base64');
    st.scrolls.set(id, { index: indices.map((i) => i.name), hits, pos: size, size, total: hits.length });
    return searchBody(hits.length, hitsPage(hits, 0, size), Date.now() - start, id, asInt);
  }
  return searchBody(hits.length, hitsPage(hits, from, size), Date.now() - start, undefined, asInt);
}

export const search: RouteSpec = {
  method: ['GET', 'POST'],
  path: ['/_search', '/{index}/_search'],
  handler: {
    name: 'search_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('index');
      const p: Record<string, string | undefined> = {};
      for (const k of SEARCH_PARAMS) p[k] = req.params.get(k);
      const body = req.hasContent ? req.json() : {};
      return {
        action: 'indices:data/read/search',
        run() {
          return { body: runSearch(ctx.state, expr, p, body) };
        },
      };
    },
  },
};

export const scroll: RouteSpec = {
  method: ['GET', 'POST'],
  path: ['/_search/scroll', '/_search/scroll/{scroll_id}'],
  handler: {
    name: 'search_scroll_action',
    prepare(req, ctx): PreparedAction {
      const pathId = req.params.get('scroll_id');
      const qScroll = req.params.get('scroll');
      const asIntRaw = req.params.get('rest_total_hits_as_int');
      const body = req.hasContent ? req.json() : {};
      const id = (body.scroll_id as string | undefined) ?? pathId;
      return {
        action: 'indices:data/read/scroll',
        run() {
          if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: scrollId is missing;');
          const s = ctx.state.scrolls.get(id);
          if (!s) throw new EsError(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
          void qScroll;
          const page = hitsPage(s.hits, s.pos, s.size);
          s.pos += s.size;
          return { body: searchBody(s.total, page, 1, id, flagSet(asIntRaw)) };
        },
      };
    },
  },
};

export const clearScroll: RouteSpec = {
  method: 'DELETE',
  path: ['/_search/scroll', '/_search/scroll/{scroll_id}'],
  handler: {
    name: 'clear_scroll_action',
    prepare(req, ctx): PreparedAction {
      const pathId = req.params.get('scroll_id');
      const body = req.hasContent ? req.json() : {};
      return {
        action: 'indices:data/read/scroll/clear',
        run() {
          const raw = body.scroll_id ?? pathId ?? [];
          const ids = (Array.isArray(raw) ? raw : String(raw).split(',')).map(String);
          let freed = 0;
          for (const id of ids) {
            if (id === '_all') {
              freed += ctx.state.scrolls.size;
              ctx.state.scrolls.clear();
            } else if (ctx.state.scrolls.delete(id)) freed++;
          }
          return { status: freed > 0 || ids.length === 0 ? 200 : 404, body: { succeeded: true, num_freed: freed } };
        },
      };
    },
  },
};

export const count: RouteSpec = {
  method: ['GET', 'POST'],
  path: ['/_count', '/{index}/_count'],
  handler: {
    name: 'count_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('index');
      for (const k of ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'q', 'routing', 'preference', 'min_score', 'terminate_after', 'df', 'analyzer', 'default_operator', 'lenient', 'ignore_throttled']) req.params.get(k);
      const body = req.hasContent ? req.json() : {};
      return {
        action: 'indices:data/read/search',
        run() {
          let n = 0;
          for (const i of resolveIndices(ctx.state, expr)) for (const d of i.docs.values()) if (matchesQuery(d, body.query as Record<string, unknown> | undefined)) n++;
          return { body: { count: n, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } } };
        },
      };
    },
  },
};
