import { describe, expect, it } from 'vitest';
import type { CityConfig } from '../city/schema.js';
import { bboxOf } from '../geo/bbox.js';
import type { GeoPoint } from '../geo/types.js';
import { TINY_IDS, TINY_LATTICE, TINY_VERSION_2_FROM, tinyCity } from '../testing/tiny-city.js';
import { createRoutingContext } from './context.js';
import { route } from './route.js';
import { DECISION_CODES, type DecisionCode, type NeedsDecision, type RouteInput, type RouteResult, type Routed } from './types.js';

const D = TINY_IDS.departments;
const CAT = TINY_IDS.categories;
const IN_VERSION_1 = Date.parse('2025-03-10T10:00:00+08:00');
const IN_VERSION_2 = Date.parse('2025-08-04T10:00:00+08:00');

const ctx = createRoutingContext(tinyCity());

/** A tiny city changed by `edit`, for the cases the shipped fixture is deliberately free of. */
function contextWith(edit: (city: CityConfig) => void) {
  const city = tinyCity();
  edit(city);
  return createRoutingContext(city);
}

function centreOf(gridId: string): GeoPoint {
  const boundary = tinyCity().units.find((unit) => unit.id === gridId)?.boundary;
  if (!boundary) throw new Error(`no grid ${gridId} in the tiny city`);
  const [minX, minY, maxX, maxY] = bboxOf(boundary);
  return { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2 };
}

const routeAt = (gridId: string | undefined, categoryCode: string, receivedAt = IN_VERSION_1, context = ctx): RouteResult =>
  route({ categoryCode, receivedAt, ...(gridId === undefined ? {} : { location: centreOf(gridId) }) }, context);

function expectRouted(result: RouteResult): Routed {
  if (result.kind !== 'routed') throw new Error(`expected routed, got ${result.code}: ${result.reason}`);
  return result;
}
function expectDecision(result: RouteResult, code: DecisionCode): NeedsDecision {
  if (result.kind !== 'needsDecision') throw new Error(`expected ${code}, got routed to ${result.leadId}`);
  expect(result.code).toBe(code);
  expect(result.reason).toMatch(/^[A-Z].*\.$/);
  return result;
}

describe('owner first (components)', () => {
  it('sends a component with one owner to that owner, wherever it is', () => {
    const result = expectRouted(routeAt('madaojie-2', CAT.waterCover));
    expect(result).toMatchObject({ leadId: D.waterSupply, coHandlerIds: [], ownerRule: 'ownerFirst', responsibilityVersion: 1, gridId: 'madaojie-2' });
    expect(result.row.categoryCode).toBe(CAT.waterCover);
  });

  it('needs no place when the owner is known', () => {
    const result = expectRouted(routeAt(undefined, CAT.waterCover));
    expect(result.leadId).toBe(D.waterSupply);
    expect(result.gridId).toBeUndefined();
  });

  it('sends a component nobody owns to the territory at the row level, with the row co-handlers', () => {
    const result = expectRouted(routeAt('tieta-3', CAT.litterBin));
    expect(result).toMatchObject({ leadId: 'tieta', coHandlerIds: [D.urbanManagement], ownerRule: 'ownerFirst' });
  });

  it('asks the centre to choose between several owners, naming them', () => {
    const result = expectDecision(routeAt('beimen-1', CAT.otherCover), 'severalOwners');
    expect(result.candidates).toEqual([D.waterSupply, D.urbanManagement]);
    expect(result.responsibilityVersion).toBe(1);
    expect(result.gridId).toBe('beimen-1');
    expect(result.reason).toContain(D.waterSupply);
  });
});

