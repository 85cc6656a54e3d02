/**
 * The fields of `POST requests`, read and checked in one pass so every problem is answered at once, each
 * named by its Open311 parameter.
 */
import type { CityContext } from '../../app/city-context.js';
import type { GeoPoint } from '../../domain/case/events.js';
import type { Category } from '../../domain/city/schema.js';
import { readAttributes, type AttributeValues } from './attributes.js';
import { badRequest, Problems } from './errors.js';

/** The spec's limit on a description, in characters (code points, as JSON Schema counts them). */
export const MAX_DESCRIPTION = 4000;

export interface PostedRequest {
  category: Category;
  location?: GeoPoint;
  addressString?: string;
  addressId?: string;
  /** Checked answers to the service's fields, kept with the case's first event. */
  attributes: AttributeValues;
  description?: string;
  /** Kept as the case's photo. */
  mediaUrl?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  deviceId?: string;
  accountId?: string;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
const MAX_BODY = 100_000;

/**
 * The POST's parameters: the form body, with query parameters as a fallback (some clients put `api_key`
 * or `jurisdiction_id` in the URL). The body wins where both have a name.
 */
export function postParams(body: string | undefined, contentType: string | undefined, query: Record<string, string | undefined>): URLSearchParams {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && type !== FORM_TYPE) {
    throw badRequest([`a request is posted as ${FORM_TYPE}, not ${type}`]);
  }
  // The largest honest form (4,000 characters of description, a URL, contacts, attributes) is a few KB.
  if ((body?.length ?? 0) > MAX_BODY) throw badRequest([`a request body is at most ${MAX_BODY / 1000} KB`]);
  const form = new URLSearchParams(body ?? '');
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && !form.has(name)) form.append(name, value);
  }
  return form;
}

// Control characters other than tab and line breaks have no place in a citizen's text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// The domain's own rules for a reporter's contacts, so a refusal names the Open311 parameter.
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const length = (text: string): number => [...text].length;

/** A form field, absent when missing or blank (the spec's rule for optional parameters). */
export function formValue(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  return value === null || value.trim() === '' ? undefined : value;
}

function text(form: URLSearchParams, name: string, max: number, problems: Problems): string | undefined {
  const value = formValue(form, name);
  if (value === undefined) return undefined;
  if (length(value) > max) problems.add(`${name} must be at most ${max} characters`);
  else if (CONTROL.test(value)) problems.add(`${name} must not contain control characters`);
  return value.trim();
}

function coordinate(value: string | undefined, name: string, limit: number, problems: Problems): number | undefined {
  if (value === undefined) return undefined;
  const number = DECIMAL.test(value.trim()) ? Number(value) : NaN;
  if (!(Math.abs(number) <= limit)) {
    problems.add(`${name} must be a decimal number of degrees from -${limit} to ${limit} (WGS84), not '${value}'`);
    return undefined;
  }
  return number;
}

export function readPost(city: CityContext, form: URLSearchParams): PostedRequest {
  const problems = new Problems();
  const get = (name: string) => formValue(form, name);

  const code = get('service_code')?.trim();
  const category = code === undefined ? undefined : city.routing.categoriesByCode.get(code);
  if (code === undefined) problems.add('service_code is required');
  else if (!category) problems.add(`service_code '${code}' is not a service of this jurisdiction`);

  const latText = get('lat');
  const longText = get('long');
  const lat = coordinate(latText, 'lat', 90, problems);
  const lon = coordinate(longText, 'long', 180, problems);
  let location: GeoPoint | undefined;
  if ((latText === undefined) !== (longText === undefined)) problems.add(`lat and long come together: ${latText === undefined ? 'lat' : 'long'} is missing`);
  else if (lat !== undefined && lon !== undefined) {
    location = { lat, lon };
    // A point no grid holds cannot be placed, routed to a territory or supervised: refused now, not lost later.
    if (!city.grids.contains(location)) problems.add(`lat and long (${lat}, ${lon}) lie outside every grid of ${city.city.name.en}`);
  }
  const addressString = text(form, 'address_string', 1000, problems);
  const addressId = text(form, 'address_id', 200, problems);
  if (latText === undefined && longText === undefined && addressString === undefined && addressId === undefined) {
    problems.add('a location is required: lat and long, address_string or address_id');
  }

  const description = text(form, 'description', MAX_DESCRIPTION, problems);
  const mediaUrl = text(form, 'media_url', 2048, problems);
  if (mediaUrl !== undefined && !/^https?:\/\//i.test(mediaUrl)) problems.add('media_url must be an http or https URL');
  else if (mediaUrl !== undefined && !URL.canParse(mediaUrl)) problems.add('media_url is not a URL');

  const email = text(form, 'email', 254, problems);
  if (email !== undefined && !EMAIL.test(email)) problems.add('email must be an email address');
  // Brackets and dots are how people write numbers ("(0371) 2230.0000"); the digits are what is kept.
  const phoneText = text(form, 'phone', 40, problems);
  const phone = phoneText?.replace(/[().]/g, ' ').replace(/\s+/g, ' ').trim();
  if (phone !== undefined && !PHONE.test(phone)) problems.add('phone must be a phone number: digits, spaces or dashes, with an optional leading +');

  const firstName = text(form, 'first_name', 100, problems);
  const lastName = text(form, 'last_name', 100, problems);
  const deviceId = text(form, 'device_id', 200, problems);
  const accountId = text(form, 'account_id', 200, problems);
  const attributes = category ? readAttributes(category, form, city.city.calendar.timeZone, problems) : {};
  problems.throwIfAny();

  return {
    category: category as Category,
    ...(location ? { location } : {}),
    ...(addressString !== undefined ? { addressString } : {}),
    ...(addressId !== undefined ? { addressId } : {}),
    attributes,
    ...(description !== undefined && description !== '' ? { description } : {}),
    ...(mediaUrl !== undefined ? { mediaUrl } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(phone !== undefined ? { phone } : {}),
    ...(firstName !== undefined ? { firstName } : {}),
    ...(lastName !== undefined ? { lastName } : {}),
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
  };
}
