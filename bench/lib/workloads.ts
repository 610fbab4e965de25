/** The request mixes measured: what most passthrough traffic looks like. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Workload {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** ~100 KB `_bulk` body: index action + small document per line pair. */
export function bulkBody(targetBytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const pair = `{"index":{"_index":"bench","_id":"${i}"}}\n{"title":"document ${i}","body":"${'lorem ipsum '.repeat(6)}","n":${i}}\n`;
    lines.push(pair);
    size += Buffer.byteLength(pair);
  }
  return Buffer.from(lines.join(''));
}

export const WORKLOADS: Workload[] = [
  { name: 'GET 2 KB', method: 'GET', path: '/bench/_doc/1', headers: { Accept: 'application/json' } },
  {
    name: 'POST _bulk 100 KB',
    method: 'POST',
    path: '/_bulk',
    headers: { 'Content-Type': 'application/x-ndjson' },
    body: bulkBody(100 * 1024),
  },
];

/** A wrk Lua script sending the workload's method, headers and body. */
export function wrkScript(workload: Workload, directory: string): string {
  const file = path.join(directory, `${workload.name.replace(/\W+/g, '-')}.lua`);
  const lines = [`wrk.method = "${workload.method}"`];
  for (const [name, value] of Object.entries(workload.headers)) lines.push(`wrk.headers["${name}"] = "${value}"`);
  if (workload.body) {
    const bodyFile = `${file}.body`;
    writeFileSync(bodyFile, workload.body);
    lines.push(`local f = io.open("${bodyFile}", "rb")`, 'wrk.body = f:read("*a")', 'f:close()');
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
