// The view as a URL hash, so a view can be shared: filters, time range, map centre and zoom, the open event.
//   #map=6.2/34.800/38.500&from=2017-01-01&to=2017-01-31&type=ASSAULT,MOBILIZE&modality=occurred&actor=isis&q=palmyra&event=ev-…

export interface ViewState {
  types: string[];
  modalities: string[];
  actor: string;
  q: string;
  /** Inclusive ISO dates. */
  from: string | null;
  to: string | null;
  center: [number, number] | null;
  zoom: number | null;
  event: string | null;
}

export const emptyState = (): ViewState => ({
  types: [],
  modalities: [],
  actor: "",
  q: "",
  from: null,
  to: null,
  center: null,
  zoom: null,
  event: null,
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (s: string | null) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export function parseHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const s = emptyState();
  s.types = list(p.get("type")).map((t) => t.toUpperCase());
  s.modalities = list(p.get("modality")).map((m) => m.toLowerCase());
  s.actor = p.get("actor") ?? "";
  s.q = p.get("q") ?? "";
  const from = p.get("from");
  const to = p.get("to");
  s.from = from && DATE.test(from) ? from : null;
  s.to = to && DATE.test(to) ? to : null;
  if (s.from && s.to && s.from > s.to) [s.from, s.to] = [s.to, s.from];
  const m = /^(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(p.get("map") ?? "");
  if (m) {
    const [z, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if ([z, lat, lon].every(Number.isFinite) && Math.abs(lat) <= 85 && Math.abs(lon) <= 540 && z >= 0 && z <= 22) {
      s.zoom = z;
      s.center = [lon, lat];
    }
  }
  s.event = p.get("event") || null;
  return s;
}

export function formatHash(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.center && s.zoom !== null) {
    p.set("map", `${s.zoom.toFixed(2)}/${s.center[1].toFixed(4)}/${s.center[0].toFixed(4)}`);
  }
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.types.length) p.set("type", s.types.join(","));
  if (s.modalities.length) p.set("modality", s.modalities.join(","));
  if (s.actor) p.set("actor", s.actor);
  if (s.q) p.set("q", s.q);
  if (s.event) p.set("event", s.event);
  // URLSearchParams encodes "/" and ","; both are safe in a fragment and easier to read plain.
  return `#${p.toString().replace(/%2F/g, "/").replace(/%2C/g, ",")}`;
}

/** The server-side part of two states differs (a new /api/events load is needed). */
export function serverFilterChanged(a: ViewState, b: ViewState): boolean {
  return (
    a.types.join() !== b.types.join() ||
    a.modalities.join() !== b.modalities.join() ||
    a.actor.trim() !== b.actor.trim() ||
    a.q.trim() !== b.q.trim()
  );
}