describe('territory first (events)', () => {
  it('sends an event to the territorial unit at the row level, the owners helping', () => {
    const result = expectRouted(routeAt('shudianjie-4', CAT.illegalConstruction));
    expect(result).toMatchObject({ leadId: 'beishudian', coHandlerIds: [D.urbanManagement], ownerRule: 'territoryFirst' });
  });

  it('falls back to the single owner when the case has no place', () => {
    const result = expectRouted(routeAt(undefined, CAT.illegalConstruction));
    expect(result).toMatchObject({ leadId: D.urbanManagement, coHandlerIds: [] });
  });

  it('takes a grid named by a person over a location', () => {
    const result = expectRouted(
      route({ categoryCode: CAT.illegalConstruction, receivedAt: IN_VERSION_1, gridId: 'gulou-community-1', location: centreOf('tieta-1') }, ctx),
    );
    expect(result.leadId).toBe('zhouqiao');
    expect(result.gridId).toBe('gulou-community-1');
  });

  it('lists co-handlers once, in row order, and never the lead', () => {
    const context = contextWith((city) => {
      const row = city.responsibilityList.versions[0]?.rows.find((r) => r.categoryCode === CAT.illegalConstruction);
      if (!row) throw new Error('fixture changed');
      row.coHandlerIds = [D.justice, 'daxing', D.urbanManagement, D.justice];
      row.ownerIds = [D.urbanManagement, D.urbanManagement];
    });
    const result = expectRouted(routeAt('tieta-1', CAT.illegalConstruction, IN_VERSION_1, context));
    expect(result.leadId).toBe('daxing');
    expect(result.coHandlerIds).toEqual([D.justice, D.urbanManagement]);
  });
});

describe('area-narrowed rows', () => {
  it('prefer the row narrowed to the case area over the city-wide row', () => {
    const longting = expectRouted(routeAt('tieta-1', CAT.exposedRubbish));
    expect(longting).toMatchObject({ leadId: 'daxing', coHandlerIds: [D.longtingUrbanManagement] });
    expect(longting.row.areaIds).toEqual([TINY_IDS.districts.longting]);
    expect(longting.limits.source).toBe('row');
  });

  it('leave the city-wide row to places outside their area', () => {
    const gulou = expectRouted(routeAt('madaojie-1', CAT.exposedRubbish));
    expect(gulou).toMatchObject({ leadId: 'madaojie', coHandlerIds: [D.urbanManagement] });
    expect(gulou.row.areaIds).toBeUndefined();
  });

  it('leave a case without a place to the city-wide row', () => {
    expect(expectRouted(routeAt(undefined, CAT.exposedRubbish)).leadId).toBe(D.urbanManagement);
  });

  it('rank a row narrowed to a smaller area above one narrowed to a larger area', () => {
    const context = contextWith((city) => {
      city.responsibilityList.versions[0]?.rows.push({
        categoryCode: CAT.exposedRubbish,
        areaIds: ['tieta-2'],
        ownerRule: 'territoryFirst',
        ownerIds: [],
        territoryLevel: 'community',
        coHandlerIds: [],
        closingCondition: { zh: '已清运', en: 'Removed' },
      });
    });
    expect(expectRouted(routeAt('tieta-2', CAT.exposedRubbish, IN_VERSION_1, context)).leadId).toBe('tieta');
    expect(expectRouted(routeAt('tieta-1', CAT.exposedRubbish, IN_VERSION_1, context)).leadId).toBe('daxing');
  });
});

describe('responsibility-list versions', () => {
  it('route by the version in effect when the case was received', () => {
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, IN_VERSION_1))).toMatchObject({ leadId: 'tieta', responsibilityVersion: 1 });
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, IN_VERSION_2))).toMatchObject({ leadId: D.urbanManagement, responsibilityVersion: 2 });
  });

  it('switch exactly at the effective instant', () => {
    const switchAt = Date.parse(TINY_VERSION_2_FROM);
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, switchAt - 1)).responsibilityVersion).toBe(1);
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, switchAt)).responsibilityVersion).toBe(2);
  });

  it('do not depend on the order the versions are listed in', () => {
    const context = contextWith((city) => city.responsibilityList.versions.reverse());
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, IN_VERSION_2, context)).responsibilityVersion).toBe(2);
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, IN_VERSION_1, context)).responsibilityVersion).toBe(1);
  });

  it('resolve two versions taking effect together to the higher number', () => {
    const context = contextWith((city) => {
      const [first, second] = city.responsibilityList.versions;
      if (!first || !second) throw new Error('fixture changed');
      second.effectiveFrom = first.effectiveFrom;
    });
    expect(expectRouted(routeAt('tieta-1', CAT.litterBin, IN_VERSION_1, context)).responsibilityVersion).toBe(2);
  });
});

