/**
 * Helpers for header records whose names keep the case they arrived with
 * (header names are case-insensitive, RFC 9110 §5.1).
 */
export type HeaderRecord = Record<string, string | string[]>;

export function headerValue(headers: HeaderRecord, name: string): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Adds one more field line, keeping any existing ones (a list-valued field, RFC 9110 §5.3). */
export function withAddedHeader(headers: HeaderRecord, name: string, value: string): HeaderRecord {
  const result = { ...headers };
  const key = Object.keys(result).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  const existing = result[key];
  result[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  return result;
}
