// The MapLibre map: a self-hosted Natural Earth basemap (no tiles, glyphs or sprites from anywhere), events as
// circles coloured by PLOVER type and clustered when dense, movements as arrows, location uncertainty as circles.
// Text on the map (cluster counts, country and town names) is HTML, so no glyph files are needed.
import maplibregl, {
  type CircleLayerSpecification,
  type ExpressionSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type StyleSpecification,
} from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import type { EventFeature } from "./api.ts";
import { certainty, OTHER_COLOR, TYPE_COLORS } from "./style-constants.ts";

type Position = [number, number];

interface PlainFeature {
  type: "Feature";
  id?: string | number;
  properties: Record<string, string | number | null>;
  geometry:
    | { type: "Point"; coordinates: Position }
    | { type: "LineString"; coordinates: Position[] }
    | { type: "Polygon"; coordinates: Position[][] };
}

const collection = (features: PlainFeature[]) => ({ type: "FeatureCollection" as const, features });
const EMPTY = collection([]);

/** A movement to draw: from `origin` to the event's place. */
export interface Move {
  id: string;
  type: string | null;
  modality: string;
  from: Position;
  to: Position;
}

const colorExpr: ExpressionSpecification = [
  "match",
  ["get", "type"],
  ...Object.entries(TYPE_COLORS).flat(),
  OTHER_COLOR,
] as unknown as ExpressionSpecification;

const isCluster: ExpressionSpecification = ["has", "point_count"];
const certIs = (c: string): ExpressionSpecification => ["all", ["!", isCluster], ["==", ["get", "cert"], c]];

/** Zooms from which towns of each rank get a dot (and may get a label). */
const TOWN_ZOOM: Record<number, number> = { 3: 3.5, 2: 5, 1: 6.5 };

