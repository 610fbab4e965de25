/**
 * Cluster privileges as sets of transport-action patterns, and the
 * "granted by" list of the 403 message. ES orders that list from least to most
 * privileged (`ClusterPrivilegeResolver.findPrivilegesThatGrant` over values sorted by
 * `sortByAccessLevel`: the number of other privileges implied, then the name).
 * Checked in elastic/elasticsearch source; ES knows many more privileges than the few
 * emulated here, so lists only contain these [decision].
 */

const PATTERNS: Record<string, string[]> = {
  all: ['cluster:*', 'indices:*'],
  // manage: every cluster action but security ones
  manage: ['cluster:*'],
  monitor: ['cluster:monitor/*'],
  manage_ml: ['cluster:admin/xpack/ml/*', 'cluster:monitor/xpack/ml/*'],
  monitor_ml: ['cluster:monitor/xpack/ml/*'],
  manage_pipeline: ['cluster:admin/ingest/pipeline/*'],
  manage_ingest_pipelines: ['cluster:admin/ingest/pipeline/*'],
  read_pipeline: ['cluster:admin/ingest/pipeline/get', 'cluster:admin/ingest/pipeline/simulate'],
};

const EXCLUDED_FROM_MANAGE = ['cluster:admin/xpack/security/*'];

/** Least privileged first (see header). */
export const PRIVILEGE_ORDER = ['monitor_ml', 'read_pipeline', 'manage_ml', 'manage_ingest_pipelines', 'manage_pipeline', 'monitor', 'manage', 'all'];

export const KNOWN_CLUSTER_PRIVILEGES = Object.keys(PATTERNS);

function glob(p: string, action: string): boolean {
  return p.endsWith('*') ? action.startsWith(p.slice(0, -1)) : p === action;
}

export function privilegeGrants(privilege: string, action: string): boolean {
  const pats = PATTERNS[privilege];
  if (!pats) return false;
  if (privilege === 'manage' && EXCLUDED_FROM_MANAGE.some((p) => glob(p, action))) return false;
  return pats.some((p) => glob(p, action));
}

export function grantingPrivileges(action: string): string[] {
  return PRIVILEGE_ORDER.filter((p) => privilegeGrants(p, action));
}

/** Does a set of held privileges imply `wanted` (for _has_privileges)? */
export function implies(held: string[], wanted: string): boolean {
  if (held.includes(wanted) || held.includes('all')) return true;
  const wantedPats = PATTERNS[wanted];
  if (!wantedPats) return false;
  // every pattern of `wanted` must be covered by some held privilege's pattern
  return wantedPats.every((wp) =>
    held.some((h) => {
      const hp = PATTERNS[h];
      if (!hp) return false;
      if (h === 'manage' && EXCLUDED_FROM_MANAGE.some((x) => wp.startsWith(x.slice(0, -1)))) return false;
      return hp.some((p) => (p.endsWith('*') ? wp.startsWith(p.slice(0, -1)) : p === wp));
    }),
  );
}

/** Is the action an index-level one? (indices:* but not template actions). */
export function isClusterAction(action: string): boolean {
  return action.startsWith('cluster:') || action.startsWith('indices:admin/template/') || action.startsWith('indices:admin/index_template/');
}
