/**
 * The edge topology's targets, printed (never asserted) by the passthrough
 * and latency sections from their own medians: edge passthrough ≥ 0.95×
 * plain nginx in req/s, and in CPU per request (nginx's plus the guard's,
 * as nginx's over the edge's), and p99 added over direct ≤ 1 ms at the fixed rate.
 */
import { EDGE } from './edge-contender';
import { fixed } from './table';

const NGINX = 'nginx';
const MIN_EDGE_SHARE = 0.95;
const MAX_ADDED_P99_MS = 1;

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** `median(contender, pick)` over the passthrough section's rounds. */
export function printEdgeThroughputTargets(
  median: (contender: string, pick: (r: { requestsPerSecond: number; cpuMicrosPerRequest: number }) => number) => number,
): void {
  const nginxRps = median(NGINX, (r) => r.requestsPerSecond);
  const edgeRps = median(EDGE, (r) => r.requestsPerSecond);
  if (!Number.isFinite(nginxRps) || !Number.isFinite(edgeRps)) {
    console.log('(edge targets: nginx not measured)');
    return;
  }
  const rpsRatio = edgeRps / nginxRps;
  const cpuRatio = median(NGINX, (r) => r.cpuMicrosPerRequest) / median(EDGE, (r) => r.cpuMicrosPerRequest);
  console.log(`target: edge req/s ≥ ${MIN_EDGE_SHARE}× plain nginx: ${fixed(rpsRatio)}× → ${verdict(rpsRatio >= MIN_EDGE_SHARE)}`);
  console.log(
    `target: edge CPU per request (nginx + guard) within 1/${MIN_EDGE_SHARE} of plain nginx's (nginx ÷ edge ≥ ${MIN_EDGE_SHARE}): ` +
      `${fixed(cpuRatio)}× → ${verdict(cpuRatio >= MIN_EDGE_SHARE)}`,
  );
}

/** p99 and achieved rate per contender, pooled over the latency section's rounds; `reached` says the asked rate was kept. */
export function printEdgeLatencyTarget(
  of: (contender: string) => { p99: number; rate: number } | undefined,
  direct: { p99: number; rate: number },
  reached: (rate: number) => boolean,
  label: string,
): void {
  const edge = of(EDGE);
  if (edge === undefined || !Number.isFinite(edge.p99)) {
    console.log('(edge target: nginx not measured)');
    return;
  }
  const added = edge.p99 - direct.p99;
  const nginx = of(NGINX);
  const belowSaturation = reached(edge.rate) && reached(direct.rate);
  console.log(
    `target: edge p99 added ≤ ${MAX_ADDED_P99_MS} ms (${label}): ${fixed(added, 3)} ms → ${verdict(added <= MAX_ADDED_P99_MS)}` +
      (nginx === undefined ? '' : ` (plain nginx adds ${fixed(nginx.p99 - direct.p99, 3)} ms)`) +
      (belowSaturation ? '' : ' (the asked rate was not reached: these figures are not below saturation)'),
  );
}
