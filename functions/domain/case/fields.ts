/**
 * Field checks for commands. Commands reach `decide` from HTTP bodies, task payloads and the console, so
 * types are not trusted: each check names the field it refuses.
 */
import { DURATION_UNITS, type Duration, type StageLimits } from '../city/schema.js';
import { InvalidField, MissingField } from './errors.js';

/** Long enough for any legal citation or result note, short enough to keep a case record small. */
export const MAX_TEXT_LENGTH = 10_000;

const absent = (value: unknown): value is undefined | null => value === undefined || value === null;

/** A non-empty text; blank text counts as missing, because "退单 with a blank legal basis" is no legal basis. */
export function requireText(value: unknown, field: string, why: string): string {
  if (absent(value)) throw new MissingField(field, why);
  if (typeof value !== 'string') throw new InvalidField(field, 'must be text');
  const text = value.trim();
  if (text === '') throw new MissingField(field, why);
  if (text.length > MAX_TEXT_LENGTH) throw new InvalidField(field, `must be at most ${MAX_TEXT_LENGTH} characters`);
  return text;
}

export const optionalText = (value: unknown, field: string): string | undefined =>
  absent(value) || (typeof value === 'string' && value.trim() === '') ? undefined : requireText(value, field, 'it was given');

export function requireBoolean(value: unknown, field: string, why: string): boolean {
  if (absent(value)) throw new MissingField(field, why);
  if (typeof value !== 'boolean') throw new InvalidField(field, 'must be true or false');
  return value;
}

/** An ISO 8601 instant with an explicit offset, so a local time can never be read in the wrong zone. */
export function requireInstant(value: unknown, field: string, why: string): number {
  if (absent(value)) throw new MissingField(field, why);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new InvalidField(field, 'must be an ISO 8601 instant with an offset, such as 2026-10-08T18:00:00+08:00');
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidField(field, 'is not a real date and time');
  return ms;
}

export const optionalInstant = (value: unknown, field: string): number | undefined =>
  absent(value) ? undefined : requireInstant(value, field, 'it was given');

export const requireId = (value: unknown, field: string, why: string): string => {
  const id = requireText(value, field, why);
  if (id.length > 200) throw new InvalidField(field, 'must be at most 200 characters');
  return id;
};

/** Co-handler ids: distinct, and never the lead itself (a unit cannot assist itself). */
export function coHandlerIds(value: unknown, leadId: string, field = 'coHandlerIds'): string[] {
  if (absent(value)) return [];
  if (!Array.isArray(value)) throw new InvalidField(field, 'must be a list of unit ids');
  const ids = value.map((id, index) => requireId(id, `${field}[${index}]`, 'a co-handler needs an id'));
  if (ids.includes(leadId)) throw new InvalidField(field, `must not include the lead unit '${leadId}'`);
  if (new Set(ids).size !== ids.length) throw new InvalidField(field, 'must not name a unit twice');
  return ids;
}

export function photoUrls(value: unknown, field = 'photoUrls'): string[] {
  if (absent(value)) return [];
  if (!Array.isArray(value)) throw new InvalidField(field, 'must be a list of URLs');
  return value.map((url, index) => {
    const text = requireText(url, `${field}[${index}]`, 'a photo needs its URL');
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new InvalidField(`${field}[${index}]`, 'must be an absolute URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InvalidField(`${field}[${index}]`, 'must be an http(s) URL');
    return text;
  });
}

function duration(value: unknown, field: string): Duration {
  if (typeof value !== 'object' || value === null) throw new InvalidField(field, 'must be an object with amount and unit');
  const { amount, unit } = value as { amount?: unknown; unit?: unknown };
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) throw new InvalidField(`${field}.amount`, 'must be a number greater than zero');
  if (typeof unit !== 'string' || !(DURATION_UNITS as readonly string[]).includes(unit)) {
    throw new InvalidField(`${field}.unit`, `must be one of ${DURATION_UNITS.join(', ')}`);
  }
  return { amount, unit: unit as Duration['unit'] };
}

export function optionalLimits(value: unknown, field = 'limits'): StageLimits | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'object') throw new InvalidField(field, 'must be an object with accept and handle');
  const { accept, handle } = value as { accept?: unknown; handle?: unknown };
  if (absent(accept)) throw new MissingField(`${field}.accept`, 'limits name both the accept and the handle limit');
  if (absent(handle)) throw new MissingField(`${field}.handle`, 'limits name both the accept and the handle limit');
  return { accept: duration(accept, `${field}.accept`), handle: duration(handle, `${field}.handle`) };
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, why: string): T {
  if (absent(value)) throw new MissingField(field, why);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidField(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
