/**
 * The map of open cases: the city's own district and community outlines (grids from zoom 14) drawn on a
 * canvas from the API's GeoJSON — no tile server — and a dot per open case, coloured by time status.
 * Each layer of outlines is one Leaflet polygon (a multipolygon of all its areas) rather than a layer per
 * area: a city has thousands of communities, and one path per layer is drawn in a fraction of the time.
 * The dots are one canvas layer (case-points-layer.ts), updated in place on each refresh.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api.js';
import { useApp } from '../app-context.js';
import { outlinePath } from '../board-reads.js';
import { navigate } from '../router.js';
import type { BoardMapPoints, TimeStatus } from '../types.js';
import { CasePointsLayer } from './case-points-layer.js';

type Position = [number, number];
interface Outlines {
  features: { geometry: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] } }[];
}

/** Colours with at least 3:1 contrast against the pale map background. */
const COLOURS: Record<TimeStatus, string> = { onTrack: '#1a7f37', warning: '#9a6700', overdue: '#cf222e' };
const GRID_ZOOM = 14;

/** Every area of a layer as one multipolygon's rings (GeoJSON is lon, lat; Leaflet lat, lon). */
function areasOf(outlines: Outlines): L.LatLng[][][] {
  const ring = (positions: Position[]) => positions.map(([lon, lat]) => L.latLng(lat, lon));
  return outlines.features.flatMap(({ geometry }) =>
    geometry.type === 'Polygon' ? [geometry.coordinates.map(ring)] : geometry.coordinates.map((polygon) => polygon.map(ring)),
  );
}

export function BoardMap({ points }: { points: BoardMapPoints | undefined }) {
  const { directory, t } = useApp();
  const container = useRef<HTMLDivElement>(null);
  const dots = useRef<CasePointsLayer | undefined>(undefined);
  const labels = useRef(t);
  labels.current = t;

  useEffect(() => {
    if (!container.current || !directory) return;
    const renderer = L.canvas({ padding: 0.2 });
    const map = L.map(container.current, { renderer, preferCanvas: true, attributionControl: false, zoomSnap: 0.5, minZoom: 8, maxZoom: 18 });
    const { bounds } = directory;
    if (bounds) map.fitBounds([[bounds.south, bounds.west], [bounds.north, bounds.east]]);
    else map.setView([0, 0], 2);
    let stopped = false;
    // The layers on the map, in `data-outlines` (for the tests and the bench, which wait for them).
    const shown = new Set<string>();
    const mark = (level: string, on: boolean) => {
      if (on) shown.add(level);
      else shown.delete(level);
      container.current?.setAttribute('data-outlines', [...shown].sort().join(' '));
    };
    const outline = (level: string, style: L.PolylineOptions) =>
      api.get<Outlines>(outlinePath(level)).then((data) => (stopped ? undefined : L.polygon(areasOf(data), { ...style, renderer, interactive: false })));
    // Drawn bottom to top: the city's ground (the districts filled), the communities' lines, the districts'
    // lines. The ground is the 9 districts' areas rather than the 2,000 communities' — the same pale
    // ground where communities tile their districts, for a fraction of the canvas's filling.
    let ground: L.Polygon | undefined;
    let districts: L.Polygon | undefined;
    const stack = () => {
      ground?.bringToBack();
      districts?.bringToFront();
    };
    // No smoothing by Leaflet: the API has already thinned the lines (outline-geometry.ts), and
    // re-simplifying 2,000 rings on every zoom cost the main thread more than drawing their few extra points.
    void outline('community', { color: '#57606a', weight: 0.6, fill: false, smoothFactor: 0 }).then((layer) => {
      if (!layer) return;
      layer.addTo(map);
      stack();
      mark('community', true);
    });
    void outline('district', { color: '#24292f', weight: 2, fill: false }).then((layer) => {
      if (!layer) return;
      ground = L.polygon(layer.getLatLngs(), { renderer, interactive: false, stroke: false, fill: true, fillColor: '#f6f8fa', fillOpacity: 1 }).addTo(map);
      districts = layer.addTo(map);
      stack();
      mark('district', true);
    });
    let grids: L.Polygon | undefined;
    let gridsLoading = false;
    const onZoom = () => {
      if (map.getZoom() >= GRID_ZOOM) {
        if (grids) mark('grid', Boolean(grids.addTo(map)));
        else if (!gridsLoading) {
          gridsLoading = true;
          void outline('grid', { color: '#8c959f', weight: 0.4, fill: false }).then((layer) => {
            grids = layer;
            if (layer && map.getZoom() >= GRID_ZOOM) mark('grid', Boolean(layer.addTo(map)));
          });
        }
      } else if (grids) {
        grids.remove();
        mark('grid', false);
      }
    };
    map.on('zoomend', onZoom);

    const layer = new CasePointsLayer({
      colours: COLOURS,
      radius: 5,
      label: (point) => `${point.id} · ${labels.current.status[point.status] ?? point.status}`,
      open: (point) => navigate('case', point.id),
    }).addTo(map);
    dots.current = layer;
    return () => {
      stopped = true;
      dots.current = undefined;
      map.remove();
    };
  }, [directory]);

  useEffect(() => {
    const layer = dots.current;
    if (!layer || !points) return;
    layer.setPoints(points);
    container.current?.setAttribute('data-points', String(layer.size));
  }, [points, directory]);

  return <div ref={container} class="map" role="region" aria-label={t.board.map} aria-describedby="map-help" />;
}
