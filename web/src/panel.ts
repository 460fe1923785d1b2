// The event panel: what happened, where, when, who says so (the source chain), the report's text with the
// evidence highlighted, and the control timeline of the place. Document text is only ever put in text nodes.
import {
  type ControlClaim,
  type DocumentWithSpans,
  type EventRecord,
  getControl,
  getDocument,
  getEvent,
  type LocationField,
  type Span,
} from "./api.ts";
import { dayOf, longDay } from "./dates.ts";
import { certainty, MODALITY_HELP, PRECISION_TEXT, typeColor } from "./style-constants.ts";

type Child = Node | string | null | undefined | false;

/** A DOM element with text children (strings become text nodes: nothing is parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/**
 * The text with the spans as <mark>s. Overlapping spans are cut into non-nesting pieces; a piece covered by the
 * current record's evidence is `mark.current`, else `mark.event` (another event) or `mark.control`.
 */
export function markedText(text: string, spans: Span[], current: string | null): DocumentFragment {
  const frag = document.createDocumentFragment();
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const over = valid.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) {
      frag.append(piece);
      continue;
    }
    const mine = current !== null && over.some((s) => s.record === current);
    const kind = mine ? "current" : over.some((s) => s.kind === "event") ? "event" : "control";
    const m = h("mark", { class: kind, "data-records": [...new Set(over.map((s) => s.record))].join(" ") }, piece);
    m.title = mine
      ? "evidence for this event"
      : kind === "event"
        ? "evidence for another event"
        : "evidence for a control claim";
    frag.append(m);
  }
  return frag;
}

/** The place whose control claims to show: a relative place's anchor ("countryside of Palmyra" → "Palmyra"). */
export function controlPlaceName(loc: LocationField): string {
  if (loc.precision === 1) return loc.name.replace(/^the\s+/i, "");
  const tail = /([A-Z][\p{L}'’-]*(?:[ -](?:al-|el-|ad-|as-)?[A-Z][\p{L}'’-]*)*)\s*$/u.exec(loc.name);
  return tail?.[1] ?? loc.anchor?.name ?? loc.name;
}

function dateText(start: string | null, end: string | null): string {
  const a = dayOf(start);
  const b = dayOf(end, true);
  if (a === null && b === null) return "undated";
  if (a === null) return `by ${longDay(b!)}`;
  if (b === null || a === b) return longDay(a);
  return `${longDay(a)} – ${longDay(b)}`;
}

const km = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

