/**
 * The map of open cases: the city's own district and community outlines (grids from zoom 14) drawn on a
 * canvas from the API's GeoJSON — no tile server — and one circle per open case, coloured by time status.
 * Markers are updated in place on each refresh (the board reads the points), so a board of 10,000 cases
 * does not rebuild its map.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api.js';
import { useApp } from '../app-context.js';
import { navigate } from '../router.js';
import type { MapPoint, TimeStatus } from '../types.js';

interface Outlines {
  features: { type: 'Feature'; id: string; properties: { id: string }; geometry: GeoJSON.Geometry }[];
}

/** Colours with at least 3:1 contrast against the pale map background. */
const COLOURS: Record<TimeStatus, string> = { onTrack: '#1a7f37', warning: '#9a6700', overdue: '#cf222e' };
const GRID_ZOOM = 14;

export function BoardMap({ points }: { points: MapPoint[] | undefined }) {
  const { directory, t } = useApp();
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<{ map: L.Map; layer: L.LayerGroup; renderer: L.Renderer; markers: Map<string, { marker: L.CircleMarker; status: TimeStatus }> } | undefined>(undefined);

  useEffect(() => {
    if (!container.current || !directory) return;
    const renderer = L.canvas({ padding: 0.2 });
    const map = L.map(container.current, { renderer, preferCanvas: true, attributionControl: false, zoomSnap: 0.5, minZoom: 8, maxZoom: 18 });
    const { bounds } = directory;
    if (bounds) map.fitBounds([[bounds.south, bounds.west], [bounds.north, bounds.east]]);
    else map.setView([0, 0], 2);
    let stopped = false;
    const outline = (level: string, style: L.PathOptions) =>
      api.get<Outlines>(`/city/outlines/${level}`).then((data) => (stopped ? undefined : L.geoJSON(data as unknown as GeoJSON.FeatureCollection, { style, interactive: false })));
    void outline('community', { color: '#57606a', weight: 0.6, fill: true, fillColor: '#f6f8fa', fillOpacity: 1 }).then((layer) => {
      layer?.addTo(map).bringToBack();
    });
    void outline('district', { color: '#24292f', weight: 2, fill: false }).then((layer) => layer?.addTo(map));
    let grids: L.GeoJSON | undefined;
    let gridsLoading = false;
    const onZoom = () => {
      if (map.getZoom() >= GRID_ZOOM) {
        if (grids) grids.addTo(map);
        else if (!gridsLoading) {
          gridsLoading = true;
          void outline('grid', { color: '#8c959f', weight: 0.4, fill: false }).then((layer) => {
            grids = layer;
            if (layer && map.getZoom() >= GRID_ZOOM) layer.addTo(map);
          });
        }
      } else grids?.remove();
    };
    map.on('zoomend', onZoom);

    drawn.current = { map, layer: L.layerGroup().addTo(map), renderer, markers: new Map() };
    return () => {
      stopped = true;
      drawn.current = undefined;
      map.remove();
    };
  }, [directory]);

  useEffect(() => {
    const target = drawn.current;
    if (!target || !points) return;
    const { markers, layer, renderer } = target;
    const seen = new Set<string>();
    for (const point of points) {
      seen.add(point.id);
      const known = markers.get(point.id);
      if (known) {
        if (known.status !== point.status) {
          known.marker.setStyle({ color: COLOURS[point.status], fillColor: COLOURS[point.status] });
          known.status = point.status;
        }
        continue;
      }
      const marker = L.circleMarker([point.lat, point.lon], { renderer, radius: 5, weight: 1, color: COLOURS[point.status], fillColor: COLOURS[point.status], fillOpacity: 0.8 });
      marker.bindTooltip(() => `${point.id} · ${t.status[markers.get(point.id)?.status ?? point.status] ?? point.status}`);
      marker.on('click', () => navigate('case', point.id));
      marker.addTo(layer);
      markers.set(point.id, { marker, status: point.status });
    }
    for (const [id, { marker }] of markers) {
      if (!seen.has(id)) {
        marker.remove();
        markers.delete(id);
      }
    }
    container.current?.setAttribute('data-points', String(markers.size));
  }, [points, directory]);

  return <div ref={container} class="map" role="region" aria-label={t.board.map} aria-describedby="map-help" />;
}