function baseStyle(): StyleSpecification {
  const abs = (p: string) => new URL(p, document.baseURI).href;
  return {
    version: 8,
    sources: {
      countries: {
        type: "geojson",
        data: abs("basemap/countries.geojson"),
        attribution: "Natural Earth (public domain)",
      },
      borders: { type: "geojson", data: abs("basemap/borders.geojson") },
      towns: { type: "geojson", data: EMPTY, attribution: "Towns: GeoNames (CC BY 4.0)" },
      uncertainty: { type: "geojson", data: EMPTY },
      moves: { type: "geojson", data: EMPTY },
      events: {
        type: "geojson",
        data: EMPTY,
        cluster: true,
        clusterRadius: 34,
        clusterMaxZoom: 7,
        clusterProperties: { future: ["+", ["case", ["==", ["get", "cert"], "future"], 1, 0]] },
      },
      selected: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "ocean", type: "background", paint: { "background-color": "#c8d7e3" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f3f0e8" } },
      {
        id: "coast",
        type: "line",
        source: "countries",
        paint: { "line-color": "#8fa7bb", "line-width": ["interpolate", ["linear"], ["zoom"], 2, 0.5, 8, 1.2] },
      },
      {
        id: "borders",
        type: "line",
        source: "borders",
        paint: {
          "line-color": "#857a6a",
          "line-width": ["interpolate", ["linear"], ["zoom"], 2, 0.6, 8, 1.6],
          "line-dasharray": [3, 1.5],
        },
      },
      ...[3, 2, 1].map(
        (r): CircleLayerSpecification => ({
          id: `towns-${r}`,
          type: "circle",
          source: "towns",
          minzoom: TOWN_ZOOM[r],
          filter: ["==", ["get", "r"], r],
          paint: {
            "circle-color": "#5b5b5b",
            "circle-radius": r === 3 ? 3 : 2.2,
            "circle-stroke-color": "#ffffff",
            "circle-stroke-width": 0.8,
          },
        }),
      ),
      {
        id: "uncertainty-fill",
        type: "fill",
        source: "uncertainty",
        minzoom: 5,
        paint: { "fill-color": "#3d4f5c", "fill-opacity": 0.07 },
      },
      {
        id: "uncertainty-line",
        type: "line",
        source: "uncertainty",
        minzoom: 5,
        paint: { "line-color": "#3d4f5c", "line-opacity": 0.6, "line-width": 1.2, "line-dasharray": [2, 2] },
      },
      {
        id: "moves-fact",
        type: "line",
        source: "moves",
        filter: ["all", ["==", ["geometry-type"], "LineString"], ["==", ["get", "cert"], "fact"]],
        layout: { "line-cap": "round" },
        paint: { "line-color": colorExpr, "line-width": 2.5, "line-opacity": 0.85 },
      },
      {
        id: "moves-future",
        type: "line",
        source: "moves",
        filter: ["all", ["==", ["geometry-type"], "LineString"], ["!=", ["get", "cert"], "fact"]],
        paint: { "line-color": colorExpr, "line-width": 2.5, "line-opacity": 0.75, "line-dasharray": [2, 1.5] },
      },
      {
        id: "clusters",
        type: "circle",
        source: "events",
        filter: isCluster,
        paint: {
          "circle-color": "#33434e",
          "circle-opacity": 0.88,
          "circle-radius": ["step", ["get", "point_count"], 12, 10, 15, 50, 19, 200, 24, 1000, 29],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      },
      {
        id: "events-fact",
        type: "circle",
        source: "events",
        filter: certIs("fact"),
        paint: {
          "circle-color": colorExpr,
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 5, 10, 7.5],
          "circle-stroke-color": "#1b1b1b",
          "circle-stroke-width": 1.2,
        },
      },
      {
        id: "events-future-halo",
        type: "circle",
        source: "events",
        filter: certIs("future"),
        paint: {
          "circle-opacity": 0,
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 6.5, 10, 9],
          "circle-stroke-color": "#1b1b1b",
          "circle-stroke-width": 1,
        },
      },
      {
        id: "events-future",
        type: "circle",
        source: "events",
        filter: certIs("future"),
        paint: {
          "circle-color": colorExpr,
          "circle-opacity": 0.22,
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 4.5, 10, 7],
          "circle-stroke-color": colorExpr,
          "circle-stroke-width": 2.5,
        },
      },
      {
        id: "events-denied",
        type: "circle",
        source: "events",
        filter: certIs("denied"),
        paint: {
          "circle-color": "#ffffff",
          "circle-opacity": 0.7,
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 4.5, 10, 7],
          "circle-stroke-color": "#5f5f5f",
          "circle-stroke-width": 2,
        },
      },
      {
        id: "selected-area",
        type: "line",
        source: "selected",
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "line-color": "#000000", "line-width": 1.5, "line-dasharray": [3, 2] },
      },
      {
        id: "selected",
        type: "circle",
        source: "selected",
        filter: ["==", ["geometry-type"], "Point"],
        paint: {
          "circle-opacity": 0,
          "circle-radius": 13,
          "circle-stroke-color": "#000000",
          "circle-stroke-width": 3,
        },
      },
    ],
  };
}

export const EVENT_LAYERS = ["events-fact", "events-future", "events-denied"];

/** An arrow head pointing up, as an SDF image so that it takes each movement's colour. */
function arrowHead(): ImageData {
  const size = 24;
  const c = document.createElement("canvas");
  c.width = c.height = size;
  const g = c.getContext("2d")!;
  g.fillStyle = "#000";
  g.beginPath();
  g.moveTo(size / 2, 2);
  g.lineTo(size - 4, size - 4);
  g.lineTo(size / 2, size - 9);
  g.lineTo(4, size - 4);
  g.closePath();
  g.fill();
  return g.getImageData(0, 0, size, size);
}

