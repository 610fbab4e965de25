/**
 * JSON as Elasticsearch writes it with `?pretty`: Jackson's DefaultPrettyPrinter
 * with a two-space, line-feed indenter for objects AND arrays
 * (JsonXContentGenerator.usePrettyPrint), `" : "` between name and value,
 * `{ }` and `[ ]` when empty, and a line feed at the end.
 */
export function prettyJson(value: unknown): string {
  return `${render(value, '')}\n`;
}

function render(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[\n${value.map((item) => inner + render(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${render(v, inner)}`).join(',\n')}\n${indent}}`;
}
