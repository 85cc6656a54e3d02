/**
 * Boundaries made small enough to send to a browser: coordinates rounded to 5 decimals (about a metre) and
 * each ring thinned with Douglas–Peucker at a tolerance well under what a city map can show. A ring keeps
 * at least four positions (closed triangle), so every polygon stays a polygon.
 */
type Position = [number, number];
export type Ring = Position[];
export type AreaGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** 5 decimals of a degree: 1.1 m north-south, under a metre east-west at Kaifeng's latitude. */
const round = (value: number) => Math.round(value * 1e5) / 1e5;

function perpendicularDistance([x, y]: Position, [x1, y1]: Position, [x2, y2]: Position): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length;
}

function douglasPeucker(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const distance = perpendicularDistance(points[i]!, points[first]!, points[last]!);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

export function simplifyRing(ring: Ring, tolerance: number): Ring {
  const rounded: Ring = [];
  for (const [lon, lat] of ring) {
    const point: Position = [round(lon), round(lat)];
    const previous = rounded.at(-1);
    if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) rounded.push(point);
  }
  if (rounded.length < 4) return rounded;
  // The ring is closed (first = last): thin the open path between them, anchored at both ends.
  const thinned = douglasPeucker(rounded, tolerance);
  return thinned.length >= 4 ? thinned : rounded;
}

export function simplifyArea(geometry: AreaGeometry, tolerance: number): AreaGeometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => simplifyRing(ring, tolerance)) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => simplifyRing(ring, tolerance))) };
}
