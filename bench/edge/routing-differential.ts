/**
 * The edge routing check (docs §12), through the REAL nginx with the
 * generated configuration: two tiny recording upstreams stand in for the
 * guard and the cluster, each answering with its side and the target exactly
 * as it arrived; generated targets are pipelined over raw keep-alive sockets
 * (Node's HTTP clients would normalise or refuse many of them); every target
 * that reached the cluster side is put to the sandbox's router, which must
 * not route it (nor the target as nginx forwarded it) to a handler the guard
 * must see.
 */
import * as net from 'node:net';
import { renderNginxConfig } from '../../src/edge/nginx-config';
import { freePort, startNginxWithConfig, type RunningNginx } from './edge-nginx';
import { SandboxOracle, type OracleVerdict } from './sandbox-oracle';
import { TargetGenerator, type GeneratedTarget, type TargetCategory } from './routing-targets';

export type Side = 'guard' | 'cluster' | 'nginx' | 'none';

export interface RoutedTarget extends GeneratedTarget {
  arrived: Side;
  status: number;
  /** The target as the upstream received it. */
  received?: string;
}

export interface RoutingFailure {
  target: RoutedTarget;
  why: string;
  verdict?: OracleVerdict;
}

export interface CategoryCounts {
  total: number;
  /** The sandbox routes it to a handler the guard must see. */
  mustReachGuard: number;
  guard: number;
  cluster: number;
  /** Refused by nginx itself (400/414): reached neither upstream. */
  nginx: number;
}

export interface DifferentialReport {
  counts: Map<TargetCategory, CategoryCounts>;
  failures: RoutingFailure[];
  sent: number;
  seconds: number;
}

/** An upstream that answers every request with `<side>\n<target as received>`; requests carry no body. */
function startRecorder(side: 'guard' | 'cluster'): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const requestLine = pending.subarray(0, pending.indexOf('\r\n')).toString('latin1');
        pending = pending.subarray(end + 4);
        const target = requestLine.slice(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
        const body = Buffer.from(`${side}\n${target}`, 'latin1');
        socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1'), body]));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port })));
}

interface Answer {
  status: number;
  body: string;
}

/** Writes the batch pipelined on one socket; resolves with the answers received before the batch ended or nginx closed. */
function sendBatch(port: number, batch: GeneratedTarget[]): Promise<Answer[]> {
  return new Promise((resolve) => {
    const answers: Answer[] = [];
    let pending = Buffer.alloc(0);
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(batch.map(({ method, target }) => `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`).join(''), 'latin1');
    });
    const finish = () => {
      socket.destroy();
      resolve(answers);
    };
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = pending.subarray(0, headEnd).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        answers.push({ status: Number(head.split(' ')[1]), body: pending.subarray(headEnd + 4, headEnd + 4 + length).toString('latin1') });
        pending = pending.subarray(headEnd + 4 + length);
        if (answers.length === batch.length) return finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', finish);
  });
}

async function route(port: number, targets: GeneratedTarget[], connections: number, batchSize: number): Promise<RoutedTarget[]> {
  const routed: RoutedTarget[] = new Array<RoutedTarget>(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const start = next;
      const batch = targets.slice(start, Math.min(start + batchSize, targets.length));
      next = start + batch.length;
      // nginx closes after a request it refuses: what it did not answer is sent again on a new socket.
      for (let done = 0; done < batch.length; ) {
        const answers = await sendBatch(port, batch.slice(done));
        if (answers.length === 0) {
          routed[start + done] = { ...batch[done]!, arrived: 'none', status: 0 };
          done += 1;
          continue;
        }
        for (const answer of answers) {
          const [side, ...rest] = answer.body.split('\n');
          const upstream = side === 'guard' || side === 'cluster';
          routed[start + done] = {
            ...batch[done]!,
            arrived: upstream ? side : 'nginx',
            status: answer.status,
            received: upstream ? rest.join('\n') : undefined,
          };
          done += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return routed;
}

/** What nginx must forward: the target as sent, except absolute form (its path) and an empty path (`/`). */
function expectedForward(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  return undefined;
}

export function judge(routed: RoutedTarget[], oracle: SandboxOracle): { counts: Map<TargetCategory, CategoryCounts>; failures: RoutingFailure[] } {
  const counts = new Map<TargetCategory, CategoryCounts>();
  const failures: RoutingFailure[] = [];
  for (const target of routed) {
    const count = counts.get(target.category) ?? { total: 0, mustReachGuard: 0, guard: 0, cluster: 0, nginx: 0 };
    counts.set(target.category, count);
    count.total += 1;
    const verdict = oracle.mustReachGuard(target.target) ?? (target.received === undefined ? null : oracle.mustReachGuard(target.received));
    if (verdict) count.mustReachGuard += 1;
    if (target.arrived === 'none') {
      failures.push({ target, why: 'no answer from nginx' });
      continue;
    }
    count[target.arrived] += 1;
    if (target.arrived === 'cluster' && verdict) failures.push({ target, why: 'reached the cluster side', verdict });
    const expected = expectedForward(target.target);
    if (target.received !== undefined && expected !== undefined && target.received !== expected) {
      failures.push({ target, why: `forwarded altered, as [${target.received}]` });
    }
  }
  return { counts, failures };
}

export interface DifferentialOptions {
  count: number;
  seed: number;
  connections?: number;
  batchSize?: number;
  workerProcesses?: string;
}

export async function runRoutingDifferential(options: DifferentialOptions): Promise<DifferentialReport> {
  const started = Date.now();
  const generator = new TargetGenerator(options.seed);
  const targets = Array.from({ length: options.count }, () => generator.next());
  const guard = await startRecorder('guard');
  const cluster = await startRecorder('cluster');
  let nginx: RunningNginx | undefined;
  try {
    const port = await freePort();
    const config = renderNginxConfig({
      esUrl: `http://127.0.0.1:${cluster.port}`,
      guardUrl: `http://127.0.0.1:${guard.port}`,
      edgeHost: '127.0.0.1',
      edgePort: port,
      workerProcesses: options.workerProcesses ?? '1',
    });
    nginx = await startNginxWithConfig(config, port);
    const routed = await route(port, targets, options.connections ?? 16, options.batchSize ?? 64);
    const { counts, failures } = judge(routed, new SandboxOracle());
    return { counts, failures, sent: targets.length, seconds: (Date.now() - started) / 1000 };
  } finally {
    await nginx?.stop();
    await new Promise((resolve) => guard.server.close(resolve));
    await new Promise((resolve) => cluster.server.close(resolve));
  }
}

/** Counts per category as a printable table. */
export function formatCounts(report: DifferentialReport): string {
  const rows = [['category', 'targets', 'must reach guard', 'to guard', 'to cluster', 'refused by nginx']];
  const total: CategoryCounts = { total: 0, mustReachGuard: 0, guard: 0, cluster: 0, nginx: 0 };
  for (const [category, c] of [...report.counts.entries()].sort()) {
    rows.push([category, String(c.total), String(c.mustReachGuard), String(c.guard), String(c.cluster), String(c.nginx)]);
    for (const key of Object.keys(total) as Array<keyof CategoryCounts>) total[key] += c[key];
  }
  rows.push(['all', String(total.total), String(total.mustReachGuard), String(total.guard), String(total.cluster), String(total.nginx)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}
