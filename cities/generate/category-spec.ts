/**
 * How the hand-authored categories are written: one entry carries both the category (name, limits,
 * fields) and its line in the responsibility list (owner rule, owners, closing condition), so the two
 * can never drift apart and every category is certain to have a row.
 */
import type { CategoryField, Duration, OwnerRule, RequestType, StageLimits, Urgency } from '../../functions/domain/city/schema.js';

export type Text = readonly [zh: string, en: string];

export const wd = (amount: number): Duration => ({ amount, unit: 'workingDays' });
export const wh = (amount: number): Duration => ({ amount, unit: 'workingHours' });
export const minutes = (amount: number): Duration => ({ amount, unit: 'naturalMinutes' });
export const nh = (amount: number): Duration => ({ amount, unit: 'naturalHours' });

/** Life-safety (天津: 涉及生命财产安全 15 min to accept); handled within two hours regardless of the calendar. */
export const LIFE_SAFETY: StageLimits = { accept: minutes(15), handle: nh(2) };
/** Water, power, gas and heat (天津: 水电气热 30 min to accept; 北京: 24 h to handle). */
export const UTILITY: StageLimits = { accept: minutes(30), handle: nh(24) };

export interface Responsibility {
  rule: OwnerRule;
  /** Department slugs (resolved to ids by the responsibility module). */
  owners: readonly string[];
  territoryLevel: 'district' | 'subdistrict' | 'community';
  coHandlers?: readonly string[];
  closing: Text;
}

export interface CategorySpec {
  code: string;
  kind: 'component' | 'event' | 'hotline';
  name: Text;
  group: Text;
  /** Routine acceptance limit; 1 working hour for 数字城管 cases, 1 working day for hotline topics. */
  accept: Duration;
  /** Routine handling limit. */
  handle: Duration;
  urgent?: StageLimits;
  emergency?: StageLimits;
  defaultUrgency?: Urgency;
  requestTypeLimits?: Partial<Record<RequestType, Duration>>;
  fields?: CategoryField[];
  responsibility: Responsibility;
}

export const text = ([zh, en]: Text) => ({ zh, en });

/** A field whose value is one of a few keys, each with a bilingual label. */
export function choice(code: string, required: boolean, description: Text, values: readonly (readonly [string, string, string])[]): CategoryField {
  return {
    code,
    datatype: 'singlevaluelist',
    required,
    description: text(description),
    values: values.map(([key, zh, en]) => ({ key, name: { zh, en } })),
  };
}

export const PLATE_NUMBER: CategoryField = {
  code: 'plateNumber',
  datatype: 'string',
  required: false,
  description: { zh: '车牌号（如 豫B·12345）', en: 'Vehicle plate number (e.g. 豫B·12345)' },
};
