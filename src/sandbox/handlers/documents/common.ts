/**
 * What the document routes share: index names and lookup, stored documents, write parameters,
 * bounded body reads (docs §11).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EsError, illegalArgument } from '../../rest/errors';
import { IndexData, SOURCE_BUDGET_BYTES, StoredDoc } from '../../state/documents';
import { wildcardMatch } from '../../state/resolve';
import { ClusterState } from '../../state/store';
import { RestRequest } from '../types';

export const SHARDS = { total: 2, successful: 1, failed: 0 };

export function indexNotFound(name: string): EsError {
  return new EsError(404, 'index_not_found_exception', `no such index [${name}]`, {
    metadata: { 'resource.type': 'index_or_alias', 'resource.id': name, index_uuid: '_na_', index: name },
  });
}

export function validateIndexName(name: string): void {
  const bad = (why: string): never => {
    throw new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`, { metadata: { index_uuid: '_na_', index: name } });
  };
  if (name !== name.toLowerCase()) bad('must be lowercase');
  if (/^[_\-+]/.test(name)) bad("must not start with '_', '-', or '+'");
  if (/[\\/*?"<>| ,#:]/.test(name)) bad('must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  if (name === '.' || name === '..') bad("must not be '.' or '..'");
}

export function createIndex(st: ClusterState, name: string, body: Record<string, unknown> = {}): IndexData {
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

export function ensureIndex(st: ClusterState, name: string): IndexData {
  return st.indices.get(name) ?? createIndex(st, name);
}

/** Resolves an index expression (comma list, wildcards, _all) to existing indices. */
export function resolveIndices(st: ClusterState, expr: string | undefined, ignoreMissing = false): IndexData[] {
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

export function storeDoc(st: ClusterState, idx: IndexData, id: string | undefined, source: unknown, sourceBytes: number): { doc: StoredDoc; created: boolean } {
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

export function writeResult(idx: IndexData, doc: StoredDoc, created: boolean): Record<string, unknown> {
  return { _index: idx.name, _id: doc._id, _version: doc._version, result: created ? 'created' : 'updated', _shards: SHARDS, _seq_no: doc._seq_no, _primary_term: 1 };
}

export const WRITE_PARAMS = ['refresh', 'routing', 'timeout', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'op_type', 'pipeline', 'wait_for_active_shards', 'require_alias', 'require_data_stream', '_source', '_source_includes', '_source_excludes', 'list_executed_pipelines', 'include_source_on_error'];

export function readWriteParams(req: RestRequest): { pipeline?: string; opType?: string } {
  const out: { pipeline?: string; opType?: string } = {};
  for (const p of WRITE_PARAMS) {
    const v = req.params.get(p);
    if (p === 'pipeline' && v !== undefined) out.pipeline = v;
    if (p === 'op_type' && v !== undefined) out.opType = v;
  }
  return out;
}

export function checkPipeline(st: ClusterState, pipeline: string | undefined): void {
  if (pipeline !== undefined && pipeline !== '_none' && !st.pipelines.has(pipeline)) {
    throw illegalArgument(`pipeline with id [${pipeline}] does not exist`);
  }
}

/** Reads a streamed body up to the budget; past it only bytes are counted. */
export async function readBounded(req: RestRequest): Promise<{ text: string | null; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const c of req.contentStream()) {
    bytes += c.length;
    if (bytes <= SOURCE_BUDGET_BYTES) chunks.push(c);
    else chunks.length = 0;
  }
  return { text: bytes <= SOURCE_BUDGET_BYTES ? Buffer.concat(chunks).toString('utf8') : null, bytes };
}

export function parseSource(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new EsError(400, 'document_parsing_exception', `[1:1] failed to parse: ${(e as Error).message}`);
  }
}
