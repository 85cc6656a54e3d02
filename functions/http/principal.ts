/**
 * Who is calling, from the claims of a verified JWT. Cognito-compatible: roles are the user's groups
 * (`cognito:groups`), the unit and the scope are custom attributes (`custom:unitId`, `custom:scopeUnitId`).
 * On AWS the HTTP API's JWT authorizer verifies the token and passes the claims; locally the server verifies
 * it the same way before the handler runs.
 */
import { ROLES, type Role } from '../domain/city/schema.js';
import type { Actor } from '../domain/case/events.js';
import { HttpProblem } from './problem.js';

export interface Principal {
  userId: string;
  role: Role;
  /** The unit or department a grid worker, staff member or head belongs to. */
  unitId?: string;
  /** The territory a dispatcher or supervisor is scoped to. */
  scopeUnitId?: string;
  name?: string;
}

/** The strongest role first: a user in several groups acts with the highest. */
const PRECEDENCE: readonly Role[] = ['admin', 'supervisor', 'dispatcher', 'unitHead', 'unitStaff', 'gridWorker', 'citizen'];

/** API Gateway HTTP APIs pass array claims as a string such as `[dispatcher admin]`. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  if (!claims || typeof claims.sub !== 'string') throw new HttpProblem(401, 'a bearer token is required', { code: 'Unauthenticated', headers: { 'www-authenticate': 'Bearer' } });
  const groups = groupsOf(claims['cognito:groups']);
  const role = PRECEDENCE.find((candidate) => groups.includes(candidate));
  if (!role) throw new HttpProblem(403, `the token names no role of this platform (groups: ${groups.join(', ') || 'none'}; roles: ${ROLES.join(', ')})`, { code: 'NoRole' });
  const unitId = typeof claims['custom:unitId'] === 'string' ? claims['custom:unitId'] : undefined;
  const scopeUnitId = typeof claims['custom:scopeUnitId'] === 'string' ? claims['custom:scopeUnitId'] : undefined;
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  if ((role === 'unitStaff' || role === 'unitHead' || role === 'gridWorker') && !unitId) {
    throw new HttpProblem(403, `a ${role} token must carry custom:unitId`, { code: 'NoUnit' });
  }
  return { userId: claims.sub, role, ...(unitId ? { unitId } : {}), ...(scopeUnitId ? { scopeUnitId } : {}), ...(name ? { name } : {}) };
}

export const actorOf = (principal: Principal): Actor => ({
  kind: principal.role,
  id: principal.userId,
  ...(principal.unitId ? { unitId: principal.unitId } : principal.scopeUnitId ? { unitId: principal.scopeUnitId } : {}),
});