describe('limits on a routed case', () => {
  it('come from the category tier for the urgency, the default urgency when none is given', () => {
    const input: RouteInput = { categoryCode: CAT.waterCover, receivedAt: IN_VERSION_1 };
    expect(expectRouted(route(input, ctx)).limits).toEqual({ limits: { accept: { amount: 30, unit: 'naturalMinutes' }, handle: { amount: 4, unit: 'naturalHours' } }, source: 'urgencyTier' });
    expect(expectRouted(route({ ...input, urgency: 'routine' }, ctx)).limits.source).toBe('routine');
  });

  it('take a hotline topic limit for the request type', () => {
    const result = expectRouted(route({ categoryCode: CAT.labour, receivedAt: IN_VERSION_1, requestType: 'consultation' }, ctx));
    expect(result.limits).toEqual({ limits: { accept: { amount: 1, unit: 'workingDays' }, handle: { amount: 2, unit: 'workingDays' } }, source: 'requestType' });
    expect(result.coHandlerIds).toEqual([D.justice]);
  });
});

describe('cases the list cannot settle', () => {
  const cases: Record<DecisionCode, () => RouteResult> = {
    unknownCategory: () => routeAt('tieta-1', 'B9999'),
    noVersionInEffect: () => routeAt('tieta-1', CAT.waterCover, Date.parse('2024-12-31T23:59:59+08:00')),
    unknownGrid: () => route({ categoryCode: CAT.illegalConstruction, receivedAt: IN_VERSION_1, gridId: 'tieta' }, ctx),
    outsideGrids: () =>
      route({ categoryCode: CAT.illegalConstruction, receivedAt: IN_VERSION_1, location: { lon: (TINY_LATTICE.lons[8] ?? 0) + 0.001, lat: 34.79 } }, ctx),
    noRowForCategory: () =>
      routeAt(
        'tieta-1',
        CAT.labour,
        IN_VERSION_2,
        contextWith((city) => {
          const second = city.responsibilityList.versions[1];
          if (second) second.rows = second.rows.filter((row) => row.categoryCode !== CAT.labour);
        }),
      ),
    noRowForArea: () =>
      routeAt(
        'madaojie-1',
        CAT.exposedRubbish,
        IN_VERSION_1,
        contextWith((city) => {
          const first = city.responsibilityList.versions[0];
          if (first) first.rows = first.rows.filter((row) => row.categoryCode !== CAT.exposedRubbish || row.areaIds);
        }),
      ),
    severalOwners: () => routeAt('tieta-1', CAT.otherCover),
    noLocation: () => routeAt(undefined, CAT.litterBin),
    noTerritorialUnit: () =>
      routeAt(
        'tieta-1',
        CAT.litterBin,
        IN_VERSION_1,
        contextWith((city) => {
          const row = city.responsibilityList.versions[0]?.rows.find((r) => r.categoryCode === CAT.litterBin);
          if (row) delete row.territoryLevel;
        }),
      ),
    conflictingRows: () =>
      routeAt(
        'tieta-1',
        CAT.labour,
        IN_VERSION_1,
        contextWith((city) => {
          city.responsibilityList.versions[0]?.rows.push({
            categoryCode: CAT.labour,
            ownerRule: 'ownerFirst',
            ownerIds: [D.justice],
            coHandlerIds: [],
            closingCondition: { zh: '已答复', en: 'Answered' },
          });
        }),
      ),
    unknownHandler: () =>
      routeAt(
        'tieta-1',
        CAT.labour,
        IN_VERSION_1,
        contextWith((city) => {
          const row = city.responsibilityList.versions[0]?.rows.find((r) => r.categoryCode === CAT.labour);
          if (row) row.coHandlerIds = ['ghost-bureau'];
        }),
      ),
  };

  it('covers every decision code', () => {
    expect(Object.keys(cases).sort()).toEqual([...DECISION_CODES].sort());
  });

  it.each(Object.entries(cases))('answers %s with a reason', (code, run) => {
    expectDecision(run(), code as DecisionCode);
  });

  it('says what is unknown and when the list starts', () => {
    expect(expectDecision(cases.unknownCategory(), 'unknownCategory').reason).toContain('B9999');
    expect(expectDecision(cases.noVersionInEffect(), 'noVersionInEffect').reason).toContain('2025-01-01T00:00:00+08:00');
    expect(expectDecision(cases.unknownGrid(), 'unknownGrid').reason).toBe('The case names grid tieta, which is a community, not a grid.');
    const nowhere = route({ categoryCode: CAT.waterCover, receivedAt: IN_VERSION_1, gridId: 'atlantis-1' }, ctx);
    expect(expectDecision(nowhere, 'unknownGrid').reason).toContain('not a unit of this city');
  });

  it('names the city-wide owners when a location falls outside every grid', () => {
    const result = expectDecision(cases.outsideGrids(), 'outsideGrids');
    expect(result.candidates).toEqual([D.urbanManagement]);
    expect(result.responsibilityVersion).toBe(1);
  });

  it('names the leads of conflicting rows', () => {
    expect(expectDecision(cases.conflictingRows(), 'conflictingRows').candidates).toEqual([D.humanResources, D.justice]);
  });

  it('merges equally specific rows that agree on the lead', () => {
    const context = contextWith((city) => {
      city.responsibilityList.versions[0]?.rows.push({
        categoryCode: CAT.labour,
        ownerRule: 'ownerFirst',
        ownerIds: [D.humanResources],
        coHandlerIds: ['kaifeng'],
        closingCondition: { zh: '已答复', en: 'Answered' },
      });
    });
    const result = expectRouted(routeAt(undefined, CAT.labour, IN_VERSION_1, context));
    expect(result).toMatchObject({ leadId: D.humanResources, coHandlerIds: [D.justice, 'kaifeng'] });
  });

  it('explains a case without a place that only area-narrowed rows could route', () => {
    const context = contextWith((city) => {
      const first = city.responsibilityList.versions[0];
      if (first) first.rows = first.rows.filter((row) => row.categoryCode !== CAT.exposedRubbish || row.areaIds);
    });
    const result = expectDecision(routeAt(undefined, CAT.exposedRubbish, IN_VERSION_1, context), 'noRowForArea');
    expect(result.reason).toContain('no location or grid');
  });

  it('asks for a decision when territory must answer, the tree lacks the level and no single owner is left', () => {
    const context = contextWith((city) => {
      const row = city.responsibilityList.versions[0]?.rows.find((r) => r.categoryCode === CAT.illegalConstruction);
      if (row) row.ownerIds = [D.urbanManagement, D.longtingUrbanManagement];
      const grid = city.units.find((unit) => unit.id === 'tieta-1');
      if (grid) delete grid.parentId;
    });
    const result = expectDecision(routeAt('tieta-1', CAT.illegalConstruction, IN_VERSION_1, context), 'noTerritorialUnit');
    expect(result.candidates).toEqual([D.urbanManagement, D.longtingUrbanManagement]);
  });

  it('refuses a receipt time that is not a number', () => {
    expect(() => route({ categoryCode: CAT.waterCover, receivedAt: Number.NaN }, ctx)).toThrow(RangeError);
  });
});
