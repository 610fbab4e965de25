/**
 * `TrainedModelProvider.expandIds` (es-semantics §1.3): comma tokens, `_all`/`*`,
 * wildcards matched against model ids and alias names, exact tokens resolved through
 * aliases. A missing exact token is a 404 even with allow_no_match (that flag only
 * covers wildcards).
 */
import { missingTrainedModel } from '../rest/errors';
import { ClusterState } from './store';

export function isWildcard(token: string): boolean {
  return token.includes('*');
}

export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(value);
}

export function isMatchAll(expr: string): boolean {
  const t = expr.trim();
  return t === '' || t === '_all' || t === '*';
}

/** Resolved, sorted, de-duplicated model ids. */
export function expandIds(state: ClusterState, expr: string, allowNoMatch: boolean): string[] {
  const ids = new Set<string>();
  const modelIds = [...state.models.keys()];
  const aliases = state.aliases ? [...state.aliases.entries()] : [];
  if (isMatchAll(expr)) {
    for (const m of modelIds) ids.add(m);
    return [...ids].sort();
  }
  const unmatched: string[] = [];
  for (const token of expr.split(',')) {
    if (token === '_all' || token === '*') {
      modelIds.forEach((m) => ids.add(m));
      continue;
    }
    if (isWildcard(token)) {
      let hit = false;
      for (const m of modelIds) if (wildcardMatch(token, m)) (ids.add(m), (hit = true));
      for (const [a, m] of aliases) if (wildcardMatch(token, a) && state.models.has(m)) (ids.add(m), (hit = true));
      if (!hit && !allowNoMatch) unmatched.push(token);
      continue;
    }
    if (state.models.has(token)) ids.add(token);
    else {
      const target = state.aliases?.get(token);
      if (target !== undefined && state.models.has(target)) ids.add(target);
      else unmatched.push(token);
    }
  }
  if (unmatched.length > 0) throw missingTrainedModel(unmatched.join(','));
  return [...ids].sort();
}
