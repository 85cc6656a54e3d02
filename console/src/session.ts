/**
 * Who is signed in: the bearer token and what the console reads from its claims (role, unit, scope) to
 * choose pages. The claims are read, not trusted: the API verifies the token on every request. Kept in
 * sessionStorage so a reload stays signed in and closing the tab signs out.
 */
export interface Session {
  token: string;
  userId: string;
  name?: string;
  role: string;
  unitId?: string;
  scopeUnitId?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
}

const KEY = 'civic-loop.session';
const PRECEDENCE = ['admin', 'supervisor', 'dispatcher', 'unitHead', 'unitStaff', 'gridWorker', 'citizen'];

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionFromToken(token: string): Session {
  const claims = claimsOf(token);
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  const role = PRECEDENCE.find((candidate) => groups.includes(candidate)) ?? 'citizen';
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const session: Session = { token, userId: text(claims.sub) ?? '', role };
  const name = text(claims.name);
  const unitId = text(claims['custom:unitId']);
  const scopeUnitId = text(claims['custom:scopeUnitId']);
  if (name) session.name = name;
  if (unitId) session.unitId = unitId;
  if (scopeUnitId) session.scopeUnitId = scopeUnitId;
  if (typeof claims.exp === 'number') session.expiresAt = claims.exp;
  return session;
}

export function storedSession(): Session | undefined {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return undefined;
  try {
    const session = JSON.parse(stored) as Session;
    if (session.expiresAt !== undefined && session.expiresAt * 1000 < Date.now()) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export const saveSession = (session: Session) => sessionStorage.setItem(KEY, JSON.stringify(session));
export const clearSession = () => sessionStorage.removeItem(KEY);