/** Bearing (degrees clockwise from north) from a to b on the Web Mercator plane, as the arrow is drawn. */
export function screenBearing(a: Position, b: Position): number {
  const y = (lat: number) => (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;
  return (Math.atan2(b[0] - a[0], y(b[1]) - y(a[1])) * 180) / Math.PI;
}

/** A circle of `km` around a point as a polygon (64 vertices, spherical Earth). */
export function circle(center: Position, km: number, steps = 64): Position[] {
  const R = 6371;
  const [lon, lat] = center.map((v) => (v * Math.PI) / 180);
  const d = km / R;
  const ring: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const brg = (2 * Math.PI * i) / steps;
    const lat2 = Math.asin(Math.sin(lat) * Math.cos(d) + Math.cos(lat) * Math.sin(d) * Math.cos(brg));
    const lon2 =
      lon + Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat), Math.cos(d) - Math.sin(lat) * Math.sin(lat2));
    ring.push([(lon2 * 180) / Math.PI, (lat2 * 180) / Math.PI]);
  }
  return ring;
}

/** The area a located event may be in, as a polygon feature (none for exact places). */
function uncertainty(f: EventFeature): PlainFeature[] {
  const p = f.properties;
  if ((p.precision ?? 1) < 2 || !p.radius_km || p.radius_km <= 0) return [];
  return [
    {
      type: "Feature",
      properties: { type: p.type, cert: certainty(p.modality) },
      geometry: { type: "Polygon", coordinates: [circle(f.geometry.coordinates, Math.min(p.radius_km, 1000))] },
    },
  ];
}

interface Label {
  key: string;
  text: string;
  at: Position;
  kind: "country" | "town";
}

export interface MapHandlers {
  /** An event was clicked; `here` lists every event under the pointer (the clicked one first). */
  select(id: string, here: string[]): void;
  moved(center: [number, number], zoom: number): void;
}

export class MapView {
  readonly map: maplibregl.Map;
  private readonly ready: Promise<void>;
  private towns: [string, number, number, number][] = [];
  private countryLabels: { name: string; area: number; at: Position }[] = [];
  private readonly clusterMarkers = new Map<number, maplibregl.Marker>();
  private readonly labelMarkers = new Map<string, maplibregl.Marker>();
  private readonly hover: maplibregl.Popup;
  private byId = new Map<string, EventFeature>();
  private clusterQueued = false;

  constructor(
    container: HTMLElement,
    private readonly handlers: MapHandlers,
    view: { center: [number, number] | null; zoom: number | null },
  ) {
    this.map = new maplibregl.Map({
      container,
      style: baseStyle(),
      center: view.center ?? [38.5, 34.8],
      zoom: view.zoom ?? 5,
      attributionControl: { compact: true },
      maxPitch: 0,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
      cooperativeGestures: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    this.hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: "hover", offset: 10 });
    this.ready = new Promise((resolve) => {
      this.map.once("load", () => {
        this.map.addImage("arrowhead", arrowHead(), { sdf: true });
        this.map.addLayer(
          {
            id: "move-heads",
            type: "symbol",
            source: "moves",
            filter: ["==", ["geometry-type"], "Point"],
            layout: {
              "icon-image": "arrowhead",
              "icon-rotate": ["get", "bearing"],
              "icon-rotation-alignment": "map",
              "icon-allow-overlap": true,
              "icon-ignore-placement": true,
              "icon-size": 0.75,
              // The tip stops at the edge of the event's circle instead of hiding under it.
              "icon-anchor": "top",
              "icon-offset": [0, 12],
            },
            paint: { "icon-color": colorExpr, "icon-halo-color": "#ffffff", "icon-halo-width": 1 },
          },
          "clusters",
        );
        resolve();
      });
    });
    this.bind();
    void this.loadLabels();
  }

