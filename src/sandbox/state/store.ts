/**
 * The whole emulated cluster state (one node), reset by the control API.
 */
import { randomUUID } from 'node:crypto';
import { Assignment } from './assignments';
import { IndexData, ScrollCtx } from './documents';
import { StoredModel, langIdentModel } from './models';
import { endpointsOf } from './inference-endpoints';

export class ClusterState {
  readonly models = new Map<string, StoredModel>();
  /** `trained_model_alias` custom; null until the first alias exists (docs §4.1). */
  aliases: Map<string, string> | null = null;
  /** `trained_model_assignment` custom keyed by deployment id; null until the first start. */
  assignments: Map<string, Assignment> | null = null;
  readonly pipelines = new Map<string, Record<string, unknown>>();
  readonly indices = new Map<string, IndexData>();
  readonly scrolls = new Map<string, ScrollCtx>();
  sourceBytes = 0;
  license: 'basic' | 'trial' = 'trial';
  /** Audit messages (docs §1.2 side effect, docs §2 step 12). */
  readonly audit: Array<{ model_id: string; message: string; level: 'info' | 'warning' }> = [];
  readonly clusterUuid = randomUUID().replace(/-/g, '').slice(0, 22);
  timers = new Set<NodeJS.Timeout>();

  constructor(withModelType: boolean) {
    this.addResourceModels(withModelType);
  }

  private addResourceModels(withModelType: boolean): void {
    const li = langIdentModel(withModelType);
    this.models.set(li.model_id, li);
  }

  clear(withModelType: boolean): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.models.clear();
    this.aliases = null;
    this.assignments = null;
    this.pipelines.clear();
    this.indices.clear();
    this.scrolls.clear();
    this.sourceBytes = 0;
    this.audit.length = 0;
    endpointsOf(this).clear(); // inference endpoints (docs §9)
    this.addResourceModels(withModelType);
  }

  aliasMap(): Map<string, string> {
    if (!this.aliases) this.aliases = new Map();
    return this.aliases;
  }

  assignmentMap(): Map<string, Assignment> {
    if (!this.assignments) this.assignments = new Map();
    return this.assignments;
  }

  /** Sorted aliases pointing at a model (`metadata.model_aliases`, docs §1.3). */
  aliasesOf(modelId: string): string[] {
    if (!this.aliases) return [];
    return [...this.aliases.entries()].filter(([, m]) => m === modelId).map(([a]) => a).sort();
  }

  assignmentsForModel(modelId: string): Assignment[] {
    if (!this.assignments) return [];
    return [...this.assignments.values()].filter((a) => a.model_id === modelId);
  }

  pipelinesObject(): Record<string, unknown> {
    return Object.fromEntries(this.pipelines.entries());
  }
}
