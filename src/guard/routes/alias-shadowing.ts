/**
 * The PUT alias guard's last step (docs §13.1): once Elasticsearch's rules and
 * the strict options let a PUT through, it is still refused when a deployment
 * of another model carries the alias's name.
 */
import type { ExchangeContext } from '../exchange/guarded-exchange';
import { readDeploymentNamed } from '../facts/deployment-name-facts';
import { decideAliasOverDeployment, type ShadowingOptions } from '../rules/deployment-shadowing';
import type { GuardVerdict } from '../rules/verdict';

export async function applyShadowingRule(
  verdict: GuardVerdict,
  request: { modelId: string; modelAlias: string },
  { reads, decision, timeReads }: Pick<ExchangeContext, 'reads' | 'decision' | 'timeReads'>,
  options: ShadowingOptions,
): Promise<GuardVerdict> {
  if (!verdict.allowed) return verdict;
  const deployment = await timeReads(() => readDeploymentNamed(reads, request.modelAlias));
  decision.facts = { ...decision.facts, deployment_named_alias: deployment };
  const shadowing = decideAliasOverDeployment(request, deployment, options);
  // Only a refusal replaces the verdict: an allowed PUT keeps its rule and its input-fields warning.
  return shadowing.allowed ? verdict : shadowing;
}
