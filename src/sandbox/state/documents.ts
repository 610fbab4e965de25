/**
 * A minimal document store for passthrough tests. Sources are kept
 * only while the store stays under a byte budget; past it, documents are counted
 * and their sources dropped, so hundreds of MB can stream through.
 */
export interface StoredDoc {
  _id: string;
  _version: number;
  _seq_no: number;
  _source: unknown;
}

export interface IndexData {
  name: string;
  uuid: string;
  created: number;
  docs: Map<string, StoredDoc>;
  seqNo: number;
  mappings: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Documents counted but not kept (budget exceeded). */
  droppedDocs: number;
}

export const SOURCE_BUDGET_BYTES = 64 * 1024 * 1024;

export interface ScrollCtx {
  index: string[];
  hits: Array<{ index: string; doc: StoredDoc }>;
  pos: number;
  size: number;
  total: number;
}
