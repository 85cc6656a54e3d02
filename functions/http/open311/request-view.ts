/**
 * A case as an Open311 service request. What the platform knows is shown; what a private person told
 * the city is shown only when they told it through Open311 (see `PUBLISHED_CHANNELS`).
 */
import type { CityContext } from '../../app/city-context.js';
import type { CaseState } from '../../domain/case/case-state.js';
import { isOpenStage, type CaseEventData, type GeoPoint } from '../../domain/case/events.js';
import { isoInZone } from './datetimes.js';
import { pick, type Language } from './language.js';
import { closingCondition, handlerName } from './names.js';
import type { Value } from './render.js';
import { statusNotes } from './status-notes.js';

/**
 * Open311 request lists are public feeds. A citizen who reports through an Open311 client publishes the
 * report (as on FixMyStreet); a caller on the 12345 hotline, a WeChat user or a leader's office did not,
 * and their words may name people. So the description, the address and the closing answer (written to
 * the reporter) are shown only for cases that came in through Open311; every other case shows its
 * service, status, stage, unit, times and place.
 */
const PUBLISHED_CHANNELS: ReadonlySet<CaseState['channel']> = new Set(['open311']);

export const isPublished = (state: CaseState): boolean => PUBLISHED_CHANNELS.has(state.channel);

export interface CaseView {
  state: CaseState;
  location?: GeoPoint;
  /** The `received` event's data, needed only for published cases (description, address). */
  received?: CaseEventData['received'];
}

export interface ViewOptions {
  language: Language;
  /** `extensions=true`: add `extended_attributes` (channel, stage, urgency, duplicates). */
  extensions: boolean;
}

export function requestRecord(city: CityContext, view: CaseView, options: ViewOptions): Record<string, Value> {
  const { state, location, received } = view;
  const { language } = options;
  const zone = city.city.calendar.timeZone;
  const open = isOpenStage(state.stage);
  const published = isPublished(state);
  const category = city.routing.categoriesByCode.get(state.categoryCode);
  // A closed case was last modified when it closed (the spec's rule), not by later bookkeeping events.
  const updated = state.stage === 'closed' && state.closedAt ? state.closedAt : state.updatedAt;
  // The handling deadline, while one runs: not before dispatch, not while the clock is paused.
  const expected = open && state.stage !== 'suspended' && state.handleDueAt ? state.handleDueAt : undefined;

  const record: Record<string, Value> = {
    service_request_id: state.id,
    status: open ? 'open' : 'closed',
    status_notes: statusNotes(city, { state, showAnswer: published }, language),
    service_name: category ? pick(category.name, language) : undefined,
    service_code: state.categoryCode,
    description: published ? received?.description : undefined,
    agency_responsible: state.leadId ? handlerName(city, state.leadId, language) : undefined,
    service_notice: closingCondition(city, state.categoryCode, Date.parse(state.receivedAt), language, state.leadId),
    requested_datetime: isoInZone(state.receivedAt, zone),
    updated_datetime: isoInZone(updated, zone),
    expected_datetime: expected ? isoInZone(expected, zone) : undefined,
    address: published ? received?.address : undefined,
    // The spec's one photo of the request: the first the reporter sent, shown as the description is.
    media_url: published ? received?.photoUrls?.[0] : undefined,
    lat: location?.lat,
    long: location?.lon,
  };
  if (options.extensions) {
    record.extended_attributes = {
      channel: state.channel,
      stage: state.stage,
      urgency: state.urgency,
      ...(state.masterCaseId ? { duplicate_of: state.masterCaseId } : {}),
      ...(state.duplicateIds.length > 0 ? { duplicates: [...state.duplicateIds] } : {}),
    };
  }
  return record;
}
