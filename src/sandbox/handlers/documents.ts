/**
 * Just enough of a document store for passthrough tests: indices,
 * single documents, NDJSON _bulk (streamed line by line, sources dropped past a budget),
 * _search with match_all (and simple term/match on a field), scroll, _count, _refresh.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EsError, illegalArgument } from '../rest/errors';
import { IndexData, SOURCE_BUDGET_BYTES, StoredDoc } from '../state/documents';
import { wildcardMatch } from '../state/resolve';
import { ClusterState } from '../state/store';
import { PreparedAction, RestRequest, RouteSpec } from './types';

const SHARDS = { total: 2, successful: 1, failed: 0 };

function indexNotFound(name: string): EsError {
  return new EsError(404, 'index_not_found_exception', `no such index [${name}]`, {
    metadata: { 'resource.type': 'index_or_alias', 'resource.id': name, index_uuid: '_na_', index: name },
  });
}

function validateIndexName(name: string): void {
  const bad = (why: string): never => {
    throw new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, { metadata: { index_uuid: '_na_', index: name } });
  };
  if (name !== name.toLowerCase()) bad('must be lowercase');
  if (/^[_\-+]/.test(name)) bad("must not start with '_', '-', or '+'");
  if (/[\\/*?"<>| ,#:]/.test(name)) bad('must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  if (name === '.' || name === '..') bad("must not be '.' or '..'");
}

function createIndex(st: ClusterState, name: string, body: Record<string, unknown> = {}): IndexData {
  validateIndexName(name);
  const idx: IndexData = {
    name,
    uuid: randomUUID().replace(/-/g, '').slice(0, 22),
    created: Date.now(),
    docs: new Map(),
    seqNo: -1,
    mappings: (body.mappings as Record<string, unknown>) ?? {},
    settings: (body.settings as Record<string, unknown>) ?? {},
    droppedDocs: 0,
  };
  st.indices.set(name, idx);
  return idx;
}

function ensureIndex(st: ClusterState, name: string): IndexData {
  return st.indices.get(name) ?? createIndex(st, name);
}

/** Resolves an index expression (comma list, wildcards, _all) to existing indices. */
function resolveIndices(st: ClusterState, expr: string | undefined, ignoreMissing = false): IndexData[] {
  if (expr === undefined || expr === '' || expr === '_all' || expr === '*') return [...st.indices.values()];
  const out = new Map<string, IndexData>();
  for (const tok of expr.split(',')) {
    if (tok.includes('*')) {
      for (const i of st.indices.values()) if (wildcardMatch(tok, i.name)) out.set(i.name, i);
    } else {
      const i = st.indices.get(tok);
      if (!i) {
        if (!ignoreMissing) throw indexNotFound(tok);
      } else out.set(tok, i);
    }
  }
  return [...out.values()];
}

function storeDoc(st: ClusterState, idx: IndexData, id: string | undefined, source: unknown, sourceBytes: number): { doc: StoredDoc; created: boolean } {
  const docId = id ?? randomBytes(15).toString('base64url').slice(0, 20);
  const prev = idx.docs.get(docId);
  let keep: unknown = source;
  if (st.sourceBytes + sourceBytes > SOURCE_BUDGET_BYTES) {
    keep = undefined; // past the budget: counted, not kept
    idx.droppedDocs += 1;
  } else st.sourceBytes += sourceBytes;
  const doc: StoredDoc = { _id: docId, _version: (prev?._version ?? 0) + 1, _seq_no: ++idx.seqNo, _source: keep };
  idx.docs.set(docId, doc);
  return { doc, created: !prev };
}

function writeResult(idx: IndexData, doc: StoredDoc, created: boolean): Record<string, unknown> {
  return { _index: idx.name, _id: doc._id, _version: doc._version, result: created ? 'created' : 'updated', _shards: SHARDS, _seq_no: doc._seq_no, _primary_term: 1 };
}

const WRITE_PARAMS = ['refresh', 'routing', 'timeout', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'op_type', 'pipeline', 'wait_for_active_shards', 'require_alias', 'require_data_stream', '_source', '_source_includes', '_source_excludes', 'list_executed_pipelines', 'include_source_on_error'];

function readWriteParams(req: RestRequest): { pipeline?: string; opType?: string } {
  const out: { pipeline?: string; opType?: string } = {};
  for (const p of WRITE_PARAMS) {
    const v = req.params.get(p);
    if (p === 'pipeline' && v !== undefined) out.pipeline = v;
    if (p === 'op_type' && v !== undefined) out.opType = v;
  }
  return out;
}

function checkPipeline(st: ClusterState, pipeline: string | undefined): void {
  if (pipeline !== undefined && pipeline !== '_none' && !st.pipelines.has(pipeline)) {
    throw illegalArgument(`pipeline with id [${pipeline}] does not exist`);
  }
}

/** Reads a streamed body up to the budget; past it only bytes are counted. */
async function readBounded(req: RestRequest): Promise<{ text: string | null; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const c of req.contentStream()) {
    bytes += c.length;
    if (bytes <= SOURCE_BUDGET_BYTES) chunks.push(c);
    else chunks.length = 0;
  }
  return { text: bytes <= SOURCE_BUDGET_BYTES ? Buffer.concat(chunks).toString('utf8') : null, bytes };
}

