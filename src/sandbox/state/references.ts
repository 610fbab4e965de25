/**
 * Which inference processors count as references to a model, alias or deployment
 * (docs §3.3). Two implementations, chosen by version (see version.ts).
 */
type Json = unknown;

function isObj(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Map-based `InferenceProcessorInfoExtractor`: top-level processors; inference adds model_id
 * (its own on_failure is not searched); foreach recurses into `processor`; other types
 * recurse into their on_failure; depth capped at 10; pipeline-level on_failure ignored.
 */
function mapBasedWalk(pipelines: Record<string, Json>): Set<string> {
  const out = new Set<string>();
  const visit = (proc: Json, level: number): void => {
    if (level > 10 || !isObj(proc)) return;
    for (const [type, cfg] of Object.entries(proc)) {
      if (!isObj(cfg)) continue;
      if (type === 'inference') {
        if (typeof cfg.model_id === 'string') out.add(cfg.model_id);
      } else if (type === 'foreach') {
        visit(cfg.processor, level + 1);
      } else if (Array.isArray(cfg.on_failure)) {
        for (const p of cfg.on_failure) visit(p, level + 1);
      }
    }
  };
  for (const p of Object.values(pipelines)) {
    if (!isObj(p) || !Array.isArray(p.processors)) continue;
    for (const proc of p.processors) visit(proc, 0);
  }
  return out;
}

/**
 * Older `getReferencedModelKeys`: only top-level processors that are plain InferenceProcessor
 * instances. A processor with `if`, `on_failure` or `ignore_failure` is wrapped by the
 * pipeline factory and not seen (docs §3.3 marks this [unverified]; kept as described there).
 */
function topLevelWalk(pipelines: Record<string, Json>): Set<string> {
  const out = new Set<string>();
  for (const p of Object.values(pipelines)) {
    if (!isObj(p) || !Array.isArray(p.processors)) continue;
    for (const proc of p.processors) {
      if (!isObj(proc)) continue;
      const cfg = proc.inference;
      if (!isObj(cfg)) continue;
      if ('if' in cfg || 'on_failure' in cfg || 'ignore_failure' in cfg) continue;
      if (typeof cfg.model_id === 'string') out.add(cfg.model_id);
    }
  }
  return out;
}

export function referencedModelIds(pipelines: Record<string, Json>, mapBased: boolean): Set<string> {
  return mapBased ? mapBasedWalk(pipelines) : topLevelWalk(pipelines);
}
