/**
 * The cluster's version and build hash, which Elasticsearch writes into every
 * `Warning` header it sends (docs §5.5). Learnt from `GET /` once and kept: it is
 * not a fact any rule decides on, and it changes only with an upgrade.
 */
import type { CallerHeaders, MetadataClient } from './metadata-client';

export interface ClusterIdentity {
  version: string;
  buildHash: string;
}

export class ClusterIdentityCache {
  private known: ClusterIdentity | null = null;

  constructor(private readonly client: MetadataClient) {}

  /** The identity, asking the cluster with the given credentials if it is not known yet; null if it cannot be learnt. */
  async get(caller: CallerHeaders): Promise<ClusterIdentity | null> {
    if (this.known) return this.known;
    try {
      const answer = await this.client.root('GET /', caller);
      if (answer.statusCode !== 200) return null;
      const parsed = JSON.parse(answer.body.toString('utf8')) as { version?: { number?: unknown; build_hash?: unknown } };
      const version = parsed.version?.number;
      const buildHash = parsed.version?.build_hash;
      if (typeof version === 'string' && typeof buildHash === 'string') {
        this.known = { version, buildHash };
      }
    } catch {
      // Not knowing the version only changes how a warning is labelled.
    }
    return this.known;
  }
}
