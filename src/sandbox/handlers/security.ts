/**
 * _security/_authenticate and _has_privileges for cluster privileges.
 */
import { EsError } from '../rest/errors';
import { KNOWN_CLUSTER_PRIVILEGES, implies, privilegeGrants } from '../security/privileges';
import type { Security } from '../security/auth';
import { HandlerContext, PreparedAction, RouteSpec } from './types';

/** When security is off, ES's security handlers refuse to run [sandbox wording of ES's 7.x/8.x message]. */
function securityDisabled(ctx: HandlerContext): EsError {
  return new EsError(
    500,
    'exception',
    `Security must be explicitly enabled when using a [${ctx.state.license}] license. Enable security by setting [xpack.security.enabled] to [true] in the elasticsearch.yml file and restart the node.`,
    { java: true },
  );
}

export function securityRoutes(getSecurity: () => Security | null): RouteSpec[] {
  const authenticate: RouteSpec = {
    method: 'GET',
    path: '/_security/_authenticate',
    handler: {
      name: 'xpack_security_authenticate_action',
      prepare(_req, ctx): PreparedAction {
        return {
          run() {
            const p = ctx.principal;
            if (!getSecurity() || !p) throw securityDisabled(ctx);
            return {
              body: {
                username: p.username,
                roles: p.roles,
                full_name: null,
                email: null,
                metadata: {},
                enabled: true,
                authentication_realm: { name: p.apiKeyId ? '_es_api_key' : 'default_native', type: p.apiKeyId ? '_es_api_key' : 'native' },
                lookup_realm: { name: p.apiKeyId ? '_es_api_key' : 'default_native', type: p.apiKeyId ? '_es_api_key' : 'native' },
                ...(p.apiKeyId ? { api_key: { id: p.apiKeyId, name: p.apiKeyId } } : {}),
                authentication_type: p.apiKeyId ? 'api_key' : 'realm',
              },
            };
          },
        };
      },
    },
  };

  const hasPrivileges: RouteSpec = {
    method: ['GET', 'POST'],
    path: ['/_security/user/_has_privileges', '/_security/user/{username}/_has_privileges'],
    handler: {
      name: 'security_has_privileges_action',
      prepare(req, ctx): PreparedAction {
        const username = req.params.get('username');
        const body = req.hasContent ? req.json() : {};
        return {
          run() {
            const sec = getSecurity();
            const p = ctx.principal;
            if (!sec || !p) throw securityDisabled(ctx);
            if (username !== undefined && username !== p.username) {
              throw new EsError(400, 'illegal_argument_exception', `users may only check the privileges of their own account`);
            }
            const wanted = Array.isArray(body.cluster) ? (body.cluster as unknown[]).map(String) : [];
            for (const w of wanted) {
              if (!KNOWN_CLUSTER_PRIVILEGES.includes(w) && !w.startsWith('cluster:')) {
                throw new EsError(400, 'illegal_argument_exception', `unknown cluster privilege [${w}]. a privilege must be either one of the predefined cluster privilege names [${KNOWN_CLUSTER_PRIVILEGES.join(',')}] or a pattern over one of the available cluster actions`);
              }
            }
            const held = sec.privilegesOf(p);
            const cluster: Record<string, boolean> = {};
            for (const w of wanted) cluster[w] = w.startsWith('cluster:') ? held.some((h) => privilegeGrants(h, w)) : implies(held, w);
            const index: Record<string, Record<string, boolean>> = {};
            if (Array.isArray(body.index)) {
              for (const ix of body.index as Array<{ names?: string[] | string; privileges?: string[] }>) {
                const names = Array.isArray(ix.names) ? ix.names : ix.names !== undefined ? [ix.names] : [];
                for (const n of names) {
                  index[n] = Object.fromEntries((ix.privileges ?? []).map((pr) => [pr, held.includes('all')]));
                }
              }
            }
            const all = Object.values(cluster).every(Boolean) && Object.values(index).every((o) => Object.values(o).every(Boolean));
            return { body: { username: p.username, has_all_requested: all, cluster, index, application: {} } };
          },
        };
      },
    },
  };
  return [authenticate, hasPrivileges];
}