function parseSource(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new EsError(400, 'document_parsing_exception', `[1:1] failed to parse: ${(e as Error).message}`);
  }
}

// ------------------------------------------------------------------ index level

const indexRoutes: RouteSpec[] = [
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

// ------------------------------------------------------------------ documents

function indexDocHandler(withId: boolean): RouteSpec['handler'] {
  return {
    name: 'document_index_action',
    streamBody: true,
    prepare(req, ctx): PreparedAction {
      const index = req.params.get('index')!;
      const id = withId ? req.params.get('id') : undefined;
      const { pipeline, opType } = readWriteParams(req);
      if (!req.hasContent) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: source is missing;2: content type is missing;');
      const bodyP = readBounded(req);
      bodyP.catch(() => undefined); // read errors surface in run(); never unhandled
      return {
        action: 'indices:data/write/index',
        async run() {
          const { text, bytes } = await bodyP;
          const source = text === null ? undefined : parseSource(text);
          checkPipeline(ctx.state, pipeline);
          const idx = ensureIndex(ctx.state, index);
          if (opType === 'create' && id !== undefined && idx.docs.has(id)) {
            const d = idx.docs.get(id)!;
            throw new EsError(409, 'version_conflict_engine_exception', `[${id}]: version conflict, document already exists (current version [${d._version}])`, { metadata: { index_uuid: idx.uuid, shard: '0', index: idx.name } });
          }
          const { doc, created } = storeDoc(ctx.state, idx, id, source, bytes);
          return { status: created ? 201 : 200, body: writeResult(idx, doc, created) };
        },
      };
    },
  };
}

const docRoutes: RouteSpec[] = [
  { method: ['PUT', 'POST'], path: ['/{index}/_doc/{id}', '/{index}/_create/{id}'], handler: indexDocHandler(true) },
  { method: 'POST', path: '/{index}/_doc', handler: indexDocHandler(false) },
  {
    method: ['GET', 'HEAD'],
    path: '/{index}/_doc/{id}',
    handler: {
      name: 'document_get_action',
      prepare(req, ctx): PreparedAction {
        const index = req.params.get('index')!;
        const id = req.params.get('id')!;
        for (const p of ['refresh', 'routing', 'preference', 'realtime', 'stored_fields', '_source', '_source_includes', '_source_excludes', 'version', 'version_type']) req.params.get(p);
        return {
          action: 'indices:data/read/get',
          run() {
            const idx = ctx.state.indices.get(index);
            if (!idx) throw indexNotFound(index);
            const d = idx.docs.get(id);
            if (!d) return { status: 404, body: { _index: index, _id: id, found: false } };
            return { body: { _index: index, _id: id, _version: d._version, _seq_no: d._seq_no, _primary_term: 1, found: true, _source: d._source ?? {} } };
          },
        };
      },
    },
  },
  {
    method: 'DELETE',
    path: '/{index}/_doc/{id}',
    handler: {
      name: 'document_delete_action',
      prepare(req, ctx): PreparedAction {
        const index = req.params.get('index')!;
        const id = req.params.get('id')!;
        for (const p of ['refresh', 'routing', 'timeout', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'wait_for_active_shards']) req.params.get(p);
        return {
          action: 'indices:data/write/delete',
          run() {
            const idx = ctx.state.indices.get(index);
            if (!idx) throw indexNotFound(index);
            const d = idx.docs.get(id);
            if (!d) return { status: 404, body: { _index: index, _id: id, _version: 1, result: 'not_found', _shards: SHARDS, _seq_no: ++idx.seqNo, _primary_term: 1 } };
            idx.docs.delete(id);
            return { body: { _index: index, _id: id, _version: d._version + 1, result: 'deleted', _shards: SHARDS, _seq_no: ++idx.seqNo, _primary_term: 1 } };
          },
        };
      },
    },
  },
];

// ------------------------------------------------------------------ _bulk

async function* lines(chunks: AsyncIterable<Buffer>): AsyncIterable<string> {
  let rest = Buffer.alloc(0);
  for await (const c of chunks) {
    let buf = rest.length > 0 ? Buffer.concat([rest, c]) : c;
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      yield buf.subarray(0, nl).toString('utf8');
      buf = buf.subarray(nl + 1);
    }
    rest = Buffer.from(buf);
  }
  if (rest.length > 0) yield rest.toString('utf8');
}

