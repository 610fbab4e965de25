/**
 * Optional security: basic users and API keys with roles that are sets
 * of cluster privileges. Messages read from elastic/elasticsearch
 * (`AuthorizationDenialMessages`, `DefaultAuthenticationFailureHandler`).
 */
import { EsError } from '../rest/errors';
import { grantingPrivileges, isClusterAction, privilegeGrants } from './privileges';

export interface SecurityConfig {
  users?: Array<{ username: string; password: string; roles: string[] }>;
  apiKeys?: Array<{ id: string; key: string; roles: string[] }>;
  roles?: Record<string, string[]>;
}

export interface Principal {
  username: string;
  /** Declared role names. */
  roles: string[];
  apiKeyId?: string;
  /** Authenticating user when running as another (es-security-runas-user). */
  authenticatedBy?: string;
}

/** Built-in roles for convenience; options.security.roles may add or override. */
export const DEFAULT_ROLES: Record<string, string[]> = {
  superuser: ['all'],
  manage_ml: ['manage_ml'],
  monitor_ml: ['monitor_ml'],
  read_pipeline: ['read_pipeline'],
  'read-only': ['monitor', 'read_pipeline'],
  // grants the run_as right (sandbox stand-in for a role's run_as list)
  run_as: ['run_as'],
};

/**
 * WWW-Authenticate challenges of the default realms. ES 8 also offers `Bearer` when the
 * token service is on (needs TLS); the sandbox sends Basic and ApiKey.
 */
// no comma between the parameters: ES's DefaultAuthenticationFailureHandler writes it so
const CHALLENGES = ['Basic realm="security" charset="UTF-8"', 'ApiKey'];

function unauthenticated(reason: string): EsError {
  return new EsError(401, 'security_exception', reason, { headers: { 'WWW-Authenticate': CHALLENGES } });
}

export class Security {
  private readonly roles: Record<string, string[]>;
  constructor(private readonly config: SecurityConfig) {
    this.roles = { ...DEFAULT_ROLES, ...(config.roles ?? {}) };
  }

  privilegesOf(p: Principal): string[] {
    return [...new Set(p.roles.flatMap((r) => this.roles[r] ?? []))];
  }

  private knownRoles(p: Principal): string[] {
    return p.roles.filter((r) => this.roles[r] !== undefined).sort();
  }

  /** Authenticates the request or throws 401 (`missing authentication credentials for REST request [uri]`). */
  authenticate(headers: Record<string, string | string[] | undefined>, uri: string): Principal {
    const auth = headerValue(headers['authorization']);
    if (!auth) throw unauthenticated(`missing authentication credentials for REST request [${uri}]`);
    let principal: Principal;
    const sp = auth.indexOf(' ');
    const scheme = sp < 0 ? auth : auth.slice(0, sp);
    const cred = sp < 0 ? '' : auth.slice(sp + 1).trim();
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(cred, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const username = colon < 0 ? decoded : decoded.slice(0, colon);
      const password = colon < 0 ? '' : decoded.slice(colon + 1);
      const u = (this.config.users ?? []).find((x) => x.username === username);
      if (!u || u.password !== password) throw unauthenticated(`unable to authenticate user [${username}] for REST request [${uri}]`);
      principal = { username: u.username, roles: [...u.roles] };
    } else if (scheme.toLowerCase() === 'apikey') {
      const decoded = Buffer.from(cred, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const id = colon < 0 ? decoded : decoded.slice(0, colon);
      const key = colon < 0 ? '' : decoded.slice(colon + 1);
      const k = (this.config.apiKeys ?? []).find((x) => x.id === id);
      if (!k || k.key !== key) {
        throw unauthenticated('unable to authenticate with provided credentials and anonymous access is not allowed for this request');
      }
      // An API key's owner: the sandbox names it after the key [decision].
      principal = { username: `api_key_owner_${id}`, roles: [...k.roles], apiKeyId: id };
    } else {
      throw unauthenticated(`missing authentication credentials for REST request [${uri}]`);
    }
    return principal;
  }

  /** Applies `es-security-runas-user`; a denied run-as is answered at authorization time. */
  runAs(p: Principal, headers: Record<string, string | string[] | undefined>): Principal & { runAsDenied?: string } {
    const target = headerValue(headers['es-security-runas-user']);
    if (target === undefined) return p;
    const canRunAs = this.privilegesOf(p).some((x) => x === 'run_as' || x === 'all');
    const t = (this.config.users ?? []).find((u) => u.username === target);
    if (!canRunAs || !t) return { ...p, runAsDenied: target };
    return { username: t.username, roles: [...t.roles], authenticatedBy: p.username };
  }

  /**
   * 403 `action [A] is unauthorized for user [u] with effective roles [r], this action is
   * granted by the cluster privileges [p1,p2]` (8.x); 7.x omits the roles part [decision].
   * API keys print `API key id [k] of user [u]` and no roles.
   */
  authorize(p: Principal & { runAsDenied?: string }, action: string, effectiveRolesText: boolean): void {
    const userText = p.apiKeyId ? `API key id [${p.apiKeyId}] of user [${p.username}]` : `user [${p.authenticatedBy ?? p.username}]`;
    const rolesText = (roles: string[]): string => {
      if (!effectiveRolesText || p.apiKeyId) return '';
      return ` with effective roles [${roles.join(',')}]`;
    };
    if (p.runAsDenied !== undefined) {
      throw new EsError(
        403,
        'security_exception',
        `action [${action}] is unauthorized for ${userText}${rolesText(this.knownRoles(p))}, because ${userText} is unauthorized to run as [${p.runAsDenied}]`,
      );
    }
    const privs = this.privilegesOf(p);
    if (privs.some((x) => privilegeGrants(x, action))) return;
    if (!isClusterAction(action)) {
      // roles are sets of cluster privileges; document actions are allowed to any
      // authenticated principal unless it holds nothing at all [sandbox decision]
      if (privs.length > 0) return;
    }
    let who = userText;
    if (p.authenticatedBy) who = `${userText} run as [${p.username}]`;
    let msg = `action [${action}] is unauthorized for ${who}${rolesText(this.knownRoles(p))}`;
    const missing = p.roles.filter((r) => this.roles[r] === undefined).sort();
    if (effectiveRolesText && !p.apiKeyId && missing.length > 0) msg += ` (assigned roles [${missing.join(',')}] were not found)`;
    const granting = isClusterAction(action) ? grantingPrivileges(action) : [];
    if (granting.length > 0) msg += `, this action is granted by the cluster privileges [${granting.join(',')}]`;
    throw new EsError(403, 'security_exception', msg);
  }
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
