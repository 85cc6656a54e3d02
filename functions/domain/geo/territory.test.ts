import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../city/schema.js';
import { tinyCity } from '../testing/tiny-city.js';
import { indexUnits, territorialChain, unitAtLevel } from './territory.js';

const unitsById = indexUnits(tinyCity().units);
const ids = (chain: readonly OrgUnit[]): string[] => chain.map((unit) => unit.id);

describe('territorialChain', () => {
  it('climbs from a grid to the city through every layer', () => {
    const chain = territorialChain(unitsById, 'madaojie-3');
    expect(ids(chain)).toEqual(['madaojie-3', 'madaojie', 'xiangguosi', 'gulou', 'kaifeng']);
    expect(chain.map((unit) => unit.level)).toEqual(['grid', 'community', 'subdistrict', 'district', 'city']);
  });

  it('starts wherever it is asked to', () => {
    expect(ids(territorialChain(unitsById, 'beishudian'))).toEqual(['beishudian', 'longting', 'kaifeng']);
    expect(ids(territorialChain(unitsById, 'kaifeng'))).toEqual(['kaifeng']);
  });

  it('gives an empty chain for an unknown id', () => {
    expect(territorialChain(unitsById, 'atlantis')).toEqual([]);
  });

  it('stops where the tree is broken instead of throwing or looping', () => {
    const broken = indexUnits(tinyCity().units);
    const community = broken.get('tieta');
    const city = broken.get('kaifeng');
    if (!community || !city) throw new Error('fixture changed');
    broken.set('tieta', { ...community, parentId: 'no-such-street' });
    broken.set('kaifeng', { ...city, parentId: 'longting' });
    expect(ids(territorialChain(broken, 'tieta-2'))).toEqual(['tieta-2', 'tieta']);
    expect(ids(territorialChain(broken, 'beishudian'))).toEqual(['beishudian', 'longting', 'kaifeng']);
  });
});

describe('unitAtLevel', () => {
  it('picks the unit of the requested layer out of a chain', () => {
    const chain = territorialChain(unitsById, 'tieta-1');
    expect(unitAtLevel(chain, 'subdistrict')?.id).toBe('daxing');
    expect(unitAtLevel(chain, 'community')?.id).toBe('tieta');
    expect(unitAtLevel(chain, 'city')?.id).toBe('kaifeng');
    expect(unitAtLevel(territorialChain(unitsById, 'daxing'), 'community')).toBeUndefined();
  });
});
