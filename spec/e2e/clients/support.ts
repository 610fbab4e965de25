/**
 * Helpers for the "drop-in for real clients" end-to-end tests: read what
 * actually reached the cluster from the sandbox request log (raw headers in
 * arrival order, raw body bytes as they were on the wire).
 */
import type { Stack } from '../../support/stack';

export interface ClusterRequest {
  seq: number;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  raw_headers: string[];
  body_length: number;
  body_base64: string;
  body_text: string;
  body_truncated: boolean;
  status: number | null;
}

/** Requests that reached the sandbox, oldest first, optionally filtered by method and raw-URL prefix. */
export async function clusterRequests(stack: Stack, filter: { method?: string; pathPrefix?: string } = {}): Promise<ClusterRequest[]> {
  const query = new URLSearchParams();
  if (filter.method) query.set('method', filter.method);
  if (filter.pathPrefix) query.set('path_prefix', filter.pathPrefix);
  const qs = query.toString();
  const answer = await stack.control('GET', `/_sandbox/requests${qs ? `?${qs}` : ''}`);
  return answer.requests as ClusterRequest[];
}

export async function clearClusterRequests(stack: Stack): Promise<void> {
  await stack.control('DELETE', '/_sandbox/requests');
}

/** Every value of one header, as sent (raw_headers keeps names, order and duplicates). */
export function rawHeaderValues(entry: ClusterRequest, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < entry.raw_headers.length; i += 2) {
    if (entry.raw_headers[i]!.toLowerCase() === name.toLowerCase()) out.push(entry.raw_headers[i + 1]!);
  }
  return out;
}

export function rawBody(entry: ClusterRequest): Buffer {
  return Buffer.from(entry.body_base64, 'base64');
}

/** The last logged request matching method and exact path (query ignored). */
export function lastFor(entries: ClusterRequest[], method: string, path: string): ClusterRequest {
  const found = entries.filter((e) => e.method === method && e.url.split('?')[0] === path).at(-1);
  if (!found) throw new Error(`no ${method} ${path} reached the cluster; saw: ${entries.map((e) => `${e.method} ${e.url}`).join(', ')}`);
  return found;
}
