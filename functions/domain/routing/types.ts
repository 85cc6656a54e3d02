/**
 * What routing takes and what it answers. Routing never throws for anything a city or a caller can get
 * wrong in data: every such case becomes `needsDecision`, so the case lands on a dispatcher's desk with
 * the reason instead of failing a workflow task (and being retried, or lost).
 */
import type { OwnerRule, RequestType, ResponsibilityRow, Urgency } from '../city/schema.js';
import type { GeoPoint } from '../geo/types.js';
import type { AppliedLimits } from './limits.js';

export interface RouteInput {
  categoryCode: string;
  /** Where the problem is. Used only when `gridId` is absent. */
  location?: GeoPoint;
  /**
   * The grid the case belongs to, when a person says so (a grid worker reporting in their own grid, an
   * operator picking it). It wins over `location`: a GPS fix near an edge is less sure than the worker.
   */
  gridId?: string;
  /** Epoch ms. Picks the responsibility-list version; a later change applies to new cases only. */
  receivedAt: number;
  /** Picks the limits tier; the category's default urgency when absent. */
  urgency?: Urgency;
  /** For hotline topics with limits per request type (咨询, 求助, ...). */
  requestType?: RequestType;
}

export interface Routed {
  kind: 'routed';
  /** The lead (主办): a department id or a territorial unit id. */
  leadId: string;
  /** Co-handlers (协办), deduplicated, in row order, never the lead. */
  coHandlerIds: string[];
  responsibilityVersion: number;
  ownerRule: OwnerRule;
  /** The row that decided, so limits and the closing condition come from the same place. */
  row: ResponsibilityRow;
  /** The limits the case runs on (see `limitsFor`). */
  limits: AppliedLimits;
  /** The grid the case was placed in, when it had one. */
  gridId?: string;
}

export const DECISION_CODES = [
  'unknownCategory', // the code is in no category of the city
  'noVersionInEffect', // received before the first responsibility-list version takes effect
  'unknownGrid', // the given grid id is not a grid of the city
  'outsideGrids', // the location lies in no grid
  'noRowForCategory', // the version in effect has no row for the category
  'noRowForArea', // every row for the category is narrowed to other areas (or the case has no place)
  'severalOwners', // owner first, and the row names more than one owner
  'noLocation', // territory must answer, but the case has no location or grid
  'noTerritorialUnit', // the row names no territorial level, or the chain has no unit at it
  'conflictingRows', // equally specific rows name different leads
  'unknownHandler', // a row names a lead or co-handler that is no unit, department or office
] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

export interface NeedsDecision {
  kind: 'needsDecision';
  code: DecisionCode;
  /** One English sentence for the dispatcher, naming the ids involved. */
  reason: string;
  /** Who could lead, when the list narrows it down (owners, or the leads of conflicting rows). */
  candidates: string[];
  /** The version in effect, when one was found: the dispatcher's decision is recorded against it. */
  responsibilityVersion?: number;
  gridId?: string;
}

export type RouteResult = Routed | NeedsDecision;
