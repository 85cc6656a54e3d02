/**
 * Everything derived once from a city's configuration that every request and task needs: the working
 * calendar, the grid index, the routing context and the rules context. Built once per process (a Lambda
 * cold start, the local runtime) and shared.
 */
import { createWorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { WorkingCalendarRules } from '../domain/calendar/types.js';
import type { CityConfig } from '../domain/city/schema.js';
import type { CaseRulesContext } from '../domain/deadlines/limits.js';
import { GridIndex } from '../domain/geo/grid-index.js';
import { createRoutingContext, type RoutingContext } from '../domain/routing/index.js';

export interface CityContext {
  city: CityConfig;
  calendar: WorkingCalendarRules;
  grids: GridIndex;
  routing: RoutingContext;
  rules: CaseRulesContext;
}

export function createCityContext(city: CityConfig): CityContext {
  const calendar = createWorkingCalendar(city.calendar);
  const grids = GridIndex.fromUnits(city.units);
  return { city, calendar, grids, routing: createRoutingContext(city, grids), rules: { calendar, city } };
}
