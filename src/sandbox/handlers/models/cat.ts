/**
 * GET _cat/ml/trained_models[/{model_id}] (docs §11.6): one row per model, the models GET's
 * page joined with `_stats` (RestCatTrainedModelsAction.java @79ec6581; trained_model_cat_apis.yml
 * "Test cat trained models" @98ff2a93 shows the default columns of 8.x, `type` included).
 *
 * `data_frame.id` names the data frame analytics job that trained a model; the sandbox has
 * no such jobs, so it is always `__none__`.
 */
import { missingTrainedModel } from '../../rest/errors';
import { expandIds, isMatchAll } from '../../state/resolve';
import { StoredModel } from '../../state/models';
import { HandlerContext, PreparedAction, RouteSpec } from '../types';
import { pipelinesReferencing } from './references';

interface Column {
  name: string;
  aliases: string[];
  byDefault: boolean;
  alignRight?: boolean;
  /** Only from this version on (8.x `type`). */
  needsModelType?: boolean;
  cell(m: StoredModel, ctx: HandlerContext, bytesUnit: string | undefined): string;
}

/** `ByteSizeValue.toString`: the largest unit with a value ≥ 1, one decimal, ".0" dropped. */
function byteSize(bytes: number, unit: string | undefined): string {
  const units: Array<[string, number]> = [['pb', 2 ** 50], ['tb', 2 ** 40], ['gb', 2 ** 30], ['mb', 2 ** 20], ['kb', 2 ** 10], ['b', 1]];
  if (unit !== undefined) {
    const fixed = units.find(([u]) => u === unit.toLowerCase());
    if (fixed) return String(Math.floor(bytes / fixed[1]));
  }
  const [suffix, size] = units.find(([, s]) => bytes >= s) ?? ['b', 1];
  const v = Math.round((bytes / size) * 10) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}${suffix}`;
}

const COLUMNS: Column[] = [
  { name: 'id', aliases: [], byDefault: true, cell: (m) => m.model_id },
  { name: 'created_by', aliases: ['c', 'createdBy'], byDefault: false, alignRight: true, cell: (m) => m.created_by },
  { name: 'heap_size', aliases: ['hs', 'modelHeapSize'], byDefault: true, cell: (m, _c, unit) => byteSize(m.model_size_bytes, unit) },
  { name: 'operations', aliases: ['o', 'modelOperations'], byDefault: true, cell: (m) => String(m.estimated_operations) },
  { name: 'license', aliases: ['l'], byDefault: false, cell: (m) => m.license_level.toUpperCase() },
  { name: 'create_time', aliases: ['ct'], byDefault: true, cell: (m) => new Date(m.create_time).toISOString() },
  { name: 'version', aliases: ['v'], byDefault: false, cell: (m) => m.version },
  { name: 'description', aliases: ['d'], byDefault: false, cell: (m) => m.description ?? '' },
  { name: 'type', aliases: [], byDefault: true, needsModelType: true, cell: (m) => m.model_type ?? 'tree_ensemble' },
  { name: 'ingest.pipelines', aliases: ['ip', 'ingestPipelines'], byDefault: true, cell: (m, ctx) => String(pipelinesOf(m, ctx).length) },
  { name: 'ingest.count', aliases: ['ic', 'ingestCount'], byDefault: false, cell: () => '0' },
  { name: 'ingest.time', aliases: ['it', 'ingestTime'], byDefault: false, cell: () => '0s' },
  { name: 'ingest.current', aliases: ['icurr', 'ingestCurrent'], byDefault: false, cell: () => '0' },
  { name: 'ingest.failed', aliases: ['if', 'ingestFailed'], byDefault: false, cell: () => '0' },
  { name: 'data_frame.id', aliases: ['dfid', 'dataFrameAnalytics'], byDefault: true, cell: () => '__none__' },
  { name: 'data_frame.create_time', aliases: ['dft', 'dataFrameAnalyticsTime'], byDefault: false, cell: () => '' },
  { name: 'data_frame.source_index', aliases: ['dfsi', 'dataFrameAnalyticsSrcIndex'], byDefault: false, cell: () => '' },
  { name: 'data_frame.analysis', aliases: ['dfa', 'dataFrameAnalyticsAnalysis'], byDefault: false, cell: () => '' },
];

function pipelinesOf(m: StoredModel, ctx: HandlerContext): string[] {
  return pipelinesReferencing(ctx, [m.model_id, ...ctx.state.aliasesOf(m.model_id)]);
}

/** `RestTable.buildDisplayHeaders`: `h` names or aliases (with `*` wildcards), else the default columns. */
function displayColumns(h: string[] | undefined, columns: Column[]): Array<{ display: string; column: Column }> {
  if (!h || h.length === 0) return columns.filter((c) => c.byDefault).map((c) => ({ display: c.name, column: c }));
  const out: Array<{ display: string; column: Column }> = [];
  for (const wanted of h) {
    const re = new RegExp(`^${wanted.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    for (const c of columns) {
      if (re.test(c.name) || c.aliases.some((a) => re.test(a))) out.push({ display: wanted.includes('*') ? c.name : wanted, column: c });
    }
  }
  return out;
}

/** Plain-text table: columns padded to their widest cell, one space apart, the last one unpadded. */
function textTable(headers: string[], rows: string[][], right: boolean[], withHeader: boolean): string {
  const all = withHeader ? [headers, ...rows] : rows;
  const widths = headers.map((_, i) => Math.max(0, ...all.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((cell, i) => {
        if (i === r.length - 1 && !right[i]) return cell;
        return right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join(' ');
  return all.map((r) => `${line(r)}\n`).join('');
}

export const catTrainedModels: RouteSpec = {
  method: 'GET',
  path: ['/_cat/ml/trained_models', '/_cat/ml/trained_models/{model_id}'],
  handler: {
    name: 'cat_ml_get_trained_models_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('model_id') || '_all';
      const allowNoMatch = req.params.bool('allow_no_match', true);
      const paged = req.params.has('from') || req.params.has('size');
      const from = req.params.int('from', 0);
      const size = req.params.int('size', 100);
      const h = req.params.list('h');
      const verbose = req.params.bool('v', false);
      const help = req.params.bool('help', false);
      const bytes = req.params.get('bytes');
      req.params.get('s');
      req.params.get('time');
      const format = req.params.peek('format');
      const columns = COLUMNS.filter((c) => !c.needsModelType || ctx.features.modelType);
      return {
        action: 'cluster:monitor/xpack/ml/inference/get',
        run() {
          if (help) {
            const text = columns.map((c) => `${c.name} | ${[c.name, ...c.aliases].slice(1).join(',')} | ${c.name}\n`).join('');
            return { raw: text, contentType: 'text/plain; charset=UTF-8' };
          }
          const st = ctx.state;
          const ids = expandIds(st, expr, allowNoMatch);
          if (ids.length === 0 && !allowNoMatch && !isMatchAll(expr)) throw missingTrainedModel(expr);
          const page = paged ? ids.slice(from, from + size) : ids.slice(0, 100);
          const shown = displayColumns(h, columns);
          const rows = page.map((id) => shown.map(({ column }) => column.cell(st.models.get(id)!, ctx, bytes)));
          if (format === 'json') return { body: rows.map((r) => Object.fromEntries(shown.map(({ display }, i) => [display, r[i]]))) };
          const text = textTable(
            shown.map((s) => s.display),
            rows,
            shown.map((s) => s.column.alignRight === true),
            verbose,
          );
          return { raw: text, contentType: 'text/plain; charset=UTF-8' };
        },
      };
    },
  },
};
