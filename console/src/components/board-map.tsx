/**
 * The map of open cases: the city's own district and community outlines (grids from zoom 14) drawn on a
 * canvas from the API's GeoJSON — no tile server — and one circle per open case, coloured by time status.
 * Markers are updated in place on each refresh, so a board of 10,000 cases does not rebuild its map.
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

export function BoardMap({ path, pollMs }: { path: string; pollMs: number }) {
  const { directory, t } = useApp();
  const container = useRef<HTMLDivElement>(null);

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

    const markers = new Map<string, { marker: L.CircleMarker; status: TimeStatus }>();
    const points = L.layerGroup().addTo(map);
    const refresh = async () => {
      const { points: latest } = await api.get<{ points: MapPoint[] }>(`${path}/map`);
      if (stopped) return;
      const seen = new Set<string>();
      for (const point of latest) {
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
        marker.bindTooltip(`${point.id} · ${t.status[point.status] ?? point.status}`);
        marker.on('click', () => navigate('case', point.id));
        marker.addTo(points);
        markers.set(point.id, { marker, status: point.status });
      }
      for (const [id, { marker }] of markers) {
        if (!seen.has(id)) {
          marker.remove();
          markers.delete(id);
        }
      }
      container.current?.setAttribute('data-points', String(markers.size));
    };
    void refresh().catch(() => undefined);
    const timer = setInterval(() => void refresh().catch(() => undefined), pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
      map.remove();
    };
  }, [path, pollMs, directory]);

  return <div ref={container} class="map" role="region" aria-label={t.board.map} aria-describedby="map-help" />;
}