  private bind(): void {
    const map = this.map;
    map.on("click", "clusters", async (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const src = map.getSource("events") as GeoJSONSource;
      const zoom = await src.getClusterExpansionZoom(f.properties.cluster_id as number);
      map.easeTo({ center: (f.geometry as { coordinates: Position }).coordinates, zoom: Math.min(zoom, 14) });
    });
    // One click handler for the three event layers: every event under the pointer (same place, several reports).
    map.on("click", (e) => {
      const ids = map.queryRenderedFeatures(e.point, { layers: EVENT_LAYERS }).map((f) => String(f.properties.rid));
      if (!ids.length) return;
      this.hideHover();
      this.handlers.select(ids[0], [...new Set(ids)]);
    });
    for (const layer of EVENT_LAYERS) {
      map.on("mousemove", layer, (e) => this.showHover(e.features?.[0]));
      map.on("mouseleave", layer, () => this.hideHover());
    }
    for (const layer of [...EVENT_LAYERS, "clusters"]) {
      map.on("mouseenter", layer, () => {
        map.getCanvas().style.cursor = "pointer";
      });
      map.on("mouseleave", layer, () => {
        map.getCanvas().style.cursor = "";
      });
    }
    map.on("moveend", () => {
      const c = map.getCenter();
      this.handlers.moved([c.lng, c.lat], map.getZoom());
    });
    // Names are placed around the circles as drawn, so once the map has settled (after a move or new data).
    map.on("idle", () => this.placeLabels());
    map.on("render", () => this.queueClusterLabels());
  }

  private showHover(f: MapGeoJSONFeature | undefined): void {
    const e = f && this.byId.get(String(f.properties.rid));
    if (!e) {
      this.hideHover();
      return;
    }
    const p = e.properties;
    const box = document.createElement("div");
    const b = document.createElement("strong");
    b.textContent = `${p.type ?? "event"} (${p.modality})`;
    const line = document.createElement("div");
    line.textContent = [p.date ?? "undated", p.location].filter(Boolean).join(" · ");
    const who = document.createElement("div");
    who.textContent = [p.actor1, p.actor2].filter(Boolean).join(" → ");
    box.append(b, line);
    if (who.textContent) box.append(who);
    this.hover.setLngLat(e.geometry.coordinates).setDOMContent(box).addTo(this.map);
  }

