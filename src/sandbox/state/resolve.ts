/**
 * `TrainedModelProvider.expandIds` (docs §1.3): comma tokens, `_all`/`*`,
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
  return isAllOrWildcard(tokenizeExpression(expr));
}

/**
 * `ExpandedIdsMatcher.tokenizeExpression` = `Strings.tokenizeToStringArray(expr, ",")`:
 * tokens trimmed, empty ones dropped.
 */
export function tokenizeExpression(expr: string): string[] {
  return expr
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** `Strings.isAllOrWildcard(String[])`: no token, or exactly one token that is `_all` or `*`. */
export function isAllOrWildcard(tokens: string[]): boolean {
  return tokens.length === 0 || (tokens.length === 1 && (tokens[0] === '_all' || tokens[0] === '*'));
}

/** `ExpandedIdsMatcher.SimpleIdsMatcher(expression).idMatches(id)`. */
export function simpleIdsMatcher(expr: string): (id: string) => boolean {
  const tokens = tokenizeExpression(expr);
  if (isAllOrWildcard(tokens)) return () => true;
  return (id) => tokens.some((t) => (isWildcard(t) ? wildcardMatch(t, id) : t === id));
}

/**
 * Resolved, sorted, de-duplicated model ids (`TrainedModelProvider.expandIds`).
 * `previouslyMatched` (8.8+ `_stats`: deployment ids the expression matched) counts as
 * matched for the missing-id check, as `requiredMatches.filterMatchedIds(previouslyMatchedIds)`
 * (x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/inference/persistence/TrainedModelProvider.java).
 * `_all` is only special as the sole token (`Strings.isAllOrWildcard(tokens)`); inside a list
 * it is an exact id.
 */
export function expandIds(state: ClusterState, expr: string, allowNoMatch: boolean, previouslyMatched: Set<string> = new Set()): string[] {
  const ids = new Set<string>();
  const modelIds = [...state.models.keys()];
  const aliases = state.aliases ? [...state.aliases.entries()] : [];
  const tokens = tokenizeExpression(expr);
  if (isAllOrWildcard(tokens)) {
    for (const m of modelIds) ids.add(m);
    return [...ids].sort();
  }
  const unmatched: string[] = [];
  for (const token of tokens) {
    if (isWildcard(token)) {
      let hit = false;
      for (const m of modelIds) {
        if (!wildcardMatch(token, m)) continue;
        ids.add(m);
        hit = true;
      }
      for (const [a, m] of aliases) {
        if (!wildcardMatch(token, a) || !state.models.has(m)) continue;
        ids.add(m);
        hit = true;
      }
      for (const p of previouslyMatched) if (wildcardMatch(token, p)) hit = true;
      if (!hit && !allowNoMatch) unmatched.push(token);
      continue;
    }
    if (state.models.has(token)) ids.add(token);
    else {
      const target = state.aliases?.get(token);
      if (target !== undefined && state.models.has(target)) ids.add(target);
      else if (!previouslyMatched.has(token)) unmatched.push(token);
    }
  }
  if (unmatched.length > 0) throw missingTrainedModel(unmatched.join(','));
  return [...ids].sort();
}
