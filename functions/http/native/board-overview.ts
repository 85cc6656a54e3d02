/**
 * The command board of a territory, for its dispatchers and supervisors: how many open cases stand at each
 * stage and supervising layer, the warning and overdue lists with the time left on the city's calendar, the
 * open cases as points for the map (in columns), and the feed of escalations. All of it is computed from one read of the
 * open cases' digests (`CaseStore.openCaseDigests`), filtered to the scope the path names. With `?maxAge=`
 * a caller accepts a read that many seconds old (see open-case-snapshot.ts); `asOf` says when it was made.
 */
import * as z from 'zod/mini';
import type { CityContext } from '../../app/city-context.js';
import { STAGES, type Stage } from '../../domain/case/events.js';
import { LEVELS, type Level } from '../../domain/city/schema.js';
import type { CaseStore, OpenCaseDigest } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import { httpHandler } from '../handler.js';
import { HttpProblem, fieldProblems } from '../problem.js';
import { described, validate } from '../validation.js';
import { sharedOpenCaseReader } from './open-case-snapshot.js';
import { makeTerritoryScope } from './territory-scope.js';

export interface BoardOverviewDeps {
  store: CaseStore;
  city: CityContext;
  clock: Clock;
}

const maxAge = described(
  z._default(z.coerce.number().check(z.int('must be a whole number'), z.gte(0, 'at least 0'), z.lte(60, 'at most 60')), 0),
  'Seconds: an answer from a read of the open cases up to this old will do (`asOf` says when it was read). A board that refreshes every few seconds sends its interval and is answered at once from a recent read; 0, the default, waits for a fresh read.',
);
/** How many items a list holds: a whole number from 1 to `max`, `fallback` when absent. */
const limit = (max: number, fallback: number, description: string) =>
  described(z._default(z.coerce.number().check(z.int('must be a whole number'), z.gte(1, 'at least 1'), z.lte(max, `at most ${max}`)), fallback), description);

export const BoardMapQuery = z.object({ maxAge });
export const BoardSummaryQuery = z.object({
  maxAge,
  limit: limit(200, 50, 'How many cases each of the warning and overdue lists holds at most (nearest deadline first).'),
});
export const EscalationFeedQuery = z.object({
  maxAge,
  limit: limit(200, 30, 'How many escalations to return, latest first.'),
});

/** Red, yellow, green: past the deadline or on the overdue board; on the warning board; neither. */
export type TimeStatus = 'overdue' | 'warning' | 'onTrack';
/** The map's status codes: a point's `status` is an index into this list. */
export const MAP_STATUSES: readonly TimeStatus[] = ['onTrack', 'warning', 'overdue'];

export function timeStatusOf(digest: OpenCaseDigest, now: number): TimeStatus {
  if (digest.boardStatus === 'overdue' || (digest.nextDueAt !== undefined && Date.parse(digest.nextDueAt) < now)) return 'overdue';
  return digest.boardStatus === 'warning' ? 'warning' : 'onTrack';
}

/**
 * Five decimals of a degree, about a metre: more than a map can show, and a third of the map's answer is
 * digits otherwise (10,000 points are 1 MB of JSON with the 15 digits a reporter's GPS gives).
 */
const toMetre = (degrees: number) => Math.round(degrees * 1e5) / 1e5;