const bulk: RouteSpec = {
  method: ['POST', 'PUT'],
  path: ['/_bulk', '/{index}/_bulk'],
  handler: {
    name: 'bulk_action',
    streamBody: true,
    prepare(req, ctx): PreparedAction {
      const defaultIndex = req.params.get('index');
      const { pipeline } = readWriteParams(req);
      for (const p of ['type', 'fields']) req.params.get(p);
      if (!req.hasContent) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
      const stream = req.contentStream();
      return {
        action: 'indices:data/write/bulk',
        async run() {
          checkPipeline(ctx.state, pipeline);
          const start = Date.now();
          const items: Array<Record<string, unknown>> = [];
          let errors = false;
          let pending: { op: string; index: string; id?: string } | null = null;
          let lineNo = 0;
          for await (const raw of lines(stream)) {
            lineNo++;
            const line = raw.trim();
            if (line.length === 0) continue;
            if (pending === null) {
              let action: Record<string, Record<string, unknown>>;
              try {
                action = JSON.parse(line) as Record<string, Record<string, unknown>>;
              } catch {
                throw illegalArgument(`Malformed action/metadata line [${lineNo}], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]`);
              }
              const op = Object.keys(action)[0];
              if (!op || !['index', 'create', 'update', 'delete'].includes(op)) throw illegalArgument(`Malformed action/metadata line [${lineNo}], expected field [create], [delete], [index] or [update] but found [${op}]`);
              const meta = action[op] ?? {};
              const index = (meta._index as string | undefined) ?? defaultIndex;
              if (index === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index is missing;');
              const id = meta._id === undefined ? undefined : String(meta._id);
              if (op === 'delete') {
                const idx = ctx.state.indices.get(index);
                const had = idx?.docs.delete(id ?? '') ?? false;
                items.push({ delete: { _index: index, _id: id, _version: 1, result: had ? 'deleted' : 'not_found', _shards: SHARDS, _seq_no: idx ? ++idx.seqNo : 0, _primary_term: 1, status: had ? 200 : 404 } });
              } else pending = { op, index, ...(id !== undefined ? { id } : {}) };
              continue;
            }
            const { op, index, id } = pending;
            pending = null;
            let source: unknown;
            try {
              source = JSON.parse(line);
            } catch (e) {
              errors = true;
              items.push({ [op]: { _index: index, _id: id ?? null, status: 400, error: { type: 'document_parsing_exception', reason: `[1:1] failed to parse: ${(e as Error).message}` } } });
              continue;
            }
            let idx: IndexData;
            try {
              idx = ensureIndex(ctx.state, index);
            } catch (e) {
              errors = true;
              const err = e as EsError;
              items.push({ [op]: { _index: index, _id: id ?? null, status: err.status, error: { type: err.type, reason: err.reason } } });
              continue;
            }
            if (op === 'create' && id !== undefined && idx.docs.has(id)) {
              errors = true;
              items.push({ create: { _index: index, _id: id, status: 409, error: { type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, document already exists (current version [${idx.docs.get(id)!._version}])`, index_uuid: idx.uuid, shard: '0', index } } });
              continue;
            }
            if (op === 'update') {
              const prev = id !== undefined ? idx.docs.get(id) : undefined;
              if (!prev) {
                errors = true;
                items.push({ update: { _index: index, _id: id ?? null, status: 404, error: { type: 'document_missing_exception', reason: `[${id}]: document missing`, index_uuid: idx.uuid, shard: '0', index } } });
                continue;
              }
              const doc = (source as { doc?: Record<string, unknown> }).doc ?? {};
              const merged = { ...((prev._source as Record<string, unknown>) ?? {}), ...doc };
              const { doc: d } = storeDoc(ctx.state, idx, id, merged, line.length);
              items.push({ update: { ...writeResult(idx, d, false), status: 200 } });
              continue;
            }
            const { doc, created } = storeDoc(ctx.state, idx, id, source, line.length);
            items.push({ [op]: { ...writeResult(idx, doc, created), status: created ? 201 : 200 } });
          }
          if (pending !== null) throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
          if (items.length === 0) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
          return { body: { errors, took: Date.now() - start, items } };
        },
      };
    },
  },
};

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

const search: RouteSpec = {
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
          const start = Date.now();
          const indices = resolveIndices(ctx.state, expr, p.ignore_unavailable === 'true');
          const size = Number(body.size ?? p.size ?? 10);
          const from = Number(body.from ?? p.from ?? 0);
          const query = body.query as Record<string, unknown> | undefined;
          const hits: Array<{ index: string; doc: StoredDoc }> = [];
          for (const i of indices.sort((a, b) => (a.name < b.name ? -1 : 1))) for (const d of i.docs.values()) if (matchesQuery(d, query)) hits.push({ index: i.name, doc: d });
          const asInt = flagSet(p.rest_total_hits_as_int);
          if (p.scroll !== undefined) {
            const id = Buffer.from(`sandbox-scroll-${randomUUID()}`).toString('base64');
            ctx.state.scrolls.set(id, { index: indices.map((i) => i.name), hits, pos: size, size, total: hits.length });
            return { body: searchBody(hits.length, hitsPage(hits, 0, size), Date.now() - start, id, asInt) };
          }
          return { body: searchBody(hits.length, hitsPage(hits, from, size), Date.now() - start, undefined, asInt) };
        },
      };
    },
  },
};

const scroll: RouteSpec = {
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

const clearScroll: RouteSpec = {
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

const count: RouteSpec = {
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

export const documentRoutes: RouteSpec[] = [...indexRoutes, ...docRoutes, bulk, search, scroll, clearScroll, count];
