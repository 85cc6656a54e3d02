/**
 * What the document says about each route of `ROUTES`, by handler: keyed by the route table's own handler
 * names, so a new route does not compile until it is described here. Request and response shapes are zod
 * schemas (the handlers' own for requests); only prose and the status codes are written by hand.
 */
import type { $ZodObject } from 'zod/v4/core';
import { BoardMapQuery, BoardSummaryQuery, EscalationFeedQuery } from '../native/board-overview.js';
import { AppraisalQuery, BoardQuery, PageQuery } from '../native/queries.js';
import { TrackQuery } from '../native/track.js';
import type { RouteSpec } from '../routes.js';
import type { ProblemStatus } from './problem-shape.js';

export type TagName = 'Cases' | 'Queries' | 'Platform' | 'Citizens';

export interface OperationDoc {
  tag: TagName;
  summary: string;
  description?: string;
  query?: $ZodObject;
  /** Header parameters, described by hand (the handlers read them without a schema). */
  headers?: { name: string; description: string; pattern: string }[];
  /** `intake`: the IntakeBody component; `action`: one body per action, the path naming which. */
  body?: 'intake' | 'action' | 'rating';
  /** Success answers: status → component schema name, or a media type for the non-JSON pages. */
  ok: { status: number; description: string; schema?: string; mediaType?: string; location?: boolean }[];
  problems: ProblemStatus[];
}

const SIGNED_IN: ProblemStatus[] = [401, 403];

