/**
 * The guard's one read layer: every fact a guard decides on is read here,
 * live and with the caller's credentials (docs §4). One `ClusterReads` per
 * guarded request:
 *
 * - each read has ONE name, its label (`GET _ml/trained_models/m`), used in
 *   the decision line (`reads`) and in the fail-closed message;
 * - a read is started when first asked for and shared after that, so two
 *   facts that need the same answer never read it twice;
 * - reads are `FactRead`s: start them together (in parallel), await only
 *   those the decision needs.
 */
import type { CallerHeaders, MetadataClient } from '../../es/metadata-client';
import { validateTrainedModels, validateTrainedModelStats, StatsEntry, TrainedModelConfigAnswer, TrainedModelsAnswer } from './answer-schemas';
import { interpretAnswer } from './read-answer';
import { CallerNotAuthorizedError } from '../../errors';
import { FactRead } from './fact-read';
import { cannotNameAModel } from './model-facts';
import type { PipelineReferencesReader } from './pipeline-references-reader';

const NOT_FOUND = 'resource_not_found_exception';

/** Stopping a deployment and deleting models or aliases all need `manage_ml`. */
export const GUARDED_ACTIONS_PRIVILEGE = 'manage_ml';

export class ClusterReads {
  private readonly started = new Map<string, FactRead<unknown>>();
  /** True once a read made with the caller's credentials got a trusted answer: the cluster accepted them. */
  private callerAccepted = false;

  constructor(
    private readonly client: MetadataClient,
    private readonly pipelines: PipelineReferencesReader,
    /** The caller's credentials and identity headers (`caller-credentials.ts`). */
    readonly caller: CallerHeaders,
    /** Aborts every read of the request (the client went away). */
    readonly signal?: AbortSignal,
  ) {}

  /**
   * Proves the cluster accepts the caller's credentials before the guard
   * answers in Elasticsearch's name (docs §8.4: authentication runs before
   * any handler). Free when a read of this request already proved it; else
   * one `GET _security/_authenticate`. A 401 is relayed as the cluster sent
   * it (CallerNotAuthorizedError); any other answer means the credentials
   * were accepted (a cluster without security answers without asking).
   */
  async proveCaller(): Promise<void> {
    if (this.callerAccepted) return;
    const label = 'GET _security/_authenticate';
    const answer = await this.client.authenticate(label, this.caller, this.signal);
    this.labelsOfProof.push(label);
    if (answer.statusCode === 401) throw new CallerNotAuthorizedError(401, answer.headers, answer.body);
    this.callerAccepted = true;
  }

  private readonly labelsOfProof: string[] = [];

  /** Labels of the reads started so far, in order (for the decision line). */
  get labels(): string[] {
    return [...this.started.keys(), ...this.labelsOfProof];
  }

  /** `GET _ml/trained_models/<id>`: configs, alias-resolved (docs §4.1); null when Elasticsearch says no such model. */
  modelConfigs(id: string): FactRead<TrainedModelConfigAnswer[] | null> {
    const label = `GET _ml/trained_models/${id}`;
    if (cannotNameAModel(id)) return FactRead.known(label, null);
    return this.once(label, async () => {
      const answer = await this.client.trainedModels(label, id, this.caller, this.signal);
      return interpretAnswer(answer, { label, validate: validateTrainedModels, notFoundType: NOT_FOUND })?.trained_model_configs ?? null;
    });
  }

  /**
   * `GET _ml/trained_models/<expression>` for an id expression (comma list,
   * wildcards, `_all`, aliases: docs §1.3): the whole answer, so that a
   * truncated one (more matches than one page) can be told; null when
   * Elasticsearch says an explicit id of the list does not exist.
   */
  modelsMatching(expression: string): FactRead<TrainedModelsAnswer | null> {
    const label = `GET _ml/trained_models/${expression}`;
    return this.once(label, async () => {
      const answer = await this.client.trainedModels(label, expression, this.caller, this.signal);
      return interpretAnswer(answer, { label, validate: validateTrainedModels, notFoundType: NOT_FOUND });
    });
  }

  /** `GET _ml/trained_models/<id>/_stats` (docs §4.2); no entries when the model does not exist (or vanished between reads). */
  modelStats(id: string): FactRead<StatsEntry[]> {
    const label = `GET _ml/trained_models/${id}/_stats`;
    if (cannotNameAModel(id)) return FactRead.known(label, []);
    return this.once(label, async () => {
      const answer = await this.client.trainedModelStats(label, id, this.caller, this.signal);
      return interpretAnswer(answer, { label, validate: validateTrainedModelStats, notFoundType: NOT_FOUND })?.trained_model_stats ?? [];
    });
  }

  /** Referenced id → the pipelines naming it (docs §3.3, docs §4.4). */
  pipelineReferences(): FactRead<Map<string, string[]>> {
    return this.once(this.pipelines.label, () => this.pipelines.read(this.caller, GUARDED_ACTIONS_PRIVILEGE, this.signal));
  }

  private once<T>(label: string, read: () => Promise<T>): FactRead<T> {
    const existing = this.started.get(label) as FactRead<T> | undefined;
    if (existing) return existing;
    // A trusted answer to a read with the caller's credentials proves them (docs §8.4).
    const started = new FactRead(
      label,
      read().then((value) => {
        this.callerAccepted = true;
        return value;
      }),
    );
    this.started.set(label, started);
    return started;
  }
}

/** Builds the read layer of each guarded request. */
export class ClusterReadsFactory {
  constructor(
    private readonly client: MetadataClient,
    private readonly pipelines: PipelineReferencesReader,
  ) {}

  forCaller(caller: CallerHeaders, signal?: AbortSignal): ClusterReads {
    return new ClusterReads(this.client, this.pipelines, caller, signal);
  }
}
