/** `GET /city/outlines/{level}`: one layer of the city's territory as GeoJSON, from the boundaries file. */
import { makeCityDirectoryHandlers } from '../../http/native/city-directory.js';
import { city, cityWithBoundaries } from '../city.js';
import { observed } from '../observability.js';

// The outlines need every unit's boundary; the grid index (the city's extent) comes with them.
const context = { ...city(), city: cityWithBoundaries() };

export const handler = observed(makeCityDirectoryHandlers({ city: context }).outline);
