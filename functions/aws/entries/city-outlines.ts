/** `GET /city/outlines/{level}`: one layer of the city's territory as GeoJSON, from the boundary files. */
import { makeCityDirectoryHandlers } from '../../http/native/city-directory.js';
import { city, unitsWithBoundaries } from '../city.js';
import '../city-grids.js';
import { observed } from '../observability.js';

// A request reads the boundaries of its layer only: the grids' (1.8 MB for the demo city, and the grid
// index) for the grid layer, the areas file (0.8 MB) for the others. Loading both at cold start cost each
// instance ~70 ms here before its first answer, whichever layer it was asked for.
export const handler = observed(makeCityDirectoryHandlers({ city: city(), unitsOf: unitsWithBoundaries }).outline);
