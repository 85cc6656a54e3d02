/**
 * What the store keeps for queries, derived from a case's state and history. Pure, so the API and the
 * workflow derive the same projection and saving it twice is harmless.
 */
import { isOpenStage, type CaseEvent, type GeoPoint } from '../domain/case/events.js';
import type { CaseState } from '../domain/case/case-state.js';
import { RUNGS } from '../domain/city/schema.js';
import type { BoardStatus, CaseProjection } from '../ports/case-store.js';

const WATCHED_STAGES = new Set(['dispatched', 'handling', 'extensionRequested']);

/** A case is on the warning board once a reminder fired, and on the overdue board once any rung after expiry did. */
function boardStatusOf(state: CaseState): BoardStatus | undefined {
  if (!isOpenStage(state.stage) || !WATCHED_STAGES.has(state.stage)) return undefined;
  const rung = state.escalation.rung;
  // A new handling window (rework, a new lead) starts the ladder again and takes the case off the board.
  if (rung === undefined || (state.handleClock?.firedSteps.length ?? 0) === 0) return undefined;
  return RUNGS.indexOf(rung) >= RUNGS.indexOf('urge') ? 'overdue' : 'warning';
}

function nextDueOf(state: CaseState): string | undefined {
  if (!isOpenStage(state.stage)) return undefined;
  if (state.stage === 'dispatched' && state.acceptDueAt && !state.acceptedAt) return state.acceptDueAt;
  if (WATCHED_STAGES.has(state.stage)) return state.handleDueAt;
  return state.step?.dueAt ?? state.handleDueAt;
}

export function projectCase(state: CaseState, events: readonly CaseEvent[], cityUnitId: string): CaseProjection {
  const received = events.find((event) => event.type === 'received');
  const location: GeoPoint | undefined = received?.type === 'received' ? received.data.location : undefined;
  const supervising = state.territory.find((link) => link.level === state.supervisingLayer);
  const projection: CaseProjection = { state, supervisingUnitId: supervising?.unitId ?? cityUnitId };
  const boardStatus = boardStatusOf(state);
  if (boardStatus) projection.boardStatus = boardStatus;
  if (location) projection.location = location;
  const nextDueAt = nextDueOf(state);
  if (nextDueAt) projection.nextDueAt = nextDueAt;
  return projection;
}
