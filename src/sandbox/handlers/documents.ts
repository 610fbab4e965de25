/**
 * Just enough of a document store for passthrough tests (docs §11): indices and mappings,
 * single documents, NDJSON _bulk (streamed line by line, sources dropped past a budget),
 * _search with match_all (and simple term/match on a field), _msearch, scroll, _count, _refresh.
 * One module per responsibility under ./documents/.
 */
import type { RouteSpec } from './types';
import { bulk } from './documents/bulk';
import { docRoutes } from './documents/docs';
import { indexRoutes } from './documents/indices';
import { mappingRoutes } from './documents/mappings';
import { msearch } from './documents/msearch';
import { clearScroll, count, scroll, search } from './documents/search';

export const documentRoutes: RouteSpec[] = [...indexRoutes, ...mappingRoutes, ...docRoutes, bulk, search, msearch, scroll, clearScroll, count];
