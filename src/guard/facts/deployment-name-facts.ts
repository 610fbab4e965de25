/**
 * Facts for the rules of docs §13.1 and docs §13.3: which deployment carries a
 * name, which model an alias of that name points to, and what a deployment's
 * current adaptive-allocation settings are. Read live with the caller's
 * credentials through the request's read layer.
 */
import type { ClusterReads } from './cluster-reads';
import type { StatsEntry } from './answer-schemas';
import { aliasesOf, aliasTargetOf } from './model-facts';
import type { NamedDeployment } from '../rules/deployment-shadowing';
import type { AdaptiveAllocations, DeploymentUpdateFacts } from '../rules/deployment-update';

/**
 * The stats entry of the deployment `id`: 8.8+ by its `deployment_id`
 * (`_stats` of a deployment id lists it, docs §4.3); 8.6–8.7, where stats carry
 * no deployment id, the one deployment of the model `id`.
 */
function deploymentEntry(id: string, entries: StatsEntry[]): StatsEntry | undefined {
  return (
    entries.find((e) => e.deployment_stats?.deployment_id === id) ??
    entries.find((e) => e.model_id === id && e.deployment_stats !== undefined && e.deployment_stats.deployment_id === undefined)
  );
}

/** The deployment whose id is `name`, or null (docs §13.1). */
export async function readDeploymentNamed(reads: ClusterReads, name: string): Promise<NamedDeployment | null> {
  const entry = (await reads.modelStats(name).value()).find((e) => e.deployment_stats?.deployment_id === name);
  return entry?.deployment_stats ? { deploymentId: name, modelId: entry.deployment_stats.model_id } : null;
}

/** The model an alias named `name` points to, or null when `name` is no alias (docs §4.1). */
export async function readAliasTarget(reads: ClusterReads, name: string): Promise<string | null> {
  const target = aliasTargetOf(name, await reads.modelConfigs(name).value());
  return target.kind === 'alias' ? target.modelId : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `deployment_stats.adaptive_allocations` (8.16+), as the merge of docs §10.3
 * needs it. Absent or unreadable: none, so only the request's own settings count.
 */
export function adaptiveOf(entry: StatsEntry): AdaptiveAllocations | undefined {
  const raw: unknown = (entry.deployment_stats as Record<string, unknown> | undefined)?.['adaptive_allocations'];
  if (!isRecord(raw)) return undefined;
  const settings: AdaptiveAllocations = {};
  if (typeof raw['enabled'] === 'boolean') settings.enabled = raw['enabled'];
  if (typeof raw['min_number_of_allocations'] === 'number') settings.minNumberOfAllocations = raw['min_number_of_allocations'];
  if (typeof raw['max_number_of_allocations'] === 'number') settings.maxNumberOfAllocations = raw['max_number_of_allocations'];
  return settings;
}

/** Facts for `_update` of the deployment `deploymentId` (docs §13.3). */
export async function readUpdateFacts(reads: ClusterReads, deploymentId: string, scalesToZero: boolean): Promise<DeploymentUpdateFacts> {
  const referencesRead = reads.pipelineReferences();
  const entry = deploymentEntry(deploymentId, await reads.modelStats(deploymentId).value());
  if (!entry?.deployment_stats) return { deployment: null, modelAliases: [], references: await referencesRead.value(), scalesToZero };
  const modelId = entry.deployment_stats.model_id;
  const adaptive = adaptiveOf(entry);
  const [configs, references] = await Promise.all([reads.modelConfigs(modelId).value(), referencesRead.value()]);
  return {
    deployment: { deploymentId, modelId, ...(adaptive ? { adaptiveAllocations: adaptive } : {}) },
    modelAliases: aliasesOf(modelId, configs),
    references,
    scalesToZero,
  };
}
