/**
 * The one door in: checks what a channel hands over and turns it into the case's first event. Everything
 * after this goes through `decide`.
 */
import { LEVELS, REQUEST_TYPES, URGENCIES, type Level, type RequestType, type Urgency } from '../city/schema.js';
import type { CaseRulesConfig } from '../deadlines/limits.js';
import { checkAttributes, checkPhotoUrls, type AttributeValues } from './attributes.js';
import { InvalidField, NotPermitted } from './errors.js';
import { CHANNELS, type Actor, type ActorKind, type CaseEventData, type Channel, type GeoPoint, type TerritoryLink } from './events.js';
import { oneOf, optionalText, requireId, requireText } from './fields.js';
import { newEvent, type NewCaseEventOf } from './new-event.js';

export interface CaseIntake {
  channel: Channel;
  categoryCode: string;
  /** Defaults to the category's default urgency. */
  urgency?: Urgency;
  requestType?: RequestType;
  location?: GeoPoint;
  gridId?: string;
  address?: string;
  description: string;
  externalId?: string;
  territory?: TerritoryLink[];
  /** Who to answer at the end, through the channel the case came in by (masked for units by the API). */
  reporter?: { name?: string; phone?: string; email?: string };
  /** Photos of the problem, as http(s) URLs (a grid worker's pictures, an Open311 media_url). */
  photoUrls?: string[];
  /** Answers to the category's fields (Open311 attributes). */
  attributes?: AttributeValues;
}

/** Who may open a case: citizens themselves, grid workers, hotline operators (dispatchers), and channel adapters. */
export const INTAKE_ACTORS: readonly ActorKind[] = ['citizen', 'gridWorker', 'dispatcher', 'system'];

function location(value: unknown): GeoPoint | undefined {
  if (value === undefined || value === null) return undefined;
  const { lon, lat } = value as { lon?: unknown; lat?: unknown };
  if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180)) throw new InvalidField('location.lon', 'must be a longitude between -180 and 180');
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw new InvalidField('location.lat', 'must be a latitude between -90 and 90');
  return { lon, lat };
}

function territory(value: unknown): TerritoryLink[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new InvalidField('territory', 'must be a list of { unitId, level }, lowest layer first');
  return value.map((link: { unitId?: unknown; level?: unknown } | null, index) => ({
    unitId: requireId(link?.unitId, `territory[${index}].unitId`, 'each layer names its unit'),
    level: oneOf<Level>(link?.level, LEVELS, `territory[${index}].level`, 'each layer names its level'),
  }));
}

function reporterOf(value: CaseIntake['reporter'] | null | undefined): CaseIntake['reporter'] {
  if (value === undefined || value === null) return undefined;
  const name = optionalText(value.name, 'reporter.name');
  const phone = optionalText(value.phone, 'reporter.phone');
  if (phone !== undefined && !/^\+?[0-9][0-9 -]{4,19}$/.test(phone)) throw new InvalidField('reporter.phone', 'must be a phone number, digits with an optional leading +');
  const email = optionalText(value.email, 'reporter.email');
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new InvalidField('reporter.email', 'must be an email address');
  const reporter = { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
  return Object.keys(reporter).length > 0 ? reporter : undefined;
}

/** The `received` event of a new case, or a `DomainError` naming the field at fault. `now` is epoch ms. */
export function openCase(intake: CaseIntake, actor: Actor, now: number, city: Pick<CaseRulesConfig, 'categories'>): NewCaseEventOf<'received'> {
  if (!INTAKE_ACTORS.includes(actor.kind)) throw new NotPermitted('open', actor.kind, `only ${INTAKE_ACTORS.join(', ')} may open a case`);
  const channel = oneOf<Channel>(intake.channel, CHANNELS, 'channel', 'say where the case came from');
  const categoryCode = requireId(intake.categoryCode, 'categoryCode', 'every case has a category');
  const category = city.categories.find((candidate) => candidate.code === categoryCode);
  if (!category) throw new InvalidField('categoryCode', `'${categoryCode}' is no category of the city`);
  const urgency = intake.urgency === undefined ? category.defaultUrgency : oneOf<Urgency>(intake.urgency, URGENCIES, 'urgency', '');
  const requestType = intake.requestType === undefined ? undefined : oneOf<RequestType>(intake.requestType, REQUEST_TYPES, 'requestType', '');
  const description = requireText(intake.description, 'description', 'say what the problem is');
  if (channel === 'grid' && actor.kind === 'citizen') throw new InvalidField('channel', 'grid reports come from grid workers');

  const data: CaseEventData['received'] = { channel, categoryCode, urgency, description };
  if (requestType) data.requestType = requestType;
  const point = location(intake.location);
  if (point) data.location = point;
  const gridId = intake.gridId === undefined ? undefined : requireId(intake.gridId, 'gridId', '');
  if (gridId) data.gridId = gridId;
  const address = optionalText(intake.address, 'address');
  if (address) data.address = address;
  const externalId = optionalText(intake.externalId, 'externalId');
  if (externalId) data.externalId = externalId;
  const chain = territory(intake.territory);
  if (chain && chain.length > 0) data.territory = chain;
  const reporter = reporterOf(intake.reporter);
  if (reporter) data.reporter = reporter;
  const photoUrls = checkPhotoUrls(intake.photoUrls);
  if (photoUrls) data.photoUrls = photoUrls;
  const attributes = checkAttributes(category, intake.attributes);
  if (attributes) data.attributes = attributes;
  return newEvent('received', data, actor, new Date(now).toISOString());
}
