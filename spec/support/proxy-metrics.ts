/** Reads the proxy's Prometheus exposition from its admin port. */
import { request } from 'undici';

/** Sum of every sample of one metric, optionally only those whose labels include `labels`. */
export async function metricSum(adminUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const answer = await request(`${adminUrl}/metrics`);
  const text = await answer.body.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) sum += Number(match[3]);
  }
  return sum;
}