export class Panel {
  private current: string | null = null;
  private abort: AbortController | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly title: HTMLElement,
    private readonly body: HTMLElement,
    private readonly onClose: () => void,
    /** Another event of the same spot was chosen in the panel. */
    private readonly onNavigate: (id: string, here: string[]) => void,
  ) {}

  get openId(): string | null {
    return this.current;
  }

  /** Shows event `id`; `here` (when more than one) are the events at the same spot, to step through. */
  async open(id: string, focus = true, here: string[] = []): Promise<void> {
    if (focus && !this.root.contains(document.activeElement) && document.activeElement instanceof HTMLElement) {
      this.returnFocus = document.activeElement;
    }
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.current = id;
    this.root.hidden = false;
    this.root.dataset.event = id;
    this.root.removeAttribute("data-ready");
    this.title.textContent = "Event";
    this.body.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    if (focus) this.title.focus();
    try {
      const event = await getEvent(id, abort.signal);
      const doc = await getDocument(event.doc, abort.signal).catch(() => null);
      if (abort.signal.aborted) return;
      this.render(event, doc);
      if (here.length > 1) this.body.prepend(this.siblings(id, here));
      this.root.dataset.ready = "true";
      void this.control(event, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      this.body.replaceChildren(h("p", { class: "error" }, `Could not load the event: ${(e as Error).message}`));
    }
  }

  close(): void {
    if (this.root.hidden) return;
    this.abort?.abort();
    this.current = null;
    this.root.hidden = true;
    this.root.removeAttribute("data-ready");
    this.root.removeAttribute("data-event");
    this.body.replaceChildren();
    this.onClose();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  /** "Event 2 of 5 here" with previous/next buttons. */
  private siblings(id: string, here: string[]): HTMLElement {
    const i = Math.max(0, here.indexOf(id));
    const step = (d: number) => {
      const next = here[(i + d + here.length) % here.length];
      this.onNavigate(next, here);
    };
    const prev = h("button", { type: "button", "aria-label": "Previous event at this spot" }, "‹ previous");
    const next = h("button", { type: "button", "aria-label": "Next event at this spot" }, "next ›");
    prev.addEventListener("click", () => step(-1));
    next.addEventListener("click", () => step(1));
    return h(
      "nav",
      { class: "here", "aria-label": "Events at this spot" },
      prev,
      h("span", null, `event ${i + 1} of ${here.length} here`),
      next,
    );
  }

  private render(e: EventRecord, doc: DocumentWithSpans | null): void {
    this.title.replaceChildren(
      h("span", { class: "swatch", style: `background:${typeColor(e.type)}`, "aria-hidden": "true" }),
      ` ${e.type}`,
    );
    const cert = certainty(e.modality);
    const sections: Node[] = [];

    // What, when
    const actors = (role: string) =>
      e.actors
        .filter((a) => a.role === role)
        .map((a) => (a.canonical && a.canonical !== a.name ? `${a.name} (${a.canonical})` : a.name))
        .join("; ");
    const facts: [string, string][] = [
      ["Reported as", `${e.modality} — ${MODALITY_HELP[e.modality] ?? ""}`],
      ["When", `${dateText(e.time.start, e.time.end)}${e.time.text ? ` (“${e.time.text}”)` : ""}`],
      ["ACLED", e.acled ? `${e.acled.event_type} / ${e.acled.sub_event_type}` : ""],
      ["Who", actors("actor1")],
      ["With", actors("assoc1")],
      ["Against", actors("actor2")],
      ["Also", actors("assoc2")],
      ["Fatalities", e.fatalities === null ? "" : String(e.fatalities)],
      ["Size", e.size ? e.size.text : ""],
      ["Trigger", `“${e.trigger.text}”`],
    ];
    sections.push(
      h("p", { class: `modality ${cert}` }, e.modality),
      h(
        "dl",
        { class: "facts" },
        ...facts.filter(([, v]) => v).flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
      ),
    );

    // Where
    const where = h("dl", { class: "facts" });
    const loc = e.location;
    if (loc) {
      where.append(h("dt", null, "Where"), h("dd", null, loc.name));
      const how = [
        PRECISION_TEXT[loc.precision] ?? "",
        loc.radius_km ? `± ${km(loc.radius_km)} km` : "",
        loc.lat !== null && loc.lon !== null ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : "not located",
      ]
        .filter(Boolean)
        .join(" · ");
      where.append(h("dt", null, "Precision"), h("dd", null, how));
      if (loc.anchor) where.append(h("dt", null, "Relative to"), h("dd", null, loc.anchor.name));
    } else {
      where.append(h("dt", null, "Where"), h("dd", null, "not stated"));
    }
    if (e.origin) where.append(h("dt", null, "From"), h("dd", null, e.origin.name));
    if (e.locations?.length) {
      where.append(h("dt", null, "Also at"), h("dd", null, e.locations.map((l) => l.name).join("; ")));
    }
    sections.push(h("h3", null, "Where"), where);

    // Who says so
    const chain = [...e.source.chain];
    const outlet = e.source.outlet ?? doc?.outlet ?? null;
    if (outlet && chain[chain.length - 1]?.toLowerCase() !== outlet.toLowerCase()) chain.push(outlet);
    const chainList = h("ol", { class: "chain" });
    chain.forEach((s, i) => {
      chainList.append(
        h(
          "li",
          null,
          h("span", { class: "who" }, s),
          h(
            "span",
            { class: "role" },
            i === 0 && chain.length > 1 ? "original source" : i === chain.length - 1 ? "published by" : "passed on by",
          ),
        ),
      );
    });
    sections.push(
      h("h3", null, "Who says so"),
      chain.length ? chainList : h("p", { class: "muted" }, "No source is named in the text."),
      h("p", { class: "muted small" }, `Extraction confidence ${Math.round(e.confidence * 100)}%`),
    );

    // The report, with the evidence highlighted
    sections.push(h("h3", null, "The report"));
    if (doc) {
      const meta = [doc.outlet, doc.published].filter(Boolean).join(" · ");
      sections.push(h("p", { class: "doc-title" }, doc.title || "(untitled)"));
      if (meta) sections.push(h("p", { class: "muted small" }, meta));
      if (doc.url && /^https?:\/\//i.test(doc.url)) {
        sections.push(
          h(
            "p",
            { class: "small" },
            h("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer external" }, "original article"),
            " (opens the source on the internet)",
          ),
        );
      }
      const spans = doc.spans.length
        ? doc.spans
        : e.evidence.filter((x) => x.doc === doc.id).map((x) => ({ ...x, kind: "event" as const, record: e.id }));
      const text = h("div", { class: "doc-text", tabindex: "0", "aria-label": "Report text; evidence is highlighted" });
      text.append(markedText(doc.text, spans, e.id));
      sections.push(
        h(
          "p",
          { class: "mark-legend small" },
          h("mark", { class: "current" }, "this event"),
          " ",
          h("mark", { class: "event" }, "other events"),
          " ",
          h("mark", { class: "control" }, "control claims"),
        ),
        text,
      );
    } else {
      sections.push(h("p", { class: "muted" }, "The document is not available; the evidence:"));
      for (const ev of e.evidence) sections.push(h("blockquote", null, h("mark", { class: "current" }, ev.text)));
    }

    // Control of the place (filled in when loaded)
    sections.push(h("section", { class: "control", id: "panel-control", "aria-live": "polite" }));
    this.body.replaceChildren(...sections);
    const first = this.body.querySelector<HTMLElement>("mark.current");
    const box = this.body.querySelector<HTMLElement>(".doc-text");
    if (first && box) {
      // Scroll the report (not the page) so that the evidence shows a third of the way down.
      const delta = first.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = Math.max(0, box.scrollTop + delta - box.clientHeight / 3);
    }
  }

  private async control(e: EventRecord, signal: AbortSignal): Promise<void> {
    const host = this.body.querySelector<HTMLElement>("#panel-control");
    const loc = e.location;
    if (!host || !loc) return;
    const name = controlPlaceName(loc);
    let claims: ControlClaim[] = [];
    let by = `“${name}”`;
    try {
      claims = await getControl({ place: name }, signal);
      const at = loc.anchor ?? (loc.lat !== null && loc.lon !== null ? { lat: loc.lat, lon: loc.lon } : null);
      if (!claims.length && at) {
        const d = 0.1; // about 10 km
        claims = await getControl({ bbox: [at.lon - d, at.lat - d, at.lon + d, at.lat + d] }, signal);
        by = `within about 10 km of ${loc.anchor?.name ?? loc.name}`;
      }
    } catch {
      if (signal.aborted) return;
    }
    if (signal.aborted) return;
    host.replaceChildren(h("h3", null, `Who holds ${name}?`));
    if (!claims.length) {
      host.append(h("p", { class: "muted" }, `No control claims stored for ${by}.`));
      return;
    }
    host.append(
      h(
        "p",
        { class: "muted small" },
        `${claims.length} claim${claims.length === 1 ? "" : "s"} for ${by}, in time order`,
      ),
    );
    host.append(controlStrip(claims));
    const list = h("ol", { class: "claims" });
    for (const c of claims) {
      list.append(
        h(
          "li",
          { class: certainty(c.modality) },
          h("span", { class: "when" }, dateText(c.time.start, c.time.end)),
          h(
            "span",
            { class: "holder", style: `border-color:${holderColor(c.holder.canonical || c.holder.name)}` },
            c.holder.name,
          ),
          h(
            "span",
            { class: "basis" },
            `${c.place.name} · “${c.basis}” · ${c.modality}${c.source.chain.length ? ` · ${c.source.chain.join(" → ")}` : ""}`,
          ),
        ),
      );
    }
    host.append(list);
  }
}

