/** Model ids and aliases referenced by ingest pipelines' inference processors (docs §3.3). */
import { referencedModelIds } from '../../state/references';
import type { HandlerContext } from '../types';

export function references(ctx: HandlerContext): Set<string> {
  return referencedModelIds(ctx.state.pipelinesObject(), ctx.features.mapBasedReferenceWalk);
}

/** Ids of the pipelines whose inference processors reference any of `keys` (map-based walk). */
export function pipelinesReferencing(ctx: HandlerContext, keys: string[]): string[] {
  const st = ctx.state;
  return Object.keys(st.pipelinesObject()).filter((pid) => {
    const refs = referencedModelIds({ [pid]: st.pipelines.get(pid) }, true);
    return keys.some((k) => refs.has(k));
  });
}
