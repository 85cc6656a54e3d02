/** `GET /city`: the city's units as the console shows them, straight from the city file. */
import { makeCityDirectoryHandlers } from '../../http/native/city-directory.js';
import { observed } from '../observability.js';
import { city, cityExtent } from '../city.js';

// The directory names the city's extent, the box around its grids: the runtime city file has it, so
// this function reads neither the grids file nor builds the grid index.
export const handler = observed(makeCityDirectoryHandlers({ city: city(), extent: cityExtent }).directory);
