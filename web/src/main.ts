// The sitrep web map: wires the filters, the map, the timeline, the event list and the panel to the view state,
// which lives in the URL hash so that any view can be shared.
import "../style.css";
import {
  type EventFeature,
  type EventRecord,
  getEvent,
  type LoadedEvents,
  loadEvents,
  type ServerFilter,
} from "./api.ts";
import { dayOf, eventDays, isoDay, longDay, overlaps } from "./dates.ts";
import { MapView, type Move } from "./mapview.ts";
import { h, Panel } from "./panel.ts";
import { formatHash, parseHash, serverFilterChanged, type ViewState } from "./state.ts";
import {
  certainty,
  MODALITIES,
  MODALITY_HELP,
  MOVEMENT_TYPES,
  TYPE_COLORS,
  TYPES,
  typeColor,
} from "./style-constants.ts";
import { type Range, Timeline } from "./timeline.ts";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Events listed in the sidebar at most (the map shows them all). */
const LIST_MAX = 300;
/** Movements whose full record is read to find their origin, at most, and how many requests at once. */
const MOVES_MAX = 400;
const MOVES_PARALLEL = 4;

let state: ViewState = parseHash(location.hash);
let loaded: LoadedEvents = { features: [], unlocated: 0, truncated: false };
let days = new Map<string, [number, number] | null>();
let visible: EventFeature[] = [];
let loadAbort: AbortController | null = null;
let lastHash = "";
let firstLoad = true;
const records = new Map<string, EventRecord | null>();

const status = $("status");
const count = $("count");
const form = $<HTMLFormElement>("filters");
const qInput = $<HTMLInputElement>("f-q");
const actorInput = $<HTMLInputElement>("f-actor");
const fromInput = $<HTMLInputElement>("f-from");
const toInput = $<HTMLInputElement>("f-to");
const list = $<HTMLOListElement>("event-list");

// ---------------------------------------------------------------------------------------------------------------
// The hash

let hashTimer = 0;
function writeHash(now = false): void {
  window.clearTimeout(hashTimer);
  const write = () => {
    const next = formatHash(state);
    if (next === lastHash) return;
    lastHash = next;
    history.replaceState(null, "", next === "#" ? location.pathname + location.search : next);
  };
  if (now) write();
  else hashTimer = window.setTimeout(write, 250);
}

