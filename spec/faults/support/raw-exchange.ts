/**
 * Raw bytes to the proxy on one TCP connection, and what came of them: the
 * statuses the proxy answered, in order, and the requests the cluster (the
 * fault relay) received meanwhile, the guard's own reads left out.
 */
import { sendRaw } from '../../support/http-client';
import type { FaultRelay, SeenRequest } from './fault-relay';

export interface RawExchange {
  statuses: number[];
  answer: string;
  /** Requests the cluster received that are not the guard's reads (GET under /_ml/ or /_ingest/ or /_security/). */
  forwarded: SeenRequest[];
  /** Every request the cluster received, guard reads included, in order. */
  all: SeenRequest[];
}

export function isGuardRead(request: SeenRequest): boolean {
  return request.method === 'GET' && /^\/(_ml|_ingest|_security|_inference)\//.test(request.url);
}

export async function rawExchange(proxyUrl: string, relay: FaultRelay, bytes: string): Promise<RawExchange> {
  const before = relay.seen.length;
  const answer = (await sendRaw(Number(new URL(proxyUrl).port), bytes, 10_000)).toString('latin1');
  const all = relay.seen.slice(before);
  return {
    statuses: [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1])),
    answer,
    forwarded: all.filter((r) => !isGuardRead(r)),
    all,
  };
}
