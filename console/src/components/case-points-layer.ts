/**
 * The open cases as dots on one canvas: a Leaflet layer that draws every point in a few canvas calls per
 * colour. A board of 10,000 open cases as 10,000 `L.circleMarker`s costs the main thread most of a second
 * to build (an object, events and a tooltip per marker) and again on every refresh; here a refresh
 * replaces three typed arrays. Leaflet still does the map's work — projection, panning, zooming — and the
 * canvas follows its zoom animation the way Leaflet's own renderers do. Hover shows the case's id and
 * status, a click opens the case (the nearest dot under the pointer, red before yellow before green).
 * It takes the API's columns as they come (ids, longitudes, latitudes, status codes): no object per point.
 */
import L from 'leaflet';
import type { BoardMapPoints, MapPoint, TimeStatus } from '../types.js';

/** Drawn bottom to top: red dots are never hidden under green ones. */
const ORDER: readonly TimeStatus[] = ['onTrack', 'warning', 'overdue'];
/** As Leaflet's renderers: the canvas reaches a fifth of the view beyond each edge, so a short pan shows dots. */
const PADDING = 0.2;

export interface CasePointsOptions {
  colours: Record<TimeStatus, string>;
  radius: number;
  label: (point: MapPoint) => string;
  open: (point: MapPoint) => void;
}

export class CasePointsLayer extends L.Layer {
  private readonly settings: CasePointsOptions;
  private canvas: HTMLCanvasElement | undefined;
  /** The points in drawing order (green, yellow, red): case id, position, status. */
  private ids: string[] = [];
  private lons = new Float64Array(0);
  private lats = new Float64Array(0);
  private statuses: TimeStatus[] = [];
  /** Where each status's points end in drawing order. */
  private ends: Record<TimeStatus, number> = { onTrack: 0, warning: 0, overdue: 0 };
  /** Web Mercator pixels at zoom 0 (the map's CRS), so a redraw at any zoom is a multiply and a subtract. */
  private xs = new Float64Array(0);
  private ys = new Float64Array(0);
  /** Where the canvas was last drawn: its top-left in absolute pixels, at which zoom. */
  private drawn: { origin: L.Point; zoom: number } | undefined;
  private readonly tooltip = L.tooltip({ direction: 'top', offset: [0, -6] });
  private hovered: number | undefined;

  constructor(options: CasePointsOptions) {
    super();
    // Above the outlines' canvas (overlayPane), whichever is created first. (L.Layer has no initialize
    // that would take options from the constructor.)
    L.Util.setOptions(this, { pane: 'markerPane' });
    this.settings = options;
  }

  /** The points to show (put in drawing order here, so drawing and hit-testing need no lookup). */
  setPoints({ statuses, points }: BoardMapPoints): this {
    const count = points.id.length;
    const rank = ORDER.map((status) => statuses.indexOf(status));
    this.ids = new Array<string>(count);
    this.lons = new Float64Array(count);
    this.lats = new Float64Array(count);
    this.statuses = new Array<TimeStatus>(count);
    let next = 0;
    ORDER.forEach((status, position) => {
      const code = rank[position];
      for (let i = 0; i < count; i++) {
        if (points.status[i] !== code) continue;
        this.ids[next] = points.id[i]!;
        this.lons[next] = points.lon[i]!;
        this.lats[next] = points.lat[i]!;
        this.statuses[next] = status;
        next++;
      }
      this.ends[status] = next;
    });
    // A code this console does not know (a newer API) is not drawn rather than drawn in the wrong colour.
    this.ids.length = this.statuses.length = next;
    this.project();
    this.redraw();
    return this;
  }

  get size(): number {
    return this.ids.length;
  }

  private point(index: number): MapPoint {
    return { id: this.ids[index]!, lon: this.lons[index]!, lat: this.lats[index]!, status: this.statuses[index]! };
  }

