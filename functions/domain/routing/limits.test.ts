import { describe, expect, it } from 'vitest';
import type { Category, ResponsibilityRow } from '../city/schema.js';
import { TINY_IDS, tinyCity } from '../testing/tiny-city.js';
import { limitsFor } from './limits.js';

const city = tinyCity();
const category = (code: string): Category => {
  const found = city.categories.find((c) => c.code === code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
};
const labour = category(TINY_IDS.categories.labour);
const rubbish = category(TINY_IDS.categories.exposedRubbish);
const narrowedRow = city.responsibilityList.versions[0]?.rows.find((row) => row.areaIds !== undefined) as ResponsibilityRow;

describe('limitsFor', () => {
  it('takes the row limits over everything else', () => {
    expect(limitsFor(rubbish, narrowedRow, 'urgent')).toEqual({ limits: narrowedRow.limits, source: 'row' });
  });

  it('takes the urgency tier when the category has one', () => {
    expect(limitsFor(labour, undefined, 'urgent', 'complaint')).toEqual({ limits: labour.limits.urgent, source: 'urgencyTier' });
  });

  it('falls back to routine when the tier is missing', () => {
    expect(limitsFor(rubbish, undefined, 'emergency')).toEqual({ limits: rubbish.limits.routine, source: 'routine' });
  });

  it('replaces the routine handling limit by the request type limit of a hotline topic', () => {
    const result = limitsFor(labour, undefined, 'emergency', 'complaint');
    expect(result.source).toBe('requestType');
    expect(result.limits.accept).toEqual(labour.limits.routine.accept);
    expect(result.limits.handle).toEqual({ amount: 13, unit: 'workingDays' });
  });

  it('keeps the routine limit for a request type the topic does not list', () => {
    const partial: Category = { ...labour, requestTypeLimits: { consultation: { amount: 2, unit: 'workingDays' } } };
    expect(limitsFor(partial, undefined, 'routine', 'complaint')).toEqual({ limits: labour.limits.routine, source: 'routine' });
  });
});