const statusCode = Object.fromEntries(MAP_STATUSES.map((status, code) => [status, code])) as Record<TimeStatus, number>;
const stageCode = new Map<Stage, number>(STAGES.map((stage, code) => [stage, code]));

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function makeBoardOverviewHandlers(deps: BoardOverviewDeps) {
  const scope = makeTerritoryScope(deps.city);
  const readOpenCases = sharedOpenCaseReader(deps.store, deps.clock);
  const { calendar } = deps.city;

  /**
   * Each read's cases by scope: a page load asks for counts, map and feed of the same scope from the same
   * read (and a polling board asks again from a kept one), so the filter over every open case runs once
   * per read and scope. Keyed weakly by the read's list, so a replaced read takes its filters with it.
   */
  const scoped = new WeakMap<OpenCaseDigest[], Map<string, OpenCaseDigest[]>>();

  /**
   * The scope's open cases and when they were read. Time status and time left are judged at the clock's
   * now, not at the read: a deadline known at the read has passed or not whatever the read's age.
   */
  const casesOf = async (scopeId: string, maxAgeSeconds: number) => {
    const { digests, readAt } = await readOpenCases({ maxAgeMs: maxAgeSeconds * 1000 });
    let byScope = scoped.get(digests);
    if (!byScope) scoped.set(digests, (byScope = new Map<string, OpenCaseDigest[]>()));
    let cases = byScope.get(scopeId);
    if (!cases) byScope.set(scopeId, (cases = digests.filter(scope.inScope(scopeId))));
    return { cases, asOf: new Date(readAt).toISOString() };
  };

  const listItem = (digest: OpenCaseDigest, status: TimeStatus, now: number) => {
    const kind = digest.timeKind ?? 'working';
    return {
      id: digest.id,
      stage: digest.stage,
      categoryCode: digest.categoryCode,
      ...(digest.leadId ? { leadId: digest.leadId } : {}),
      supervisingLayer: digest.supervisingLayer,
      supervisingUnitId: digest.supervisingUnitId,
      status,
      ...(digest.nextDueAt ? { nextDueAt: digest.nextDueAt, timeLeft: { ms: calendar.between(now, Date.parse(digest.nextDueAt), kind), kind } } : {}),
      ...(digest.escalation.rung ? { rung: digest.escalation.rung } : {}),
      receivedAt: digest.receivedAt,
    };
  };

  const summary = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters, query }) {
      const scopeId = scope.boardScope(principal!, pathParameters.unitId ?? '');
      const parsed = validate(BoardSummaryQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const { cases, asOf } = await casesOf(scopeId, parsed.data.maxAge);
      const now = deps.clock.now();
      const byStage = zeroes<Stage>(STAGES);
      const byLayer = zeroes<Level>(LEVELS);
      const byStatus = zeroes<TimeStatus>(['onTrack', 'warning', 'overdue']);
      const matrix = new Map<string, number>();
      const lists: Record<'warning' | 'overdue', { digest: OpenCaseDigest; due: number }[]> = { warning: [], overdue: [] };
      for (const digest of cases) {
        const status = timeStatusOf(digest, now);
        byStage[digest.stage] += 1;
        byLayer[digest.supervisingLayer] += 1;
        byStatus[status] += 1;
        const cell = `${digest.stage}|${digest.supervisingLayer}`;
        matrix.set(cell, (matrix.get(cell) ?? 0) + 1);
        if (status !== 'onTrack') lists[status].push({ digest, due: digest.nextDueAt ? Date.parse(digest.nextDueAt) : Number.POSITIVE_INFINITY });
      }
      const top = (entries: { digest: OpenCaseDigest; due: number }[], status: TimeStatus) =>
        entries
          .sort((a, b) => a.due - b.due || (a.digest.id < b.digest.id ? -1 : 1))
          .slice(0, parsed.data.limit)
          .map(({ digest }) => listItem(digest, status, now));
      return {
        body: {
          scopeUnitId: scopeId,
          asOf,
          timeZone: calendar.timeZone,
          total: cases.length,
          byStatus,
          byStage,
          byLayer,
          byStageAndLayer: [...matrix].map(([cell, count]) => {
            const [stage, layer] = cell.split('|') as [Stage, Level];
            return { stage, layer, count };
          }),
          warning: top(lists.warning, 'warning'),
          overdue: top(lists.overdue, 'overdue'),
        },
      };
    },
  });

  const map = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters, query }) {
      const scopeId = scope.boardScope(principal!, pathParameters.unitId ?? '');
      const parsed = validate(BoardMapQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const { cases, asOf } = await casesOf(scopeId, parsed.data.maxAge);
      const now = deps.clock.now();
      // Columns rather than an object per point: 10,000 points are a third of the bytes, and a browser
      // parses five arrays far faster than 10,000 objects and draws straight from them.
      const points = { id: [] as string[], lon: [] as number[], lat: [] as number[], status: [] as number[], stage: [] as number[] };
      for (const digest of cases) {
        if (!digest.location) continue;
        points.id.push(digest.id);
        points.lon.push(toMetre(digest.location.lon));
        points.lat.push(toMetre(digest.location.lat));
        points.status.push(statusCode[timeStatusOf(digest, now)]);
        points.stage.push(stageCode.get(digest.stage)!);
      }
      return { body: { scopeUnitId: scopeId, asOf, withoutLocation: cases.length - points.id.length, statuses: MAP_STATUSES, stages: STAGES, points } };
    },
  });

  const escalations = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters, query }) {
      const scopeId = scope.boardScope(principal!, pathParameters.unitId ?? '');
      const parsed = validate(EscalationFeedQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const { cases, asOf } = await casesOf(scopeId, parsed.data.maxAge);
      const now = deps.clock.now();
      const items = cases
        .filter((digest) => digest.escalation.rung !== undefined && digest.escalation.lastAt !== undefined)
        .sort((a, b) => Date.parse(b.escalation.lastAt!) - Date.parse(a.escalation.lastAt!) || (a.id < b.id ? -1 : 1))
        .slice(0, parsed.data.limit)
        .map((digest) => ({
          caseId: digest.id,
          rung: digest.escalation.rung!,
          at: digest.escalation.lastAt!,
          stage: digest.stage,
          categoryCode: digest.categoryCode,
          ...(digest.leadId ? { leadId: digest.leadId } : {}),
          supervisingLayer: digest.supervisingLayer,
          supervisingUnitId: digest.supervisingUnitId,
          status: timeStatusOf(digest, now),
        }));
      return { body: { scopeUnitId: scopeId, asOf, items } };
    },
  });

  return { summary, map, escalations };
}
