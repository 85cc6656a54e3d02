/** The Open311 GeoReport v2 endpoint as a transport-independent function (see README.md in this folder). */
export { handleOpen311 } from './handler.js';
export { Open311Error, type Open311ErrorItem } from './errors.js';
export type { Open311Client, Open311Deps, Open311Request, Open311Response } from './types.js';
