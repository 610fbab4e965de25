/**
 * NDJSON `_bulk`, streamed line by line; sources dropped past the store budget (docs §11).
 */
import { EsError, illegalArgument } from '../../rest/errors';
import { IndexData } from '../../state/documents';
import { PreparedAction, RouteSpec } from '../types';
import { SHARDS, ensureIndex, storeDoc, writeResult, readWriteParams, checkPipeline } from './common';

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

export const bulk: RouteSpec = {
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
