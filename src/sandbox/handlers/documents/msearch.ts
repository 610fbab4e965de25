/**
 * `GET|POST /_msearch` and `/{index}/_msearch` (docs §11): NDJSON pairs of a header line
 * (`index`, search options) and a body line; each runs as `_search` does and answers in
 * `responses` in order, a failed one as `{"error": ..., "status": N}` without failing the others.
 * Real tools send it (the JS client's `helpers.msearch`, elasticdump); without this route the
 * sandbox read `_msearch` as an index name. Shape from RestMultiSearchAction /
 * MultiSearchResponse (elastic/elasticsearch server/src/main/java/org/elasticsearch/action/search/
 * MultiSearchResponse.java: `took`, `responses[]` each with `status`).
 */
import { EsError, errorBody, illegalArgument, validationError } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { runSearch } from './search';

const MSEARCH_PARAMS = ['max_concurrent_searches', 'typed_keys', 'rest_total_hits_as_int', 'search_type', 'pre_filter_shard_size', 'max_concurrent_shard_requests', 'ccs_minimize_roundtrips', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards'];

function parseLine(line: string, n: number): Record<string, unknown> {
  if (line.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new EsError(400, 'x_content_parse_exception', `[${n}:1] Unexpected character in msearch line ${n}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new EsError(400, 'x_content_parse_exception', `[${n}:1] msearch line ${n} is not an object`);
  return v as Record<string, unknown>;
}

export const msearch: RouteSpec = {
  method: ['GET', 'POST'],
  path: ['/_msearch', '/{index}/_msearch'],
  handler: {
    name: 'msearch_action',
    prepare(req, ctx): PreparedAction {
      const pathIndex = req.params.get('index');
      const p: Record<string, string | undefined> = {};
      for (const k of MSEARCH_PARAMS) p[k] = req.params.get(k);
      const text = req.hasContent ? req.content().toString('utf8') : '';
      if (text.length > 0 && !text.endsWith('\n')) throw illegalArgument('The msearch request must be terminated by a newline [\n]');
      const lines = text.split('\n');
      lines.pop(); // after the final newline
      const items: Array<{ header: Record<string, unknown>; body: Record<string, unknown> }> = [];
      for (let i = 0; i < lines.length; i += 2) {
        const header = parseLine(lines[i]!, i + 1);
        const body = i + 1 < lines.length ? parseLine(lines[i + 1]!, i + 2) : {};
        items.push({ header, body });
      }
      return {
        action: 'indices:data/read/msearch',
        validate() {
          if (items.length === 0) throw validationError(['no requests added']);
        },
        run() {
          const start = Date.now();
          const responses = items.map(({ header, body }) => {
            const index = header.index === undefined ? pathIndex : Array.isArray(header.index) ? header.index.map(String).join(',') : String(header.index);
            const opts: Record<string, string | undefined> = { rest_total_hits_as_int: p.rest_total_hits_as_int };
            if (header.ignore_unavailable !== undefined) opts.ignore_unavailable = String(header.ignore_unavailable);
            try {
              return { ...runSearch(ctx.state, index, opts, body), status: 200 };
            } catch (e) {
              if (!(e instanceof EsError)) throw e;
              return { error: errorBody(e).error, status: e.status };
            }
          });
          return { body: { took: Date.now() - start, responses } };
        },
      };
    },
  },
};
