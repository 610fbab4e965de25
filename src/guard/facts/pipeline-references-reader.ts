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
 *
 * Without credentials of its own, the proxy cannot read pipelines for such a
 * caller. Relaying the cluster's 403 would name an action the caller never
 * called (`cluster:admin/ingest/pipeline/get`), so a caller that holds the
 * guarded action's privilege gets a 403 saying what the guard needs instead
 * (`pipelinesUnreadable`); one that does not gets the cluster's refusal.
 */
import { CallerNotAuthorizedError, EsRejection } from '../../errors';
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
  async read(caller: CallerHeaders, privilege: string, signal?: AbortSignal): Promise<Map<string, string[]>> {
    try {
      return await this.readWith(caller, signal);
    } catch (error) {
      if (!(error instanceof CallerNotAuthorizedError) || error.statusCode !== 403) throw error;
      if (!(await this.callerHolds(privilege, caller, signal))) throw error;
      if (!this.service) throw pipelinesUnreadable(privilege);
      // Keep the caller's request id on the proxy's own read, and nothing else of the caller's.
      const opaqueId = caller['x-opaque-id'];
      return this.readWith({ ...this.service, ...(opaqueId ? { 'x-opaque-id': opaqueId } : {}) }, signal);
    }
  }

  private async readWith(credentials: CallerHeaders, signal?: AbortSignal): Promise<Map<string, string[]>> {
    const answer = await this.client.pipelines(PIPELINES, credentials, signal);
    // No pipeline at all is a 404 with an empty object body in Elasticsearch.
    if (answer.statusCode === 404 && answer.body.toString('utf8').trim() === '{}') return new Map();
    const pipelines = interpretAnswer(answer, { label: PIPELINES, validate: validatePipelines });
    return findInferenceModelIds(pipelines);
  }

  private async callerHolds(privilege: string, caller: CallerHeaders, signal?: AbortSignal): Promise<boolean> {
    const label = `POST _security/user/_has_privileges {cluster:[${privilege}]}`;
    const answer = await this.client.hasClusterPrivileges(label, [privilege], caller, signal);
    const parsed = interpretAnswer(answer, { label, validate: validateHasPrivileges });
    return parsed?.has_all_requested === true;
  }
}

/**
 * The 403 for a caller allowed the guarded action but not `read_pipeline`,
 * when the proxy has no credentials of its own: Elasticsearch's
 * `security_exception` shape, with a reason that says what the guard needs.
 */
export function pipelinesUnreadable(privilege: string): EsRejection {
  return new EsRejection(
    403,
    'security_exception',
    `model-alias-guard must read the ingest pipelines to check this request, and the caller holds [${privilege}] ` +
      'but not [read_pipeline]; the proxy has no credentials of its own (ES_API_KEY, or ES_USERNAME and ES_PASSWORD) ' +
      'to read them instead: give the caller [read_pipeline], or start the proxy with credentials that hold it',
  );
}

/** The start-up warning when the proxy has no credentials of its own (logged once, docs §4.4). */
export const NO_SERVICE_CREDENTIALS_WARNING =
  'the proxy has no credentials of its own (ES_API_KEY, or ES_USERNAME and ES_PASSWORD): the stop, delete-alias and ' +
  'delete-model guards read ingest pipelines with each caller\'s credentials, so a caller with manage_ml but without ' +
  'read_pipeline is refused there (403) even where Elasticsearch would allow the request';
