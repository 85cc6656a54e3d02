/**
 * Reading parameters the way the spec asks: an empty optional parameter is an absent one (clients send
 * `jurisdiction_id=` and `status=` from empty form fields), and `jurisdiction_id` is checked the same way
 * on every endpoint.
 */
import { notFound } from './errors.js';
import type { Open311Deps } from './types.js';

export type Params = Readonly<Record<string, string | undefined>>;

/** The parameter's value, or undefined when it is missing or blank. */
export function param(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export const jurisdictionOf = (deps: Open311Deps): string => deps.jurisdictionId ?? deps.city.city.id;

/**
 * One deployment serves one city, so `jurisdiction_id` is never required (the spec requires it only of
 * endpoints serving several). A given one must name this jurisdiction: any other is a resource this
 * endpoint does not have (404).
 */
export function checkJurisdiction(params: Params, deps: Open311Deps): void {
  const given = param(params, 'jurisdiction_id')?.trim();
  if (given !== undefined && given !== jurisdictionOf(deps)) {
    throw notFound(`jurisdiction_id '${given}' is not served here; this endpoint serves '${jurisdictionOf(deps)}'`);
  }
}

/** A comma-separated list, blanks dropped, each value once, in the order given. */
export const commaList = (value: string): string[] => [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
