/**
 * Single documents: index, create, get, delete (docs §11).
 */
import { EsError } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { SHARDS, indexNotFound, ensureIndex, storeDoc, writeResult, readWriteParams, checkPipeline, readBounded, parseSource } from './common';

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

export const docRoutes: RouteSpec[] = [
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
