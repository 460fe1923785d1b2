// The sitrep HTTP API as the map uses it (docs/api.md). Same origin, relative paths: nothing leaves the machine.

/** Properties of an event feature of GET /api/events (src/serve/export/geojson.ts). */
export interface EventProps {
  kind: string;
  record_id: string;
  doc: string;
  type: string | null;
  modality: string;
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  actor1: string | null;
  assoc_actor_1: string | null;
  actor2: string | null;
  assoc_actor_2: string | null;
  location: string | null;
  precision: number | null;
  radius_km: number | null;
  country: string | null;
  date: string | null;
  time_start: string | null;
  time_end: string | null;
  time_text: string | null;
  fatalities: number | null;
  outlet: string | null;
  source: string | null;
  evidence_text: string | null;
  title: string | null;
  published: string | null;
  /** The origin of a movement (null when none); older servers lack them, and the full record is read instead. */
  origin_lat?: number | null;
  origin_lon?: number | null;
  [key: string]: string | number | null | undefined;
}

export interface EventFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: EventProps;
}

interface EventCollection {
  type: "FeatureCollection";
  features: EventFeature[];
  paging: { limit: number; offset: number; returned: number; unlocated: number; next: number | null };
}

export interface LocationField {
  name: string;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  precision: 1 | 2 | 3;
  anchor?: { name: string; lat: number; lon: number };
  bearing_deg?: number;
  country?: string;
}

export interface TimeField {
  text: string | null;
  start: string | null;
  end: string | null;
  precision: string | null;
}

export interface EventRecord {
  kind: "event";
  id: string;
  doc: string;
  type: string;
  modality: string;
  acled: { event_type: string; sub_event_type: string } | null;
  actors: { name: string; canonical: string; role: string; country: string | null }[];
  location: LocationField | null;
  locations?: LocationField[];
  origin: LocationField | null;
  time: TimeField;
  size: { min: number | null; max: number | null; unit: string; text: string } | null;
  fatalities: number | null;
  source: { outlet: string | null; chain: string[] };
  evidence: { doc: string; start: number; end: number; text: string }[];
  confidence: number;
  trigger: { text: string; start: number; end: number };
}

export interface Span {
  start: number;
  end: number;
  kind: "event" | "control";
  record: string;
}

export interface DocumentWithSpans {
  id: string;
  text: string;
  title?: string;
  url?: string;
  published?: string;
  outlet?: string;
  spans: Span[];
}

export interface ControlClaim {
  kind: "control";
  id: string;
  doc: string;
  place: LocationField;
  holder: { name: string; canonical: string; country: string | null };
  modality: string;
  time: TimeField;
  basis: string;
  source: { outlet: string | null; chain: string[] };
}

/** The server filters (the time range is applied in the browser, so the timeline shows every date). */
export interface ServerFilter {
  types: string[];
  modalities: string[];
  actor: string;
  q: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** Page size of /api/events (its maximum) and how many events the map loads at most. */
const PAGE = 5000;
export const MAX_EVENTS = 50_000;

export interface LoadedEvents {
  features: EventFeature[];
  /** Events read that had no coordinates. */
  unlocated: number;
  /** Whether more events matched than MAX_EVENTS. */
  truncated: boolean;
}

export function eventQuery(f: ServerFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.types.length) p.set("type", f.types.join(","));
  if (f.modalities.length) p.set("modality", f.modalities.join(","));
  if (f.actor.trim()) p.set("actor", f.actor.trim());
  if (f.q.trim()) p.set("q", f.q.trim());
  return p;
}

/**
 * Every matching event (page by page, up to MAX_EVENTS); `progress` gets what is loaded so far after each page
 * but the last, so that the map can draw the first page while the rest arrives.
 */
export async function loadEvents(
  f: ServerFilter,
  signal: AbortSignal,
  progress: (sofar: LoadedEvents) => void,
): Promise<LoadedEvents> {
  const features: EventFeature[] = [];
  let unlocated = 0;
  let offset: number | null = 0;
  while (offset !== null && offset < MAX_EVENTS) {
    const p = eventQuery(f);
    p.set("limit", String(PAGE));
    p.set("offset", String(offset));
    const page: EventCollection = await getJson<EventCollection>(`api/events?${p}`, signal);
    for (const feat of page.features) if (feat.properties.kind === "event") features.push(feat);
    unlocated += page.paging.unlocated;
    offset = page.paging.next;
    if (offset !== null && offset < MAX_EVENTS) progress({ features: [...features], unlocated, truncated: true });
  }
  return { features, unlocated, truncated: offset !== null };
}

export const getEvent = (id: string, signal?: AbortSignal) =>
  getJson<EventRecord>(`api/events/${encodeURIComponent(id)}`, signal);

export const getDocument = (id: string, signal?: AbortSignal) =>
  getJson<DocumentWithSpans>(`api/documents/${encodeURIComponent(id)}`, signal);

export async function getControl(
  by: { place: string } | { bbox: [number, number, number, number] },
  signal?: AbortSignal,
): Promise<ControlClaim[]> {
  const p = new URLSearchParams({ limit: "200" });
  if ("place" in by) p.set("place", by.place);
  else p.set("bbox", by.bbox.map((x) => x.toFixed(4)).join(","));
  return (await getJson<{ claims: ControlClaim[] }>(`api/control?${p}`, signal)).claims;
}
