import { describe, expect, it } from 'vitest';
import { LEVELS } from '../city/schema.js';
import { higherLayer, initialSupervisingLayer, supervisingLayerAfter } from './supervising-layer.js';

describe('the supervising layer', () => {
  it('starts at the lowest layer the case is located in', () => {
    expect(initialSupervisingLayer([{ unitId: 'g', level: 'grid' }, { unitId: 'c', level: 'community' }], 'g')).toBe('grid');
    expect(initialSupervisingLayer([{ unitId: 's', level: 'subdistrict' }, { unitId: 'c', level: 'community' }], undefined)).toBe('community');
    expect(initialSupervisingLayer(undefined, 'g')).toBe('grid');
    expect(initialSupervisingLayer([], undefined)).toBe('city');
  });

  it('rises to each rung’s layer and never drops back', () => {
    for (const current of LEVELS) {
      for (const target of LEVELS) {
        const after = supervisingLayerAfter(current, { supervisingLayer: target });
        expect(LEVELS.indexOf(after)).toBe(Math.min(LEVELS.indexOf(current), LEVELS.indexOf(target)));
        expect(higherLayer(after, current)).toBe(after);
      }
    }
    expect(supervisingLayerAfter('grid', { supervisingLayer: 'district' })).toBe('district');
    expect(supervisingLayerAfter('district', { supervisingLayer: 'community' })).toBe('district');
  });
});
