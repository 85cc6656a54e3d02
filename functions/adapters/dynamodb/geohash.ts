/**
 * Just enough geohash for the near index: encode a point, the cell's bounds, its 8 neighbours, and the
 * cells covering a circle. Written here rather than taken from `ngeohash` because the whole need is forty
 * lines, the package ships no types, and working on integer cell coordinates (row, column) makes
 * neighbours and coverings plain arithmetic, including across the antimeridian.
 *
 * A geohash of precision p has 5p bits, interleaved longitude first: the column has ceil(5p/2) bits, the
 * row floor(5p/2).
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
export const MAX_PRECISION = 12;

export interface Cell {
  row: number;
  col: number;
  precision: number;
}

export interface Bounds {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

const checkPrecision = (precision: number): void => {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw new RangeError(`geohash precision must be an integer from 1 to ${MAX_PRECISION}, not ${precision}`);
  }
};

export const lonBits = (precision: number): number => Math.ceil((5 * precision) / 2);
export const latBits = (precision: number): number => Math.floor((5 * precision) / 2);
/** Cell size in degrees: [latitude, longitude]. */
export const cellDegrees = (precision: number): [number, number] => [180 / 2 ** latBits(precision), 360 / 2 ** lonBits(precision)];

const clampIndex = (index: number, count: number): number => Math.min(count - 1, Math.max(0, index));

/** The cell holding a point (a point on an edge belongs to the cell north or east of it, like bisection). */
export function cellOf(lat: number, lon: number, precision: number): Cell {
  checkPrecision(precision);
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) throw new RangeError(`not a WGS84 point: ${lat}, ${lon}`);
  const [dLat, dLon] = cellDegrees(precision);
  return {
    row: clampIndex(Math.floor((lat + 90) / dLat), 2 ** latBits(precision)),
    col: clampIndex(Math.floor((lon + 180) / dLon), 2 ** lonBits(precision)),
    precision,
  };
}

/** The geohash of a cell; the column wraps around the globe, a row beyond a pole has no cell. */
export function hashOf(cell: Cell): string {
  const { precision } = cell;
  checkPrecision(precision);
  const cols = 2 ** lonBits(precision);
  const col = ((cell.col % cols) + cols) % cols;
  const row = cell.row;
  if (row < 0 || row >= 2 ** latBits(precision)) throw new RangeError(`row ${row} is beyond a pole`);
  let hash = '';
  let lonLeft = lonBits(precision);
  let latLeft = latBits(precision);
  let chunk = 0;
  for (let bit = 0; bit < 5 * precision; bit++) {
    // Even bits are longitude, odd bits latitude, most significant first.
    const value = bit % 2 === 0 ? Math.floor(col / 2 ** --lonLeft) % 2 : Math.floor(row / 2 ** --latLeft) % 2;
    chunk = chunk * 2 + value;
    if (bit % 5 === 4) {
      hash += BASE32[chunk];
      chunk = 0;
    }
  }
  return hash;
}

export const encode = (lat: number, lon: number, precision: number): string => hashOf(cellOf(lat, lon, precision));

/** The inverse of `hashOf`. */
export function decodeCell(hash: string): Cell {
  const precision = hash.length;
  checkPrecision(precision);
  let row = 0;
  let col = 0;
  let bit = 0;
  for (const char of hash.toLowerCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new RangeError(`'${hash}' is not a geohash`);
    for (let shift = 4; shift >= 0; shift--, bit++) {
      const b = (value >> shift) & 1;
      if (bit % 2 === 0) col = col * 2 + b;
      else row = row * 2 + b;
    }
  }
  return { row, col, precision };
}

export function bounds(hash: string): Bounds {
  const { row, col, precision } = decodeCell(hash);
  const [dLat, dLon] = cellDegrees(precision);
  return { minLat: row * dLat - 90, maxLat: (row + 1) * dLat - 90, minLon: col * dLon - 180, maxLon: (col + 1) * dLon - 180 };
}

/** The up to 8 cells around one (fewer at a pole), wrapping across the antimeridian. */
export function neighbours(hash: string): string[] {
  const { row, col, precision } = decodeCell(hash);
  const rows = 2 ** latBits(precision);
  const found: string[] = [];
  for (const dr of [1, 0, -1]) {
    for (const dc of [-1, 0, 1]) {
      if ((dr === 0 && dc === 0) || row + dr < 0 || row + dr >= rows) continue;
      found.push(hashOf({ row: row + dr, col: col + dc, precision }));
    }
  }
  return found;
}

/** Mean earth radius, the one @turf/distance uses, so the covering and the exact filter agree. */
const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/** The latitude/longitude box around a spherical cap (exact on the sphere; the whole longitude range near a pole). */
export function circleBounds(lat: number, lon: number, radiusMeters: number): Bounds {
  const angular = radiusMeters / EARTH_RADIUS_M; // radians
  const minLat = lat - angular / DEG;
  const maxLat = lat + angular / DEG;
  if (minLat <= -90 || maxLat >= 90) return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), minLon: -180, maxLon: 180 };
  const spread = Math.sin(angular) / Math.cos(lat * DEG);
  const dLon = spread >= 1 ? 180 : Math.asin(spread) / DEG;
  return { minLat, maxLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/** How many cells of a precision cover a box, without listing them. */
function coverExtent(box: Bounds, precision: number): { rows: [number, number]; cols: [number, number]; count: number } {
  const [dLat, dLon] = cellDegrees(precision);
  const rowCount = 2 ** latBits(precision);
  const colCount = 2 ** lonBits(precision);
  const rows: [number, number] = [clampIndex(Math.floor((box.minLat + 90) / dLat), rowCount), clampIndex(Math.floor((box.maxLat + 90) / dLat), rowCount)];
  // Columns are not clamped: a box across the antimeridian runs past the last column and wraps in `hashOf`.
  let cols: [number, number] = [Math.floor((box.minLon + 180) / dLon), Math.floor((box.maxLon + 180) / dLon)];
  if (cols[1] - cols[0] + 1 >= colCount) cols = [0, colCount - 1];
  return { rows, cols, count: (rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1) };
}

/**
 * The cells covering a circle, at the finest precision in [minPrecision, maxPrecision] that needs at most
 * `maxCells` of them (one query each), or at `minPrecision` if none does; throws past `limit` cells.
 */
export function coveringCells(
  lat: number,
  lon: number,
  radiusMeters: number,
  options: { minPrecision: number; maxPrecision: number; maxCells: number; limit: number },
): { precision: number; cells: string[] } {
  const box = circleBounds(lat, lon, radiusMeters);
  let precision = options.maxPrecision;
  let extent = coverExtent(box, precision);
  while (extent.count > options.maxCells && precision > options.minPrecision) extent = coverExtent(box, --precision);
  if (extent.count > options.limit) {
    throw new RangeError(`a radius of ${radiusMeters} m needs ${extent.count} geohash cells; at most ${options.limit} are queried`);
  }
  const cells: string[] = [];
  for (let row = extent.rows[0]; row <= extent.rows[1]; row++) {
    for (let col = extent.cols[0]; col <= extent.cols[1]; col++) cells.push(hashOf({ row, col, precision }));
  }
  return { precision, cells };
}