  private hideHover(): void {
    this.hover.remove();
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Sets a source's data once the style is loaded (calls keep their order). */
  private setData(source: string, features: PlainFeature[]): void {
    void this.ready.then(() => (this.map.getSource(source) as GeoJSONSource).setData(collection(features)));
  }

  setEvents(features: EventFeature[]): void {
    this.byId = new Map(features.map((f) => [f.id, f]));
    const points: PlainFeature[] = features.map((f) => ({
      type: "Feature",
      properties: { rid: f.id, type: f.properties.type, cert: certainty(f.properties.modality) },
      geometry: f.geometry,
    }));
    // Relative places ("the western countryside of Palmyra", precision 2) get their uncertainty drawn; regions
    // (precision 3, often hundreds of km) would cover the map, so theirs is drawn only for the selected event.
    const circles: PlainFeature[] = [];
    const drawn = new Set<string>();
    for (const f of features) {
      const key = `${f.geometry.coordinates}:${f.properties.radius_km}`;
      if (f.properties.precision !== 2 || drawn.has(key)) continue;
      drawn.add(key);
      circles.push(...uncertainty(f));
    }
    this.setData("events", points);
    this.setData("uncertainty", circles);
  }

  setMoves(moves: Move[]): void {
    const features: PlainFeature[] = [];
    for (const m of moves) {
      const cert = certainty(m.modality);
      features.push({
        type: "Feature",
        properties: { rid: m.id, type: m.type, cert },
        geometry: { type: "LineString", coordinates: [m.from, m.to] },
      });
      features.push({
        type: "Feature",
        properties: { rid: m.id, type: m.type, cert, bearing: screenBearing(m.from, m.to) },
        geometry: { type: "Point", coordinates: m.to },
      });
    }
    this.setData("moves", features);
  }

  setSelected(f: EventFeature | null): void {
    this.setData("selected", f ? [{ type: "Feature", properties: {}, geometry: f.geometry }, ...uncertainty(f)] : []);
  }

  /** Flies to a point, close enough that its events are no longer clustered (clusterMaxZoom is 7). */
  flyTo(at: Position, minZoom = 8): void {
    this.map.flyTo({ center: at, zoom: Math.max(this.map.getZoom(), minZoom), essential: true, duration: 800 });
  }

  /** Fits the map to the events, leaving out stray ones (the outer 10% on each side, by longitude and by latitude) when there are many. */
  fit(features: EventFeature[]): void {
    if (!features.length) return;
    const xs = features.map((f) => f.geometry.coordinates[0]).sort((a, b) => a - b);
    const ys = features.map((f) => f.geometry.coordinates[1]).sort((a, b) => a - b);
    const cut = features.length >= 30 ? Math.floor(features.length * 0.1) : 0;
    const [w, e] = [xs[cut], xs[xs.length - 1 - cut]];
    const [s, n] = [ys[cut], ys[ys.length - 1 - cut]];
    const bounds: LngLatBoundsLike = [
      [w, s],
      [e, n],
    ];
    this.map.fitBounds(bounds, { padding: 60, maxZoom: 8, duration: 0 });
  }

  /** Rendered event circles (not clusters) in the viewport: for tests and for the status line. */
  renderedEventIds(): string[] {
    return this.map.queryRenderedFeatures({ layers: EVENT_LAYERS }).map((f) => String(f.properties.rid));
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTML text: cluster counts, country and town names.

  private queueClusterLabels(): void {
    if (this.clusterQueued) return;
    this.clusterQueued = true;
    requestAnimationFrame(() => {
      this.clusterQueued = false;
      this.clusterLabels();
    });
  }

  private clusterLabels(): void {
    if (!this.map.getSource("events") || !this.map.isSourceLoaded("events")) return;
    const seen = new Set<number>();
    for (const f of this.map.querySourceFeatures("events", { filter: isCluster })) {
      const id = f.properties.cluster_id as number;
      if (seen.has(id)) continue;
      seen.add(id);
      if (this.clusterMarkers.has(id)) continue;
      const el = document.createElement("div");
      el.className = "cluster-count";
      el.setAttribute("aria-hidden", "true");
      const n = f.properties.point_count as number;
      el.textContent = n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n);
      if ((f.properties.future as number) > 0) el.title = `${f.properties.future} planned or expected`;
      const m = new maplibregl.Marker({ element: el })
        .setLngLat((f.geometry as { coordinates: Position }).coordinates)
        .addTo(this.map);
      this.clusterMarkers.set(id, m);
    }
    for (const [id, m] of this.clusterMarkers) {
      if (!seen.has(id)) {
        m.remove();
        this.clusterMarkers.delete(id);
      }
    }
  }

  private async loadLabels(): Promise<void> {
    const abs = (p: string) => new URL(p, document.baseURI).href;
    try {
      const [towns, countries] = await Promise.all([
        fetch(abs("basemap/places.json")).then((r) => r.json() as Promise<[string, number, number, number][]>),
        fetch(abs("basemap/labels.geojson")).then(
          (r) =>
            r.json() as Promise<{
              features: { properties: { name: string; area: number }; geometry: { coordinates: Position } }[];
            }>,
        ),
      ]);
      this.towns = towns;
      this.countryLabels = countries.features.map((f) => ({ ...f.properties, at: f.geometry.coordinates }));
      this.setData(
        "towns",
        towns.map(([n, lon, lat, r]) => ({
          type: "Feature",
          properties: { n, r },
          geometry: { type: "Point", coordinates: [lon, lat] },
        })),
      );
      await this.ready;
      this.placeLabels();
    } catch {
      // Labels are an aid; the map works without them.
    }
  }

  /**
   * Country names (bigger countries first) and town names (bigger first). A name goes where it overlaps neither
   * another name nor an event or cluster circle: right of the town, else left, below or above, a little further
   * out each round; when every spot covers a circle, the first that overlaps no other name.
   */
  private placeLabels(): void {
    const map = this.map;
    const z = map.getZoom();
    const b = map.getBounds();
    const inView = ([x, y]: Position) => b.contains([x, y]);
    const minArea = z < 2.5 ? 300 : z < 3.5 ? 50 : z < 4.5 ? 8 : z < 5.5 ? 1 : 0;
    const wanted: Label[] = [];
    for (const c of this.countryLabels) {
      if (c.area >= minArea && inView(c.at) && z < 8) {
        wanted.push({ key: `c:${c.name}`, text: c.name, at: c.at, kind: "country" });
      }
    }
    for (const [n, lon, lat, r] of this.towns) {
      if (z >= TOWN_ZOOM[r] && inView([lon, lat])) {
        wanted.push({ key: `t:${n}:${lon}`, text: n, at: [lon, lat], kind: "town" });
      }
    }
    type Box = [number, number, number, number];
    const boxes: Box[] = [];
    const circles: Box[] = [];
    for (const f of map.queryRenderedFeatures({ layers: ["clusters", ...EVENT_LAYERS] })) {
      const p = map.project((f.geometry as unknown as { coordinates: Position }).coordinates);
      const n = Number(f.properties.point_count ?? 0);
      const r = n ? (n < 10 ? 12 : n < 50 ? 15 : n < 200 ? 19 : 24) : 8;
      circles.push([p.x - r, p.y - r, p.x + r, p.y + r]);
    }
    const hits = (box: Box, others: Box[]) =>
      others.some((o) => box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]);
    const keep = new Set<string>();
    for (const l of wanted) {
      if (keep.size >= 150) break;
      const { x, y } = map.project(l.at);
      const w = l.text.length * (l.kind === "country" ? 7.5 : 6.6) + 6;
      const h = 15;
      const spots: { anchor: "left" | "right" | "top" | "bottom" | "center"; offset: Position; box: Box }[] =
        l.kind === "country"
          ? [
              { anchor: "center", offset: [0, 0], box: [x - w / 2, y - h / 2, x + w / 2, y + h / 2] },
              { anchor: "center", offset: [0, 26], box: [x - w / 2, y + 26 - h / 2, x + w / 2, y + 26 + h / 2] },
            ]
          : [5, 15, 26].flatMap((d): typeof spots => [
              { anchor: "left", offset: [d, 0], box: [x + d, y - h / 2, x + d + w, y + h / 2] },
              { anchor: "right", offset: [-d, 0], box: [x - d - w, y - h / 2, x - d, y + h / 2] },
              { anchor: "top", offset: [0, d - 1], box: [x - w / 2, y + d - 1, x + w / 2, y + d - 1 + h] },
              { anchor: "bottom", offset: [0, 1 - d], box: [x - w / 2, y + 1 - d - h, x + w / 2, y + 1 - d] },
            ]);
      let i = spots.findIndex((sp) => !hits(sp.box, boxes) && !hits(sp.box, circles));
      if (i < 0) i = spots.findIndex((sp) => !hits(sp.box, boxes));
      if (i < 0) continue;
      const spot = spots[i];
      boxes.push(spot.box);
      const key = `${l.key}@${i}`;
      keep.add(key);
      if (this.labelMarkers.has(key)) continue;
      const el = document.createElement("div");
      el.className = `map-label ${l.kind}`;
      el.setAttribute("aria-hidden", "true");
      el.textContent = l.text;
      const m = new maplibregl.Marker({ element: el, anchor: spot.anchor, offset: spot.offset })
        .setLngLat(l.at)
        .addTo(map);
      this.labelMarkers.set(key, m);
    }
    for (const [k, m] of this.labelMarkers) {
      if (!keep.has(k)) {
        m.remove();
        this.labelMarkers.delete(k);
      }
    }
  }
}