const HOLDER_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
const holders = new Map<string, string>();
function holderColor(name: string): string {
  let c = holders.get(name);
  if (!c) {
    c = HOLDER_COLORS[holders.size % HOLDER_COLORS.length];
    holders.set(name, c);
  }
  return c;
}

/** A strip with one dot per dated claim, coloured by holder, along the claims' time span. */
function controlStrip(claims: ControlClaim[]): Node {
  const dated = claims
    .map((c) => ({ c, d: dayOf(c.time.end ?? c.time.start) }))
    .filter((x): x is { c: ControlClaim; d: number } => x.d !== null);
  const wrap = h("div", { class: "strip", role: "img" });
  if (!dated.length) return wrap;
  const lo = Math.min(...dated.map((x) => x.d));
  const hi = Math.max(...dated.map((x) => x.d));
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 300 34");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "34");
  const line = document.createElementNS(ns, "line");
  for (const [k, v] of Object.entries({ x1: "8", x2: "292", y1: "14", y2: "14", class: "axis" }))
    line.setAttribute(k, v);
  svg.append(line);
  for (const { c, d } of dated) {
    const x = hi === lo ? 150 : 8 + ((d - lo) / (hi - lo)) * 284;
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x.toFixed(1));
    dot.setAttribute("cy", "14");
    dot.setAttribute("r", "5");
    dot.setAttribute("fill", holderColor(c.holder.canonical || c.holder.name));
    dot.setAttribute("class", certainty(c.modality));
    const t = document.createElementNS(ns, "title");
    t.textContent = `${longDay(d)}: ${c.holder.name} (${c.modality})`;
    dot.append(t);
    svg.append(dot);
  }
  for (const [x, d, anchor] of [
    [8, lo, "start"],
    [292, hi, "end"],
  ] as const) {
    if (d === hi && x === 8 && lo === hi) continue;
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", "32");
    t.setAttribute("text-anchor", anchor);
    t.setAttribute("class", "tick");
    t.textContent = longDay(d);
    svg.append(t);
  }
  wrap.setAttribute(
    "aria-label",
    `Control claims from ${longDay(lo)} to ${longDay(hi)}: ${[...new Set(dated.map((x) => x.c.holder.name))].join(", ")}`,
  );
  wrap.append(svg);
  return wrap;
}
