/**
 * `GET discovery`: where the endpoint is, what it speaks, and whom to ask for a key. The changeset is when
 * the service list last changed in effect: the newest responsibility-list version that has taken effect,
 * because a city's categories and routing change with those versions.
 */
import { versionAt } from '../../domain/routing/context.js';
import { isoInZone } from './datetimes.js';
import { pick, type Language } from './language.js';
import { CONTENT_TYPES, type Value } from './render.js';
import type { Open311Deps } from './types.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export function discovery(deps: Open311Deps, language: Language): Record<string, Value> {
  const { city } = deps.city;
  const now = deps.clock.now();
  const version = versionAt(deps.city.routing, now) ?? deps.city.routing.versions[0];
  const changeset = isoInZone(version ? Math.min(version.effectiveFromMs, now) : now, city.calendar.timeZone);
  // The city unit as routing knows it: `city.units` would decode every unit of a runtime city.
  const { cityUnitId } = deps.city.routing;
  const centre = city.offices.find((office) => office.role === 'commandCentre' && office.unitId === cityUnitId)
    ?? city.offices.find((office) => office.role === 'commandCentre');
  const reach = centre ? [...centre.contacts.email, ...centre.contacts.sms] : [];
  const contact = centre ? `${pick(centre.name, language)}${reach.length > 0 ? ` (${reach.join(', ')})` : ''}` : pick(city.name, language);
  return {
    changeset,
    contact,
    key_service: language === 'zh' ? `申请 api_key 请联系${contact}` : `Ask ${contact} for an api_key`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: deps.baseUrl.replace(/\/+$/, ''),
        changeset,
        // A demo configuration describes no real administration: clients must not send real reports to it.
        type: city.demo ? 'test' : 'production',
        formats: [CONTENT_TYPES.xml, CONTENT_TYPES.json].map((type) => type.split(';')[0] ?? type),
      },
    ],
  };
}
