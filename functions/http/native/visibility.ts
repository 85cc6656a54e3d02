/**
 * Who may see a case, and what of it. A unit never sees another unit's case; a dispatcher or supervisor
 * sees the cases of their territory; a citizen sees the cases they reported; a grid worker those of their
 * grid or reported by them. Units see the reporter's contact masked: they answer through the platform.
 */
import type { CaseState } from '../../domain/case/case-state.js';
import type { CaseEvent } from '../../domain/case/events.js';
import type { Principal } from '../principal.js';

export function maySee(principal: Principal, state: CaseState, events: readonly CaseEvent[], cityUnitId: string): boolean {
  const reporterId = events.find((event) => event.type === 'received')?.actor.id;
  switch (principal.role) {
    case 'admin':
      return true;
    case 'dispatcher':
    case 'supervisor':
      return principal.scopeUnitId === undefined || principal.scopeUnitId === cityUnitId || state.territory.some((link) => link.unitId === principal.scopeUnitId);
    case 'unitStaff':
    case 'unitHead':
      return principal.unitId !== undefined && (state.leadId === principal.unitId || state.coHandlerIds.includes(principal.unitId));
    case 'gridWorker':
      return state.gridId === principal.unitId || reporterId === principal.userId;
    case 'citizen':
      return reporterId === principal.userId;
  }
}

/** `+8613800000001` → `+86138****0001`; `zhang@example.cn` → `z***@example.cn`. */
export const maskPhone = (phone: string): string => (phone.length > 8 ? `${phone.slice(0, 6)}****${phone.slice(-4)}` : '****');
export const maskEmail = (email: string): string => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
};

const UNMASKED = new Set(['admin', 'dispatcher', 'supervisor']);

/** The reporter's contact as this caller may see it (the citizen sees their own in full). */
export function reporterFor<R extends { name?: string; phone?: string; email?: string }>(principal: Principal, reporter: R | undefined, isOwn: boolean): R | undefined {
  if (!reporter || UNMASKED.has(principal.role) || isOwn) return reporter;
  return {
    ...reporter,
    ...(reporter.name ? { name: `${reporter.name.slice(0, 1)}*` } : {}),
    ...(reporter.phone ? { phone: maskPhone(reporter.phone) } : {}),
    ...(reporter.email ? { email: maskEmail(reporter.email) } : {}),
  };
}