window.addEventListener("hashchange", () => {
  if (location.hash === lastHash) return;
  const next = parseHash(location.hash);
  const reload = serverFilterChanged(state, next);
  const prevEvent = state.event;
  state = next;
  lastHash = formatHash(state);
  syncControls();
  if (next.center && next.zoom !== null) mapView.map.jumpTo({ center: next.center, zoom: next.zoom });
  if (reload) void reloadEvents();
  else applyTime();
  if (next.event && next.event !== prevEvent) void select(next.event, { fly: false, focus: false });
  if (!next.event) panel.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Filters

function checkboxes(host: HTMLElement, name: string, values: readonly string[], label: (v: string) => Node[]) {
  for (const v of values) {
    const input = h("input", { type: "checkbox", name, value: v });
    host.append(h("label", { class: "check" }, input, ...label(v)));
  }
}

checkboxes($("f-modality"), "modality", MODALITIES, (m) => [
  h("span", { class: `sym ${certainty(m)}`, "aria-hidden": "true" }),
  h("span", { title: MODALITY_HELP[m] }, m),
]);
checkboxes($("f-type"), "type", TYPES, (t) => [
  h("span", { class: "sym fact", style: `background:${TYPE_COLORS[t]}`, "aria-hidden": "true" }),
  h("span", null, t.toLowerCase()),
  h("span", { class: "n", "data-type": t }),
]);

const boxes = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];

/** Checked values; [] when all are checked (no filter), ["none"] when none is. */
function checked(name: string): string[] {
  const all = boxes(name);
  const on = all.filter((b) => b.checked).map((b) => b.value);
  if (on.length === all.length) return [];
  return on.length ? on : ["none"];
}

function syncControls(): void {
  qInput.value = state.q;
  actorInput.value = state.actor;
  fromInput.value = state.from ?? "";
  toInput.value = state.to ?? "";
  for (const [name, values] of [
    ["type", state.types],
    ["modality", state.modalities],
  ] as const) {
    for (const b of boxes(name)) b.checked = !values.length || values.includes(b.value);
  }
}

let typingTimer = 0;
function filtersChanged(delay: number): void {
  window.clearTimeout(typingTimer);
  typingTimer = window.setTimeout(() => {
    const next: ViewState = {
      ...state,
      q: qInput.value,
      actor: actorInput.value,
      types: checked("type"),
      modalities: checked("modality"),
    };
    const reload = serverFilterChanged(state, next);
    state = next;
    writeHash();
    if (reload) void reloadEvents();
  }, delay);
}

qInput.addEventListener("input", () => filtersChanged(450));
actorInput.addEventListener("input", () => filtersChanged(450));
form.addEventListener("change", (e) => {
  const t = e.target as HTMLInputElement;
  if (t.type === "checkbox") filtersChanged(0);
  if (t === fromInput || t === toInput) {
    setRange(rangeOf(fromInput.value || null, toInput.value || null), true);
  }
});
form.addEventListener("submit", (e) => {
  e.preventDefault();
  filtersChanged(0);
});
$("types-all").addEventListener("click", () => {
  for (const b of boxes("type")) b.checked = true;
  filtersChanged(0);
});
$("types-none").addEventListener("click", () => {
  for (const b of boxes("type")) b.checked = false;
  filtersChanged(0);
});
$("reset").addEventListener("click", () => {
  state = { ...state, types: [], modalities: [], actor: "", q: "", from: null, to: null, event: null };
  syncControls();
  panel.close();
  writeHash(true);
  firstLoad = true;
  void reloadEvents();
});
$("copy-link").addEventListener("click", async () => {
  writeHash(true);
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = "Link to this view copied.";
  } catch {
    status.textContent = `Link: ${location.href}`;
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Time

function rangeOf(from: string | null, to: string | null): Range | null {
  if (!from && !to) return null;
  const a = dayOf(from) ?? Number.NEGATIVE_INFINITY;
  const b = dayOf(to, true) ?? Number.POSITIVE_INFINITY;
  return a <= b ? [a, b] : [b, a];
}

const currentRange = () => rangeOf(state.from, state.to);

function setRange(r: Range | null, final: boolean, fromTimeline = false): void {
  state.from = r && Number.isFinite(r[0]) ? isoDay(r[0]) : null;
  state.to = r && Number.isFinite(r[1]) ? isoDay(r[1]) : null;
  fromInput.value = state.from ?? "";
  toInput.value = state.to ?? "";
  if (!fromTimeline) timeline.setRange(finiteRange(r));
  scheduleApply(final);
  if (final) writeHash();
}

/** A range that the timeline can draw (open ends clamp to the data). */
function finiteRange(r: Range | null): Range | null {
  if (!r) return null;
  if (Number.isFinite(r[0]) && Number.isFinite(r[1])) return r;
  const known = [...days.values()].filter((d): d is [number, number] => d !== null);
  if (!known.length) return null;
  const lo = Math.min(...known.map((d) => d[0]));
  const hi = Math.max(...known.map((d) => d[0]));
  return [Number.isFinite(r[0]) ? r[0] : lo, Number.isFinite(r[1]) ? r[1] : hi];
}

let applyQueued = false;
function scheduleApply(final: boolean): void {
  if (final) {
    applyTime();
    return;
  }
  if (applyQueued) return;
  applyQueued = true;
  requestAnimationFrame(() => {
    applyQueued = false;
    applyTime(false);
  });
}

$("brush-clear").addEventListener("click", () => setRange(null, true));

// ---------------------------------------------------------------------------------------------------------------
// Loading and showing events

async function reloadEvents(): Promise<void> {
  loadAbort?.abort();
  const abort = new AbortController();
  loadAbort = abort;
  const filter: ServerFilter = { types: state.types, modalities: state.modalities, actor: state.actor, q: state.q };
  if (filter.types.includes("none") || filter.modalities.includes("none")) {
    loaded = { features: [], unlocated: 0, truncated: false };
  } else {
    status.textContent = "Loading events…";
    document.body.dataset.loading = "true";
    try {
      loaded = await loadEvents(filter, abort.signal, (sofar) => {
        if (abort.signal.aborted) return;
        // Draw what has arrived, so the first page is on the map while the rest loads.
        showEvents(sofar);
        status.textContent = `Loading events… ${sofar.features.length}`;
      });
    } catch (e) {
      if (abort.signal.aborted) return;
      status.textContent = `Could not load events: ${(e as Error).message}`;
      delete document.body.dataset.loading;
      return;
    }
  }
  if (abort.signal.aborted) return;
  delete document.body.dataset.loading;
  status.textContent = loaded.truncated
    ? `Showing the first ${loaded.features.length} events: narrow the filters.`
    : "";
  showEvents(loaded);
  document.body.dataset.loaded = "true";
}

/** Puts `events` on the map, the timeline and the lists; the first time, fits the map to them. */
function showEvents(events: LoadedEvents): void {
  loaded = events;
  days = new Map(loaded.features.map((f) => [f.id, eventDays(f.properties)]));
  timeline.setData(
    loaded.features.flatMap((f) => {
      const d = days.get(f.id);
      return d ? [{ days: d, certainty: certainty(f.properties.modality) }] : [];
    }),
    finiteRange(currentRange()),
  );
  typeCounts();
  applyTime();
  if (firstLoad) {
    firstLoad = false;
    if (!state.center) mapView.fit(loaded.features);
    if (state.event) void select(state.event, { fly: !state.center, focus: false });
  }
}

function typeCounts(): void {
  const n = new Map<string, number>();
  for (const f of loaded.features) n.set(f.properties.type ?? "", (n.get(f.properties.type ?? "") ?? 0) + 1);
  for (const span of form.querySelectorAll<HTMLElement>("span.n")) {
    const c = n.get(span.dataset.type ?? "");
    span.textContent = c ? String(c) : "";
  }
}

/** Applies the time range: the map, the list, the count, the movements. */
function applyTime(full = true): void {
  const r = currentRange();
  visible = r
    ? loaded.features.filter((f) => {
        const d = days.get(f.id);
        return d ? overlaps(d, r) : false;
      })
    : loaded.features;
  mapView.setEvents(visible);
  const undated = r ? loaded.features.filter((f) => !days.get(f.id)).length : 0;
  const parts = [`${visible.length} of ${loaded.features.length} mapped events`];
  if (r)
    parts.push(
      `${r && Number.isFinite(r[0]) ? longDay(r[0]) : "…"} – ${r && Number.isFinite(r[1]) ? longDay(r[1]) : "…"}`,
    );
  if (undated) parts.push(`${undated} undated hidden`);
  if (loaded.unlocated) parts.push(`${loaded.unlocated} without a place`);
  count.textContent = parts.join(" · ");
  count.dataset.count = String(visible.length);
  if (full) {
    renderList();
    void drawMoves(visible);
  }
  const sel = state.event ? visible.find((f) => f.id === state.event) : undefined;
  mapView.setSelected(sel ?? null);
}

function renderList(): void {
  const items = visible.slice(0, LIST_MAX).map((f) => {
    const p = f.properties;
    const btn = h(
      "button",
      { type: "button", class: "ev", "data-id": f.id, "aria-pressed": String(f.id === state.event) },
      h("span", { class: `sym ${certainty(p.modality)}`, style: `--c:${typeColor(p.type)}`, "aria-hidden": "true" }),
      h(
        "span",
        { class: "ev-text" },
        h("span", { class: "ev-main" }, `${p.type ?? "event"} · ${p.location ?? "?"}`),
        h("span", { class: "ev-sub" }, [p.date ?? "undated", p.modality, p.actor1].filter(Boolean).join(" · ")),
      ),
    );
    return h("li", null, btn);
  });
  if (visible.length > LIST_MAX) {
    items.push(h("li", { class: "more" }, `… and ${visible.length - LIST_MAX} more: narrow the dates or filters.`));
  }
  if (!visible.length) items.push(h("li", { class: "more" }, "No events match."));
  list.replaceChildren(...items);
  $("list-title").textContent = `Events (${visible.length})`;
}

list.addEventListener("click", (e) => {
  const btn = (e.target as HTMLElement).closest<HTMLButtonElement>("button.ev");
  if (btn?.dataset.id) void select(btn.dataset.id, { fly: true, focus: true });
});

/** Origins of movement events: from the feature (the API gives them), else from the full record (older servers). */
let movesToken = 0;
async function drawMoves(features: EventFeature[]): Promise<void> {
  const token = ++movesToken;
  const wanted = features.filter((f) => MOVEMENT_TYPES.has(f.properties.type ?? "") || f.properties.origin_lat != null);
  const moves = (): Move[] =>
    wanted.flatMap((f) => {
      const p = f.properties;
      let from: [number, number] | null = null;
      if (p.origin_lat != null && p.origin_lon != null) from = [p.origin_lon, p.origin_lat];
      else {
        const o = records.get(f.id)?.origin;
        if (o && o.lat !== null && o.lon !== null) from = [o.lon, o.lat];
      }
      if (!from || (from[0] === f.geometry.coordinates[0] && from[1] === f.geometry.coordinates[1])) return [];
      return [{ id: f.id, type: p.type, modality: p.modality, from, to: f.geometry.coordinates }];
    });
  mapView.setMoves(moves());
  // A server that sends origin_lat (null when there is no origin) has said all there is: no record to read.
  const todo = wanted.filter((f) => !("origin_lat" in f.properties) && !records.has(f.id)).slice(0, MOVES_MAX);
  if (!todo.length) return;
  let next = 0;
  const worker = async () => {
    while (next < todo.length && token === movesToken) {
      const f = todo[next++];
      try {
        records.set(f.id, await getEvent(f.id));
      } catch {
        records.set(f.id, null);
      }
    }
  };
  await Promise.all(Array.from({ length: MOVES_PARALLEL }, worker));
  if (token === movesToken) mapView.setMoves(moves());
}

// ---------------------------------------------------------------------------------------------------------------
// Selection and the panel

async function select(id: string, opts: { fly: boolean; focus: boolean; here?: string[] }): Promise<void> {
  state.event = id;
  writeHash();
  const f = loaded.features.find((x) => x.id === id);
  mapView.setSelected(f && visible.includes(f) ? f : null);
  for (const b of list.querySelectorAll<HTMLButtonElement>("button.ev")) {
    b.setAttribute("aria-pressed", String(b.dataset.id === id));
  }
  if (f && opts.fly) mapView.flyTo(f.geometry.coordinates);
  await panel.open(id, opts.focus, opts.here);
}

const panel = new Panel(
  $("panel"),
  $("panel-title"),
  $("panel-body"),
  () => {
    state.event = null;
    mapView.setSelected(null);
    for (const b of list.querySelectorAll<HTMLButtonElement>("button.ev")) b.setAttribute("aria-pressed", "false");
    writeHash();
  },
  (id, here) => void select(id, { fly: false, focus: true, here }),
);
$("panel-close").addEventListener("click", () => panel.close());
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("panel").hidden) {
    e.preventDefault();
    panel.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Legend

function legend(): void {
  const item = (sym: Node, text: string) => h("li", null, sym, h("span", null, text));
  $("legend").replaceChildren(
    item(h("span", { class: "sym fact", style: "--c:#d7191c" }), "happened or happening (filled)"),
    item(h("span", { class: "sym future", style: "--c:#d7191c" }), "planned, expected, speculated (hollow)"),
    item(h("span", { class: "sym denied" }), "denied (grey ring)"),
    item(h("span", { class: "sym cluster" }, "12"), "nearby events: click to zoom in"),
    item(h("span", { class: "sym arrow" }), "movement from its origin"),
    item(h("span", { class: "sym area" }), "vague place: the area it may be in"),
    item(h("span", { class: "sym border" }), "border (Natural Earth)"),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Start

const mapView = new MapView(
  $("map"),
  {
    select: (id, here) => void select(id, { fly: false, focus: true, here }),
    moved: (center, zoom) => {
      state.center = center;
      state.zoom = zoom;
      writeHash();
    },
  },
  state,
);
const timeline = new Timeline(
  $("timeline"),
  (r, final) => setRange(r, final, true),
  (caption) => {
    $("timeline-caption").textContent = caption;
  },
);

syncControls();
legend();
lastHash = formatHash(state);
void reloadEvents();

// For tests and for poking at the map from the console (read-only use).
Object.assign(window, { sitrep: { map: mapView.map, view: mapView, state: () => ({ ...state }) } });