export const OPERATIONS: Record<RouteSpec['handler'], OperationDoc> = {
  health: {
    tag: 'Platform',
    summary: 'Liveness',
    description: 'Answers without touching the store, so a slow database does not restart healthy servers.',
    ok: [{ status: 200, description: 'The API is up.', schema: 'Health' }],
    problems: [],
  },
  intake: {
    tag: 'Cases',
    summary: 'Take in a case (one door in)',
    description:
      'Checks the request, locates and routes the case, and starts its supervision. The answer says where the case went and when handling is due. A retry with the same Idempotency-Key (or the same channel and externalId) yields the same case with 200.',
    headers: [{ name: 'Idempotency-Key', description: 'Makes a retried request yield the case the first one opened: 8 to 128 letters, digits, dots, colons, dashes or underscores.', pattern: '^[\\w.:-]{8,128}$' }],
    body: 'intake',
    ok: [
      { status: 201, description: 'The case was opened.', schema: 'IntakeResult', location: true },
      { status: 200, description: 'A retry: the case the first request opened.', schema: 'IntakeResult', location: true },
    ],
    problems: [400, ...SIGNED_IN, 413, 415, 422],
  },
  getCase: {
    tag: 'Cases',
    summary: 'A case with its timeline',
    description: 'Units see their own cases, dispatchers and supervisors those of their territory, citizens those they reported.',
    ok: [{ status: 200, description: 'The case as the caller may see it.', schema: 'CaseView' }],
    problems: [...SIGNED_IN, 404],
  },
  act: {
    tag: 'Cases',
    summary: 'Take an action on a case',
    description:
      'The path names the action; the body carries its fields (see the body of each action below). The lifecycle checks the caller, the stage and each field, and appends the action on the version it read: a refused action has written nothing.',
    body: 'action',
    ok: [{ status: 200, description: 'The case after the action.', schema: 'ActionResult' }],
    problems: [400, ...SIGNED_IN, 404, 409, 413, 415, 422],
  },
  inbox: {
    tag: 'Queries',
    summary: 'A unit’s open cases, nearest deadline first',
    description: 'For the unit’s own staff and head, and for the dispatchers and supervisors of its territory.',
    query: PageQuery,
    ok: [{ status: 200, description: 'A page of the inbox.', schema: 'InboxPage' }],
    problems: [400, ...SIGNED_IN, 404],
  },
  board: {
    tag: 'Queries',
    summary: 'The warning or overdue board of a supervising unit',
    description: 'Cases the unit supervises that are close to or past their deadline; for its dispatchers and supervisors.',
    query: BoardQuery,
    ok: [{ status: 200, description: 'A page of the board.', schema: 'BoardPage' }],
    problems: [400, ...SIGNED_IN, 404],
  },
  appraisal: {
    tag: 'Queries',
    summary: 'The monthly league table of departments',
    description: 'Every metric of the city’s appraisal formula, the composite score, the ranking and the red and black lists; for supervisors, dispatchers and unit heads.',
    query: AppraisalQuery,
    ok: [{ status: 200, description: 'The appraisal of the month.', schema: 'AppraisalResult' }],
    problems: [400, ...SIGNED_IN],
  },
  boardSummary: {
    tag: 'Queries',
    summary: 'The command board of a territory: counts and the warning and overdue lists',
    description:
      'The open cases whose territorial chain holds the unit (every open case for the city), counted by stage, supervising layer and time status (green, yellow, red), with the warning and overdue lists and the time left on the city’s calendar. For the dispatchers and supervisors of the territory.',
    query: BoardSummaryQuery,
    ok: [{ status: 200, description: 'The board.', schema: 'BoardSummary' }],
    problems: [400, ...SIGNED_IN, 404],
  },
  boardMap: {
    tag: 'Queries',
    summary: 'The open cases of a territory as map points',
    description: 'One point per located open case, with its time status; for the same callers as the board.',
    query: BoardMapQuery,
    ok: [{ status: 200, description: 'The points.', schema: 'BoardMap' }],
    problems: [400, ...SIGNED_IN, 404],
  },
  escalations: {
    tag: 'Queries',
    summary: 'The escalation feed of a territory',
    description: 'The latest rung of the escalation ladder each open case of the territory has reached, latest first; for the same callers as the board.',
    query: EscalationFeedQuery,
    ok: [{ status: 200, description: 'The feed.', schema: 'EscalationFeed' }],
    problems: [400, ...SIGNED_IN, 404],
  },
  caseActions: {
    tag: 'Cases',
    summary: 'The actions the caller may take on a case now',
    description:
      'Read from the lifecycle’s transition table for the case’s stage, the caller’s role and unit, with the fields each action requires (alternatives joined by `|`). The lifecycle still judges each action when it is taken.',
    ok: [{ status: 200, description: 'The actions.', schema: 'AvailableActions' }],
    problems: [...SIGNED_IN, 404],
  },
  cityDirectory: {
    tag: 'Platform',
    summary: 'The city’s names, time zone and map bounds',
    description: 'The units above the grids, the departments, offices and categories with their names in Chinese and English: what a client needs to label the answers of the other operations. Any signed-in caller.',
    ok: [{ status: 200, description: 'The directory.', schema: 'CityDirectory' }],
    problems: SIGNED_IN,
  },
  cityOutlines: {
    tag: 'Platform',
    summary: 'The outlines of one layer of the city as GeoJSON',
    description: 'Districts, subdistricts, communities or grids from the city configuration, simplified to about a metre, so a map needs no tile server. Any signed-in caller; cacheable for an hour.',
    ok: [{ status: 200, description: 'A GeoJSON FeatureCollection.', schema: 'OutlineCollection', mediaType: 'application/geo+json' }],
    problems: [...SIGNED_IN, 404],
  },
  openapi: {
    tag: 'Platform',
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of the API, generated from the schemas the handlers check requests with.',
    ok: [{ status: 200, description: 'The OpenAPI document.', mediaType: 'application/json' }],
    problems: [],
  },
  follow: {
    tag: 'Citizens',
    summary: 'Follow a case without an account',
    description: 'The case id from the receipt plus the last four digits of the phone given at intake. A wrong pair is answered exactly like an unknown case.',
    query: TrackQuery,
    ok: [{ status: 200, description: 'The case as its reporter sees it.', schema: 'TrackView' }],
    problems: [400, 404],
  },
  rate: {
    tag: 'Citizens',
    summary: 'Rate the handling at callback',
    description: 'Satisfied or basically satisfied closes the loop; an unsatisfied rating needs a note and is judged by the command centre, which may order rework.',
    body: 'rating',
    ok: [{ status: 200, description: 'The case after the rating.', schema: 'TrackView' }],
    problems: [400, 404, 409, 413, 415, 422],
  },
  open311: {
    tag: 'Platform',
    summary: 'Open311 GeoReport v2',
    description: 'The whole GeoReport v2 API under this prefix; its operations are listed under the Open311 tag.',
    ok: [{ status: 200, description: 'See the Open311 operations.', mediaType: 'application/json' }],
    problems: [],
  },
  docs: {
    tag: 'Platform',
    summary: 'This document as a page',
    description: 'The same document rendered as HTML on the server: no scripts, nothing loaded from elsewhere.',
    ok: [{ status: 200, description: 'The API reference.', mediaType: 'text/html' }],
    problems: [],
  },
};

/** Path parameters by name, for every route that has them. */
export const PATH_PARAMETERS: Record<string, string> = {
  caseId: 'The case’s id, as intake answered it.',
  action: 'The action to take; its body is described with the request body.',
  unitId: 'A territorial unit’s or a department’s id, from the city configuration.',
  proxy: 'The Open311 resource and format, e.g. `requests.json`.',
  level: 'A layer of the territory: `city`, `district`, `subdistrict`, `community` or `grid`.',
};
