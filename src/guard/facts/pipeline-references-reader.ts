/**
 * Reads every ingest pipeline and finds the models, aliases and deployments
 * their inference processors name (docs §3.3, via `findInferenceModelIds`).
 *
 * Reading pipelines needs `read_pipeline`, which a caller allowed to stop
 * deployments (`manage_ml`) may lack. Then, and only then, the proxy reads
 * them with its own credentials, after `_has_privileges` with the caller's
 * credentials proves the caller holds the privilege the guarded action
 * needs; otherwise the cluster's refusal is relayed. The caller learns at
 * most that a pipeline references the model, which the refusal it would get
 * from Elasticsearch itself says too.
 */
import { CallerNotAuthorizedError } from '../../errors';
import type { CallerHeaders, MetadataClient } from '../../es/metadata-client';
import { validateHasPrivileges, validatePipelines } from './answer-schemas';
import { findInferenceModelIds } from '../rules/pipeline-references';
import { interpretAnswer } from './read-answer';

const PIPELINES = 'GET _ingest/pipeline';

export class PipelineReferencesReader {
  /** The read's one name (decision line, fail-closed message). */
  readonly label = PIPELINES;

  constructor(
    private readonly client: MetadataClient,
    /** The proxy's own credentials, or null when it has none. */
    private readonly service: CallerHeaders | null,
  ) {}

  /** Referenced id → the pipelines naming it. `privilege` is the cluster privilege of the guarded action. */
  async read(caller: CallerHeaders, privilege: string): Promise<Map<string, string[]>> {
    try {
      return await this.readWith(caller);
    } catch (error) {
      if (!(error instanceof CallerNotAuthorizedError) || error.statusCode !== 403 || !this.service) throw error;
      if (!(await this.callerHolds(privilege, caller))) throw error;
      // Keep the caller's request id on the proxy's own read, and nothing else of the caller's.
      const opaqueId = caller['x-opaque-id'];
      return this.readWith({ ...this.service, ...(opaqueId ? { 'x-opaque-id': opaqueId } : {}) });
    }
  }

  private async readWith(credentials: CallerHeaders): Promise<Map<string, string[]>> {
    const answer = await this.client.pipelines(PIPELINES, credentials);
    // No pipeline at all is a 404 with an empty object body in Elasticsearch.
    if (answer.statusCode === 404 && answer.body.toString('utf8').trim() === '{}') return new Map();
    const pipelines = interpretAnswer(answer, { label: PIPELINES, validate: validatePipelines });
    return findInferenceModelIds(pipelines);
  }

  private async callerHolds(privilege: string, caller: CallerHeaders): Promise<boolean> {
    const label = `POST _security/user/_has_privileges {cluster:[${privilege}]}`;
    const answer = await this.client.hasClusterPrivileges(label, [privilege], caller);
    const parsed = interpretAnswer(answer, { label, validate: validateHasPrivileges });
    return parsed?.has_all_requested === true;
  }
}