  override onAdd(): this {
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-animated case-points', this.getPane());
    this.project();
    this.redraw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.closeTooltip(this.tooltip);
    this.canvas?.remove();
    this.canvas = undefined;
    this.drawn = undefined;
    return this;
  }

  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      viewreset: () => this.redraw(),
      moveend: () => this.redraw(),
      resize: () => this.redraw(),
      zoomanim: (event) => this.followZoom(event as L.ZoomAnimEvent),
      mousemove: (event) => this.hover(event as L.LeafletMouseEvent),
      mouseout: () => this.hover(undefined),
      click: (event) => {
        const index = this.pointAt((event as L.LeafletMouseEvent).layerPoint);
        if (index !== undefined) this.settings.open(this.point(index));
      },
    };
  }

  private project(): void {
    if (!this._map) return;
    const crs = this._map.options.crs ?? L.CRS.EPSG3857;
    const count = this.ids.length;
    this.xs = new Float64Array(count);
    this.ys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const { x, y } = crs.latLngToPoint({ lat: this.lats[i]!, lng: this.lons[i]! }, 0);
      this.xs[i] = x;
      this.ys[i] = y;
    }
  }

  private redraw(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const pad = size.multiplyBy(PADDING).round();
    const topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1));
    const width = size.x + 2 * pad.x;
    const height = size.y + 2 * pad.y;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    L.DomUtil.setPosition(canvas, topLeft);
    const zoom = map.getZoom();
    const origin = topLeft.add(map.getPixelOrigin());
    this.drawn = { origin, zoom };

    const context = canvas.getContext('2d')!;
    context.setTransform(1, 0, 0, 1, 0, 0);
    const scale = 2 ** zoom;
    const { radius } = this.settings;
    // Each dot is a copy of its colour's sprite at a whole device pixel: a copy of a few hundred pixels,
    // where an arc is a path to rasterise with antialiasing — 10,000 arcs took the main thread about
    // 0.3 s between drawing and rasterising on a 2-core machine without a GPU.
    const { size: spriteSize, images } = this.sprites(ratio);
    const half = spriteSize / 2;
    let i = 0;
    for (const status of ORDER) {
      const sprite = images[status];
      for (; i < this.ends[status]; i++) {
        const x = this.xs[i]! * scale - origin.x;
        const y = this.ys[i]! * scale - origin.y;
        if (x < -radius || y < -radius || x > width + radius || y > height + radius) continue;
        context.drawImage(sprite, Math.round(x * ratio - half), Math.round(y * ratio - half));
      }
    }
  }

  private drawnSprites: { ratio: number; size: number; images: Record<TimeStatus, ImageBitmap> } | undefined;

  /** One dot per status at the screen's pixel ratio: filled at 80 % opacity, edged in the full colour. */
  private sprites(ratio: number): { size: number; images: Record<TimeStatus, ImageBitmap> } {
    if (this.drawnSprites?.ratio === ratio) return this.drawnSprites;
    const { radius, colours } = this.settings;
    const size = Math.ceil((radius + 1) * 2 * ratio);
    // An ImageBitmap, not a canvas: drawing from a canvas snapshots it on every call (10,000 snapshots).
    const draw = (status: TimeStatus) => {
      const sprite = new OffscreenCanvas(size, size);
      const context = sprite.getContext('2d')!;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.beginPath();
      context.arc(size / ratio / 2, size / ratio / 2, radius, 0, 2 * Math.PI);
      context.fillStyle = context.strokeStyle = colours[status];
      context.globalAlpha = 0.8;
      context.fill();
      context.globalAlpha = 1;
      context.lineWidth = 1;
      context.stroke();
      return sprite.transferToImageBitmap();
    };
    this.drawnSprites = { ratio, size, images: { onTrack: draw('onTrack'), warning: draw('warning'), overdue: draw('overdue') } };
    return this.drawnSprites;
  }

  /** During Leaflet's zoom animation the drawn canvas is scaled and moved to where the new view puts it. */
  private followZoom(event: L.ZoomAnimEvent): void {
    const map = this._map;
    if (!map || !this.canvas || !this.drawn) return;
    const scale = map.getZoomScale(event.zoom, this.drawn.zoom);
    const panePosition = L.DomUtil.getPosition(map.getPane('mapPane')!);
    const newPixelOrigin = map.project(event.center, event.zoom).subtract(map.getSize().divideBy(2)).add(panePosition).round();
    L.DomUtil.setTransform(this.canvas, this.drawn.origin.multiplyBy(scale).subtract(newPixelOrigin), scale);
  }

  /** The dot under a layer point, the last drawn (most urgent) first. */
  private pointAt(layerPoint: L.Point): number | undefined {
    const map = this._map;
    if (!map) return undefined;
    const scale = 2 ** map.getZoom();
    const { x: ox, y: oy } = map.getPixelOrigin();
    const reach = (this.settings.radius + 2) ** 2;
    let best: number | undefined;
    let bestDistance = reach + 1e-9;
    for (let i = this.ids.length - 1; i >= 0; i--) {
      const dx = this.xs[i]! * scale - ox - layerPoint.x;
      const dy = this.ys[i]! * scale - oy - layerPoint.y;
      const distance = dx * dx + dy * dy;
      // Strictly nearer only: of dots at the same distance the most urgent, met first, stays.
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return best;
  }

  private hover(event: L.LeafletMouseEvent | undefined): void {
    const map = this._map;
    if (!map) return;
    const index = event ? this.pointAt(event.layerPoint) : undefined;
    if (index === this.hovered) return;
    this.hovered = index;
    map.getContainer().style.cursor = index === undefined ? '' : 'pointer';
    if (index === undefined) {
      map.closeTooltip(this.tooltip);
      return;
    }
    const point = this.point(index);
    map.openTooltip(this.tooltip.setContent(this.settings.label(point)).setLatLng(L.latLng(point.lat, point.lon)));
  }
}
