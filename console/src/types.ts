/** The shapes of the API answers the console reads (see /openapi.json for the full contract). */
export type Localized = { zh: string; en: string };
export type TimeStatus = 'onTrack' | 'warning' | 'overdue';
export interface TimeLeft {
  ms: number;
  kind: 'working' | 'natural';
}

export interface BoardItem {
  id: string;
  stage: string;
  categoryCode: string;
  leadId?: string;
  supervisingLayer: string;
  supervisingUnitId: string;
  status: TimeStatus;
  nextDueAt?: string;
  timeLeft?: TimeLeft;
  rung?: string;
  receivedAt: string;
}

export interface BoardSummary {
  scopeUnitId: string;
  asOf: string;
  timeZone: string;
  total: number;
  byStatus: Record<TimeStatus, number>;
  byStage: Record<string, number>;
  byLayer: Record<string, number>;
  byStageAndLayer: { stage: string; layer: string; count: number }[];
  warning: BoardItem[];
  overdue: BoardItem[];
}

/** `GET /board/{unitId}/map`: one point per located open case, in columns (the i-th of each array). */
export interface BoardMapPoints {
  statuses: TimeStatus[];
  stages: string[];
  points: { id: string[]; lon: number[]; lat: number[]; status: number[]; stage: number[] };
}

/** One point, as the map's hover and click give it. */
export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  status: TimeStatus;
}

export interface EscalationItem {
  caseId: string;
  rung: string;
  at: string;
  stage: string;
  categoryCode: string;
  leadId?: string;
  supervisingLayer: string;
  supervisingUnitId: string;
  status: TimeStatus;
}

export interface Directory {
  id: string;
  name: Localized;
  locale: string;
  timeZone: string;
  bounds?: { west: number; south: number; east: number; north: number };
  levels: string[];
  units: { id: string; level: string; name: Localized; parentId?: string }[];
  departments: { id: string; level: string; platform: string; name: Localized; supervisorId: string }[];
  offices: { id: string; role: string; unitId: string; name: Localized }[];
  categories: { code: string; kind: string; name: Localized; group: Localized }[];
}

export interface TimelineEntry {
  seq: number;
  type: string;
  at: string;
  actor: { kind: string; id: string; unitId?: string };
  reason?: string;
  data: Record<string, unknown>;
}

export interface CaseView {
  id: string;
  version: number;
  stage: string;
  channel: string;
  category: { code: string; name?: Localized };
  urgency: string;
  requestType?: string;
  description: string;
  address?: string;
  location?: { lon: number; lat: number };
  gridId?: string;
  reporter?: { name?: string; phone?: string; email?: string };
  lead?: { id: string; name?: Localized };
  coHandlers: { id: string; name?: Localized }[];
  supervisingLayer: string;
  deadlines: { acceptDueAt?: string; handleDueAt?: string; stepDueAt?: string; step?: string };
  counters: Record<'returns' | 'reworks' | 'extensions' | 'suspensions' | 'escalations', number>;
  receivedAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
}

export interface ActionMenu {
  caseId: string;
  version: number;
  stage: string;
  asOf: string;
  actions: { action: string; requires: string[] }[];
  deadlines: { name: string; step?: string; dueAt: string; timeLeft: TimeLeft }[];
}

export interface InboxPage {
  unitId: string;
  items: { id: string; stage: string; categoryCode: string; leadId?: string; supervisingLayer: string; supervisingUnitId: string; nextDueAt?: string; boardStatus?: 'warning' | 'overdue'; receivedAt: string }[];
  cursor?: string;
}

export interface UnitAppraisal {
  unitId: string;
  counts: Record<string, number>;
  metrics: Record<string, number | null>;
  items: { metric: string; value: number | null; points: number; max: number | null; prorated: boolean }[];
  score: number | null;
  standing: { kind: 'ranked'; rank: number; list?: 'red' | 'black' } | { kind: 'unranked'; reason: 'tooFewCases' | 'notAssessed' };
}

export interface AppraisalResult {
  group: string;
  period?: { label: string; timeZone: string };
  units: UnitAppraisal[];
  redList: string[];
  blackList: string[];
  unranked: string[];
}

export interface OutboxEntry {
  position: number;
  recordedAt: string;
  redelivery: boolean;
  notice: {
    id: string;
    caseId: string;
    topic: string;
    recipient: { kind: string; id: string; name?: Localized; sms: string[]; email?: string[] };
    subject: Localized;
    body: Localized;
  };
}
