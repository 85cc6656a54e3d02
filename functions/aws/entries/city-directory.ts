/** `GET /city`: the city's units as the console shows them, straight from the city file. */
import { makeCityDirectoryHandlers } from '../../http/native/city-directory.js';
import { observed } from '../observability.js';
import { city } from '../city.js';

// The directory names the city's extent, the box around its grids.
void city().grids;

export const handler = observed(makeCityDirectoryHandlers({ city: city() }).directory);
