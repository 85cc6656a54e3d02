/** All categories: 部件, 事件 and 12345 topics, in code order, as the city file spells them. */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { text, type CategorySpec } from './category-spec.js';
import { COMPONENTS } from './components.js';
import { EVENTS } from './events.js';
import { HOTLINE_TOPICS } from './hotline.js';

export type CategoryInput = CityConfigInput['categories'][number];

export const CATEGORY_SPECS: readonly CategorySpec[] = [...COMPONENTS, ...EVENTS, ...HOTLINE_TOPICS];

export function buildCategories(specs: readonly CategorySpec[] = CATEGORY_SPECS): CategoryInput[] {
  return specs.map((spec) => ({
    code: spec.code,
    kind: spec.kind,
    name: text(spec.name),
    group: text(spec.group),
    defaultUrgency: spec.defaultUrgency ?? 'routine',
    limits: {
      routine: { accept: spec.accept, handle: spec.handle },
      ...(spec.urgent ? { urgent: spec.urgent } : {}),
      ...(spec.emergency ? { emergency: spec.emergency } : {}),
    },
    ...(spec.requestTypeLimits ? { requestTypeLimits: spec.requestTypeLimits } : {}),
    ...(spec.fields && spec.fields.length > 0 ? { fields: spec.fields } : {}),
  }));
}
