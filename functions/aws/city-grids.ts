/**
 * Imported by the entries that locate points in grids or draw them (their uses include `boundaries`):
 * the city they load opens its grids file with the grid index (`city.ts`), whose code (flatbush, point in
 * polygon) no other function bundles.
 */
import { openGridsWith } from './city.js';
import { openRuntimeGrids } from './runtime-city.js';

openGridsWith(openRuntimeGrids);
