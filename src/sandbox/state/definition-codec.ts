/**
 * `compressed_definition`: the definition JSON gzipped and base64-encoded, as
 * InferenceToXContentCompressor writes and reads it (docs §11.3).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { StoredModel } from './models';

/** The definition object from a compressed string; undefined when it is not valid base64 gzip JSON. */
export function inflateDefinition(compressed: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(gunzipSync(Buffer.from(compressed, 'base64')).toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function deflateDefinition(definition: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(definition), 'utf8')).toString('base64');
}

/**
 * GET `include=definition`: `decompress_definition=true` (the default) shows `definition`,
 * false shows `compressed_definition` (inference_crud.yml "Test exclude_generated flag").
 * A definition stored compressed and never parsed (`defer_definition_decompression`) is shown
 * decompressed when it inflates, else as stored.
 */
export function definitionFields(m: StoredModel, decompress: boolean): Record<string, unknown> {
  if (m.definition === undefined && m.compressed_definition === undefined) return {};
  if (!decompress) return { compressed_definition: m.compressed_definition ?? deflateDefinition(m.definition) };
  if (m.definition !== undefined) return { definition: m.definition };
  const inflated = inflateDefinition(m.compressed_definition!);
  return inflated ? { definition: inflated } : { compressed_definition: m.compressed_definition };
}
