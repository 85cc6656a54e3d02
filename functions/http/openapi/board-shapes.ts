/**
 * What the command board's queries (`/board/{unitId}/summary`, `/map`, `/escalations`) and the city's
 * directory and outlines (`/city`, `/city/outlines/{level}`) answer, as zod schemas for the OpenAPI
 * document; the API tests check real answers against them.
 */
import { z } from 'zod';
import { STAGES } from '../../domain/case/events.js';
import { LEVELS, RUNGS } from '../../domain/city/schema.js';
import { instant } from './case-shapes.js';

const count = z.number().int().min(0);
const countsOf = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((key) => [key, count])));
const localized = z.object({ zh: z.string(), en: z.string() });
const status = z.enum(['onTrack', 'warning', 'overdue']).meta({ description: 'Green, yellow, red: `overdue` past the deadline or on the overdue board, `warning` on the warning board, `onTrack` otherwise.' });

const BoardListItem = z.object({
  id: z.string(),
  stage: z.enum(STAGES),
  categoryCode: z.string(),
  leadId: z.string().optional(),
  supervisingLayer: z.enum(LEVELS),
  supervisingUnitId: z.string(),
  status,
  nextDueAt: instant('The deadline the case is watched against now.').optional(),
  timeLeft: z
    .object({ ms: z.number().meta({ description: 'Negative once the deadline has passed.' }), kind: z.enum(['working', 'natural']) })
    .optional()
    .meta({ description: 'Time left to the deadline, counted on the city’s working calendar (or in natural time for limits set in natural time).' }),
  rung: z.enum(RUNGS).optional().meta({ description: 'The highest rung of the escalation ladder reached in the current window.' }),
  receivedAt: instant(),
});

export const BoardSummary = z
  .object({
    scopeUnitId: z.string(),
    asOf: instant('The platform’s clock when the board was read.'),
    timeZone: z.string().meta({ description: 'The city’s IANA time zone, for showing instants.' }),
    total: count,
    byStatus: countsOf(['onTrack', 'warning', 'overdue']),
    byStage: countsOf(STAGES),
    byLayer: countsOf(LEVELS).meta({ description: 'By the layer that supervises the case now.' }),
    byStageAndLayer: z.array(z.object({ stage: z.enum(STAGES), layer: z.enum(LEVELS), count })).meta({ description: 'The non-empty cells of stage × supervising layer.' }),
    warning: z.array(BoardListItem).meta({ description: 'Cases on the warning board, nearest deadline first, at most `limit`.' }),
    overdue: z.array(BoardListItem).meta({ description: 'Overdue cases, longest overdue first, at most `limit`.' }),
  })
  .meta({ description: 'The open cases of a territory counted by stage, supervising layer and time status, with the warning and overdue lists.' });

export const BoardMap = z
  .object({
    scopeUnitId: z.string(),
    asOf: instant(),
    withoutLocation: count.meta({ description: 'Open cases of the scope with no point (reported by grid or address only).' }),
    statuses: z.array(z.enum(['onTrack', 'warning', 'overdue'])).meta({ description: 'What each code in `points.status` means: green, yellow, red (`overdue` past the deadline or on the overdue board, `warning` on the warning board, `onTrack` otherwise).' }),
    stages: z.array(z.enum(STAGES)).meta({ description: 'What each code in `points.stage` means.' }),
    points: z
      .object({
        id: z.array(z.string()).meta({ description: 'The case of each point.' }),
        lon: z.array(z.number()).meta({ description: 'Longitude, 5 decimals (about a metre).' }),
        lat: z.array(z.number()).meta({ description: 'Latitude, 5 decimals.' }),
        status: z.array(z.number().int().min(0)).meta({ description: 'Time status, an index into `statuses`.' }),
        stage: z.array(z.number().int().min(0)).meta({ description: 'Stage, an index into `stages`.' }),
      })
      .meta({ description: 'One point per located open case, in columns: the i-th entry of each array belongs to the i-th point (all arrays have the same length).' }),
  })
  .meta({ description: 'Every located open case of a territory as a point, in columns (a city has tens of thousands; columns are a third of the bytes of an object per point).' });

export const EscalationFeed = z
  .object({
    scopeUnitId: z.string(),
    asOf: instant(),
    items: z.array(
      z.object({
        caseId: z.string(),
        rung: z.enum(RUNGS),
        at: instant('When the rung fired.'),
        stage: z.enum(STAGES),
        categoryCode: z.string(),
        leadId: z.string().optional(),
        supervisingLayer: z.enum(LEVELS),
        supervisingUnitId: z.string(),
        status,
      }),
    ),
  })
  .meta({ description: 'The latest escalation of each open case of the territory, latest first.' });

export const CityDirectory = z
  .object({
    id: z.string(),
    name: localized,
    locale: z.string(),
    timeZone: z.string(),
    bounds: z.object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() }).optional().meta({ description: 'The box around every grid.' }),
    levels: z.array(z.enum(LEVELS)),
    units: z.array(z.object({ id: z.string(), level: z.enum(LEVELS), name: localized, parentId: z.string().optional() })).meta({ description: 'Every territorial unit above the grids.' }),
    departments: z.array(z.object({ id: z.string(), level: z.string(), platform: z.string(), name: localized, supervisorId: z.string() })),
    offices: z.array(z.object({ id: z.string(), role: z.string(), unitId: z.string(), name: localized })),
    categories: z.array(z.object({ code: z.string(), kind: z.string(), name: localized, group: localized })),
  })
  .meta({ description: 'The names a client needs to label what the API answers, and the city’s time zone.' });

const ring = z.array(z.tuple([z.number(), z.number()]));
export const OutlineCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    level: z.enum(LEVELS),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({ id: z.string(), parentId: z.string().optional(), name: localized.optional().meta({ description: 'Absent for grids.' }) }),
        geometry: z.discriminatedUnion('type', [
          z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
          z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
        ]),
      }),
    ),
  })
  .meta({ description: 'GeoJSON (RFC 7946) outlines of one layer, coordinates rounded to about a metre and thinned.' });

export const AvailableActions = z
  .object({
    caseId: z.string(),
    version: z.number().int().min(1),
    stage: z.enum(STAGES),
    asOf: instant('The platform’s clock when the menu was read.'),
    actions: z.array(z.object({ action: z.string(), requires: z.array(z.string()).meta({ description: 'Required fields; `a|b` means either.' }) })),
    deadlines: z
      .array(
        z.object({
          name: z.enum(['accept', 'handle', 'step']).meta({ description: '`step` is the command centre’s own step (dispatch decision, arbitration, verification …).' }),
          step: z.string().optional(),
          dueAt: instant(),
          timeLeft: z.object({ ms: z.number().meta({ description: 'Negative once passed.' }), kind: z.enum(['working', 'natural']) }),
        }),
      )
      .meta({ description: 'The running deadlines with the time left on the city’s working calendar; none while the clock is suspended.' }),
  })
  .meta({ description: 'What the caller may do with the case in its current stage, and by when.' });
