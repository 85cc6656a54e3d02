/**
 * `GET requests` and `GET requests/{id}`. The listing reads the store's receipt index newest first,
 * filters by service and status, and pages with the common `page`/`page_size` extension.
 */
import { foldEvents } from '../../domain/case/case-state.js';
import type { CaseEvent, CaseEventData } from '../../domain/case/events.js';
import type { CaseProjection } from '../../ports/case-store.js';
import { parseDate } from './datetimes.js';
import { notFound, Problems } from './errors.js';
import { mapLimit } from './map-limit.js';
import { commaList, param, type Params } from './params.js';
import type { Value } from './render.js';
import { isPublished, requestRecord, type CaseView, type ViewOptions } from './request-view.js';
import type { Open311Deps } from './types.js';

const DAY_MS = 24 * 3600_000;
/** The spec's bound on a date range. */
export const MAX_RANGE_DAYS = 90;
/** The spec's default number of rows, and this endpoint's largest page. */
export const MAX_PAGE_SIZE = 1000;
/** More ids than this in one `service_request_id` is a crawl, and crawls page through the listing. */
export const MAX_IDS = 100;
/** Case reads in flight while a page is filled. */
const READS_IN_FLIGHT = 16;
const STATUSES = ['open', 'closed'] as const;

const receivedOf = (events: readonly CaseEvent[]): CaseEventData['received'] | undefined => {
  const first = events[0];
  return first?.type === 'received' ? first.data : undefined;
};

/** A case from its history: always current, for single requests and explicit ids. */
async function viewFromHistory(deps: Open311Deps, caseId: string): Promise<CaseView | undefined> {
  const events = await deps.store.loadEvents(caseId);
  if (events.length === 0) return undefined;
  const received = receivedOf(events);
  return { state: foldEvents(events), ...(received?.location ? { location: received.location } : {}), ...(received ? { received } : {}) };
}

/** A case from its projection; the history is read only when its words may be shown. */
async function viewFromProjection(deps: Open311Deps, projection: CaseProjection): Promise<CaseView> {
  const view: CaseView = { state: projection.state, ...(projection.location ? { location: projection.location } : {}) };
  if (!isPublished(projection.state)) return view;
  const received = receivedOf(await deps.store.loadEvents(projection.state.id));
  return received ? { ...view, received } : view;
}

export async function getRequest(deps: Open311Deps, caseId: string, options: ViewOptions): Promise<Value[]> {
  const view = caseId.length <= 200 ? await viewFromHistory(deps, caseId) : undefined;
  if (!view) throw notFound(`there is no service request '${caseId}'`);
  // Still a list: clients read every request answer the same way.
  return [requestRecord(deps.city, view, options)];
}

interface ListQuery {
  from: number;
  to: number;
  serviceCodes?: ReadonlySet<string>;
  statuses?: ReadonlySet<string>;
  page: number;
  pageSize: number;
}

function positiveInteger(value: string | undefined, name: string, max: number, problems: Problems): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > max) {
    problems.add(`${name} must be a whole number from 1 to ${max}, not '${value}'`);
    return undefined;
  }
  return number;
}

/** The filters, or a 400 naming every one that is wrong. */
function listQuery(deps: Open311Deps, params: Params): ListQuery {
  const problems = new Problems();
  const zone = deps.city.city.calendar.timeZone;
  const dateParam = (name: string) => {
    const text = param(params, name);
    if (text === undefined) return undefined;
    const parsed = parseDate(text, zone);
    if (!parsed) problems.add(`${name} must be an ISO 8601 date-time such as 2026-12-01T00:00:00+08:00 (or a date), not '${text}'`);
    return parsed;
  };
  const start = dateParam('start_date');
  const end = dateParam('end_date');
  const span = MAX_RANGE_DAYS * DAY_MS;
  // Defaults: the last 90 days, or 90 days from the one bound given.
  const to = end?.until ?? (start ? start.at + span : deps.clock.now());
  const from = start?.at ?? to - span;
  if (start && end) {
    if (from > to) problems.add('start_date must not be after end_date');
    else if (to - from > span) problems.add(`the range from start_date to end_date must not exceed ${MAX_RANGE_DAYS} days`);
  }

  const codes = param(params, 'service_code');
  const statusText = param(params, 'status');
  let statuses: Set<string> | undefined;
  if (statusText !== undefined) {
    statuses = new Set(commaList(statusText).map((status) => status.toLowerCase()));
    const wrong = [...statuses].filter((status) => !(STATUSES as readonly string[]).includes(status));
    if (wrong.length > 0) problems.add(`status must be open, closed or both (comma-separated), not '${wrong.join(',')}'`);
  }
  const page = positiveInteger(param(params, 'page'), 'page', 1_000_000, problems) ?? 1;
  const pageSize = positiveInteger(param(params, 'page_size'), 'page_size', MAX_PAGE_SIZE, problems) ?? MAX_PAGE_SIZE;
  problems.throwIfAny();
  return {
    from,
    to,
    ...(codes !== undefined ? { serviceCodes: new Set(commaList(codes)) } : {}),
    ...(statuses ? { statuses } : {}),
    page,
    pageSize,
  };
}

const statusOf = (projection: CaseProjection): string =>
  projection.state.stage === 'closed' || projection.state.stage === 'mergedAsDuplicate' ? 'closed' : 'open';

/**
 * Walks the receipt index from the newest case, keeping what the filters let through, until the asked
 * page is filled. Later pages cost the reads of the earlier ones; a city's 90 days are a few hundred
 * thousand cases at most, and crawlers ask page by page anyway.
 */
async function listPage(deps: Open311Deps, query: ListQuery): Promise<CaseProjection[]> {
  const skip = (query.page - 1) * query.pageSize;
  const kept: CaseProjection[] = [];
  let seen = 0;
  let cursor: string | undefined;
  const range = { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() };
  do {
    const page = await deps.store.casesReceived({ ...range, limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    for (const projection of page.items) {
      if (query.serviceCodes && !query.serviceCodes.has(projection.state.categoryCode)) continue;
      if (query.statuses && !query.statuses.has(statusOf(projection))) continue;
      if (seen++ < skip) continue;
      kept.push(projection);
      if (kept.length === query.pageSize) return kept;
    }
    cursor = page.cursor;
  } while (cursor);
  return kept;
}

export async function getRequests(deps: Open311Deps, params: Params, options: ViewOptions): Promise<Value[]> {
  const ids = param(params, 'service_request_id');
  if (ids !== undefined) {
    // Explicit ids override every other filter (the spec's rule); unknown ids are simply not listed.
    const list = commaList(ids);
    const problems = new Problems();
    if (list.length > MAX_IDS) problems.add(`service_request_id may list at most ${MAX_IDS} ids`);
    const tooLong = list.filter((id) => id.length > 200);
    if (tooLong.length > 0) problems.add('each service_request_id is at most 200 characters');
    problems.throwIfAny();
    const views = await mapLimit(list, READS_IN_FLIGHT, (id) => viewFromHistory(deps, id));
    return views.flatMap((view) => (view ? [requestRecord(deps.city, view, options)] : []));
  }
  const query = listQuery(deps, params);
  const projections = await listPage(deps, query);
  const views = await mapLimit(projections, READS_IN_FLIGHT, (projection) => viewFromProjection(deps, projection));
  return views.map((view) => requestRecord(deps.city, view, options));
}
