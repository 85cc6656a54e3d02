/**
 * What the case endpoints and the queries answer, as zod schemas: the OpenAPI document embeds them as JSON
 * Schema, and the API tests check real responses against that document, so the description cannot drift
 * from what the handlers send. Response objects stay open (new fields may appear); requests are strict.
 */
import { z } from 'zod';
import { CHANNELS, STAGES, type CaseEventType, type CentreStep } from '../../domain/case/events.js';
import { LEVELS, REQUEST_TYPES, ROLES, URGENCIES } from '../../domain/city/schema.js';

// Runtime lists of two type-only unions: an object with every member as a key fails to compile when the
// union gains or loses one.
const CENTRE_STEPS = Object.keys({
  dispatchDecision: 1, arbitration: 1, extensionDecision: 1, verification: 1, callback: 1,
} satisfies Record<CentreStep, 1>) as [CentreStep, ...CentreStep[]];
const EVENT_TYPES = Object.keys({
  received: 1, routed: 1, routingNeedsDecision: 1, dispatched: 1, accepted: 1, returned: 1, arbitrated: 1, escalated: 1,
  extensionRequested: 1, extensionApproved: 1, extensionRefused: 1, suspensionRequested: 1, suspended: 1, resumed: 1,
  progressNoted: 1, resultReported: 1, verified: 1, callbackRecorded: 1, reworkOrdered: 1, closed: 1, mergedAsDuplicate: 1,
  unmerged: 1, leaderInstructed: 1, deadlineMissed: 1, duplicateAttached: 1, duplicateDetached: 1,
} satisfies Record<CaseEventType, 1>) as [CaseEventType, ...CaseEventType[]];

/** ISO 8601 instants in UTC; documented by format rather than zod's long date-time pattern, for readers. */
export const instant = (description?: string) => z.string().meta({ format: 'date-time', ...(description ? { description } : {}) });
const count = z.number().int().min(0);
const localized = z.object({ zh: z.string(), en: z.string() }).meta({ description: 'In Chinese and English, as the city configuration gives it.' });
const named = z.object({ id: z.string(), name: localized.optional().meta({ description: 'Absent when the id is not in the city configuration.' }) });

const Actor = z.object({
  kind: z.enum([...ROLES, 'system']),
  id: z.string().meta({ description: 'A user id, or the name of the system component.' }),
  unitId: z.string().optional().meta({ description: 'The unit or department the actor acted for.' }),
});

export const TimelineEntry = z.object({
  seq: z.number().int().min(1),
  type: z.enum(EVENT_TYPES),
  at: instant(),
  actor: Actor,
  reason: z.string().optional(),
  data: z.record(z.string(), z.unknown()).meta({ description: 'The facts the event records; its fields depend on `type`.' }),
});

export const CaseView = z
  .object({
    id: z.string(),
    version: z.number().int().min(1).meta({ description: 'The number of events so far; every action is appended on the version it read.' }),
    stage: z.enum(STAGES),
    channel: z.enum(CHANNELS),
    category: z.object({ code: z.string(), name: localized.optional() }),
    urgency: z.enum(URGENCIES),
    requestType: z.enum(REQUEST_TYPES).optional(),
    description: z.string(),
    address: z.string().optional(),
    photoUrls: z.array(z.string()).optional().meta({ description: 'Photos of the problem as sent at intake (http(s) URLs).' }),
    attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional().meta({ description: 'Answers to the category’s fields, by field code.' }),
    location: z.object({ lon: z.number(), lat: z.number() }).optional(),
    gridId: z.string().optional(),
    reporter: z
      .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
      .optional()
      .meta({ description: 'Masked for units (they answer through the platform); in full for the centre and the reporter.' }),
    lead: named.optional(),
    coHandlers: z.array(named),
    supervisingLayer: z.enum(LEVELS),
    deadlines: z.object({ acceptDueAt: instant().optional(), handleDueAt: instant().optional(), stepDueAt: instant().optional(), step: z.enum(CENTRE_STEPS).optional() }),
    counters: z.object({ returns: count, reworks: count, extensions: count, suspensions: count, escalations: count }),
    receivedAt: instant(),
    updatedAt: instant(),
    timeline: z.array(TimelineEntry),
  })
  .meta({ description: 'A case as the caller may see it, with its whole history.' });

export const ActionResult = CaseView.extend({
  appended: z.array(z.number().int().min(1)).meta({ description: 'The `seq` of each event the action appended.' }),
}).meta({ description: 'The case after the action.' });

export const IntakeResult = z.object({
  caseId: z.string(),
  created: z.boolean().meta({ description: 'False when a retry (same Idempotency-Key, or same channel and externalId) found the case already taken in.' }),
  stage: z.enum(STAGES),
  routing: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('routed'), leadId: z.string(), coHandlerIds: z.array(z.string()), responsibilityVersion: z.number().int() }),
    z.object({ kind: z.literal('needsDecision'), reason: z.string() }).meta({ description: 'No rule of the responsibility list fits: a dispatcher decides.' }),
  ]),
  expectedDeadline: instant('When the handling is due, from the routing decision; absent when a dispatcher must decide.').optional(),
});

export const InboxItem = z.object({
  id: z.string(),
  stage: z.enum(STAGES),
  categoryCode: z.string(),
  leadId: z.string().optional(),
  supervisingLayer: z.enum(LEVELS),
  supervisingUnitId: z.string(),
  nextDueAt: instant('The nearest deadline of the case; the list is sorted by it.').optional(),
  boardStatus: z.enum(['warning', 'overdue']).optional(),
  receivedAt: instant(),
});

const cursor = z.string().optional().meta({ description: 'Present when there is a next page: pass it as `cursor`.' });
export const InboxPage = z.object({ unitId: z.string(), items: z.array(InboxItem), cursor });
export const BoardPage = z.object({ supervisingUnitId: z.string(), status: z.enum(['warning', 'overdue']), items: z.array(InboxItem), cursor });

/** What a citizen sees of their case (`GET /track/{caseId}`, native/track.ts). */
export const TrackView = z.object({
  id: z.string(),
  status: z.string().describe('The stage in plain words'),
  stage: z.string(),
  category: z.object({ zh: z.string(), en: z.string() }).optional(),
  receivedAt: z.string(),
  expectedBy: z.string().optional(),
  joinedTo: z.string().optional().describe('The earlier case this report was joined to, if any'),
  answer: z.string().optional(),
  closedAt: z.string().optional(),
  canRate: z.boolean(),
});

export const Health = z.object({ status: z.literal('ok'), version: z.string() });
