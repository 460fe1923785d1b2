// The timeline: a histogram of events over time (plain SVG) with a brush that picks the date range.
// Mouse/touch: drag on empty ground to draw a range, drag the range to move it, drag its edges to resize it,
// click outside it to clear it. Keyboard (the plot is focusable): arrows move the range by one bar, shift+arrows
// move its end, Home/End jump, Delete/Backspace clears it.
import { addMonths, isoDay, longDay, monthLabel, monthStart } from "./dates.ts";

const SVG = "http://www.w3.org/2000/svg";

export type Range = [number, number];

export interface Item {
  days: [number, number];
  /** "fact" | "future" | "denied": stacked from the bottom in that order. */
  certainty: string;
}

interface Bin {
  start: number;
  /** Exclusive. */
  end: number;
  fact: number;
  future: number;
  denied: number;
}

type Unit = "day" | "week" | "month";

const M = { left: 34, right: 12, top: 6, bottom: 18 };

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export class Timeline {
  private readonly svg: SVGSVGElement;
  private items: Item[] = [];
  private bins: Bin[] = [];
  private unit: Unit = "day";
  private domain: Range = [0, 1];
  private range: Range | null = null;
  /** Events left out of the plot: before it, after it. */
  private outside: [number, number] = [0, 0];
  private width = 600;
  private height = 90;
  private drag: { mode: "new" | "move" | "start" | "end"; anchor: number; orig: Range; moved: boolean } | null = null;

  constructor(
    private readonly host: HTMLElement,
    /** Told of every change; `final` is false while dragging. */
    private readonly onChange: (range: Range | null, final: boolean) => void,
    private readonly onCaption: (caption: string) => void,
  ) {
    this.svg = el("svg", {
      class: "timeline-svg",
      tabindex: 0,
      role: "group",
      "aria-roledescription": "timeline",
      "aria-label": "Timeline of events",
    });
    host.appendChild(this.svg);
    this.svg.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this.svg.addEventListener("pointermove", (e) => this.pointerMove(e));
    this.svg.addEventListener("pointerup", (e) => this.pointerUp(e));
    this.svg.addEventListener("pointercancel", (e) => this.pointerUp(e));
    this.svg.addEventListener("keydown", (e) => this.key(e));
    new ResizeObserver(() => this.render()).observe(host);
  }

  /** The events to count, and the range to show as selected. */
  setData(items: Item[], range: Range | null): void {
    this.items = items;
    this.range = range;
    this.layout();
    this.render();
  }

  setRange(range: Range | null): void {
    this.range = range;
    this.render();
  }

  private layout(): void {
    const starts = this.items.map((it) => it.days[0]).sort((a, b) => a - b);
    let lo = starts.length ? starts[0] : Number.POSITIVE_INFINITY;
    let hi = starts.length ? starts[starts.length - 1] : Number.NEGATIVE_INFINITY;
    if (starts.length >= 20) {
      // A few stray dates (a misread year) would squeeze everything else into one bar: leave them out of the
      // plot when the middle 96% of the events spans less than a third of the whole.
      const qlo = starts[Math.floor(starts.length * 0.02)];
      const qhi = starts[Math.ceil(starts.length * 0.98) - 1];
      if (qhi - qlo + 1 < (hi - lo + 1) / 3) [lo, hi] = [qlo, qhi];
    }
    if (this.range) {
      lo = Math.min(lo, this.range[0]);
      hi = Math.max(hi, this.range[1]);
    }
    this.outside = [0, 0];
    if (!Number.isFinite(lo)) {
      this.bins = [];
      this.domain = [0, 1];
      return;
    }
    const span = hi - lo + 1;
    this.unit = span <= 120 ? "day" : span <= 3 * 365 ? "week" : "month";
    const bins: Bin[] = [];
    const push = (start: number, end: number) => bins.push({ start, end, fact: 0, future: 0, denied: 0 });
    if (this.unit === "day") {
      // At least two weeks wide, so a single day is not one bar across the whole plot.
      const pad = Math.max(0, Math.ceil((14 - span) / 2));
      for (let d = lo - pad; d <= hi + pad; d++) push(d, d + 1);
    } else if (this.unit === "week") {
      const monday = lo - ((lo + 3) % 7); // day 0 (1970-01-01) was a Thursday
      for (let d = monday; d <= hi; d += 7) push(d, d + 7);
    } else {
      for (let d = monthStart(lo); d <= hi; d = addMonths(d, 1)) push(d, addMonths(d, 1));
    }
    for (const it of this.items) {
      const d = it.days[0];
      if (d < bins[0].start || d >= bins[bins.length - 1].end) {
        this.outside[d < bins[0].start ? 0 : 1]++;
        continue;
      }
      let a = 0;
      let b = bins.length - 1;
      while (a < b) {
        const m = (a + b + 1) >> 1;
        if (bins[m].start <= d) a = m;
        else b = m - 1;
      }
      const bin = bins[a];
      if (it.certainty === "future") bin.future++;
      else if (it.certainty === "denied") bin.denied++;
      else bin.fact++;
    }
    this.bins = bins;
    this.domain = [bins[0].start, bins[bins.length - 1].end];
  }

  private x(day: number): number {
    const [d0, d1] = this.domain;
    return M.left + ((day - d0) / (d1 - d0)) * (this.width - M.left - M.right);
  }

  private dayAt(clientX: number): number {
    const r = this.svg.getBoundingClientRect();
    const [d0, d1] = this.domain;
    const t = (clientX - r.left - M.left) / (this.width - M.left - M.right);
    return Math.floor(d0 + Math.min(1, Math.max(0, t)) * (d1 - d0 - 1e-9));
  }

  private render(): void {
    this.width = Math.max(200, this.host.clientWidth);
    this.height = Math.max(60, this.host.clientHeight);
    const svg = this.svg;
    svg.setAttribute("width", String(this.width));
    svg.setAttribute("height", String(this.height));
    svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    svg.replaceChildren();
    el("title", {}, svg).textContent = "Timeline of events";
    const base = this.height - M.bottom;
    el("line", { x1: M.left, x2: this.width - M.right, y1: base + 0.5, y2: base + 0.5, class: "axis" }, svg);
    const unitWord = { day: "day", week: "week", month: "month" }[this.unit];
    this.onCaption(`Events per ${unitWord}`);
    if (!this.bins.length) {
      el("text", { x: this.width / 2, y: this.height / 2, class: "empty", "text-anchor": "middle" }, svg).textContent =
        "No dated events";
      this.describe();
      return;
    }
    const max = Math.max(1, ...this.bins.map((b) => b.fact + b.future + b.denied));
    const h = (n: number) => (n / max) * (base - M.top);
    el("text", { x: M.left - 5, y: M.top + 9, class: "tick", "text-anchor": "end" }, svg).textContent = String(max);
    el("text", { x: M.left - 5, y: base, class: "tick", "text-anchor": "end" }, svg).textContent = "0";
    const bars = el("g", { class: "bars" }, svg);
    for (const b of this.bins) {
      const total = b.fact + b.future + b.denied;
      if (!total) continue;
      const x0 = this.x(b.start);
      const w = Math.max(1, this.x(b.end) - x0 - (this.x(b.end) - x0 > 3 ? 1 : 0));
      const inRange = !this.range || (b.start <= this.range[1] && b.end - 1 >= this.range[0]);
      const g = el("g", { class: inRange ? "bin" : "bin out" }, bars);
      let y = base;
      for (const [k, n] of [
        ["fact", b.fact],
        ["future", b.future],
        ["denied", b.denied],
      ] as const) {
        if (!n) continue;
        el("rect", { x: x0, y: y - h(n), width: w, height: h(n), class: k }, g);
        y -= h(n);
      }
      const label = this.unit === "day" ? longDay(b.start) : `${longDay(b.start)} – ${longDay(b.end - 1)}`;
      el("title", {}, g).textContent =
        `${label}: ${total} event${total === 1 ? "" : "s"} (${b.fact} reported as happened, ${b.future} planned or expected, ${b.denied} denied)`;
    }
    this.ticks(svg, base);
    const [before, later] = this.outside;
    if (before) {
      el("text", { x: M.left + 2, y: M.top + 9, class: "tick outside" }, svg).textContent = `◂ ${before} earlier`;
    }
    if (later) {
      el(
        "text",
        { x: this.width - M.right, y: M.top + 9, class: "tick outside", "text-anchor": "end" },
        svg,
      ).textContent = `${later} later ▸`;
    }
    if (this.range) {
      const x0 = this.x(this.range[0]);
      const x1 = this.x(this.range[1] + 1);
      el("rect", { x: x0, y: M.top - 4, width: Math.max(2, x1 - x0), height: base - M.top + 4, class: "brush" }, svg);
      for (const xx of [x0, x1]) el("rect", { x: xx - 2, y: M.top + 8, width: 4, height: 22, class: "handle" }, svg);
    }
    this.describe();
  }

  private ticks(svg: SVGSVGElement, base: number): void {
    const [d0, d1] = this.domain;
    const plotW = this.width - M.left - M.right;
    const g = el("g", { class: "ticks" }, svg);
    const put = (day: number, text: string) => {
      const x = this.x(day);
      if (x < M.left - 1 || x > this.width - M.right + 1) return;
      el("line", { x1: x, x2: x, y1: base, y2: base + 4, class: "axis" }, g);
      el("text", { x: x + 2, y: base + 14, class: "tick" }, g).textContent = text;
    };
    const spanDays = d1 - d0;
    if (spanDays <= 62) {
      // Days: one tick every k days, so the labels keep about 60 px apart.
      const k = Math.max(1, Math.ceil((60 * spanDays) / plotW));
      const steps = [1, 2, 7, 14, 28];
      const step = steps.find((s) => s >= k) ?? 28;
      for (let d = d0; d < d1; d++) {
        if ((d - d0) % step !== 0) continue;
        const iso = isoDay(d);
        const first = d === d0 || iso.endsWith("-01");
        put(d, first ? `${Number(iso.slice(8))} ${monthLabel(d, false)}` : String(Number(iso.slice(8))));
      }
      return;
    }
    const months = Math.round(spanDays / 30.44);
    const every = [1, 2, 3, 6, 12, 24, 60].find((s) => (plotW / months) * s >= 56) ?? 120;
    for (let d = monthStart(d0); d < d1; d = addMonths(d, 1)) {
      const date = new Date(d * 86_400_000);
      const m = date.getUTCFullYear() * 12 + date.getUTCMonth();
      if (m % every !== 0) continue;
      put(d, every >= 12 ? String(date.getUTCFullYear()) : monthLabel(d, date.getUTCMonth() === 0 || d <= d0 + 31));
    }
  }

  private describe(): void {
    const r = this.range;
    this.svg.setAttribute(
      "aria-label",
      r
        ? `Timeline: dates ${longDay(r[0])} to ${longDay(r[1])} selected. Arrows move, shift+arrows resize, Delete clears.`
        : "Timeline: all dates. Press an arrow key or drag to choose a date range.",
    );
  }

  private pointerDown(e: PointerEvent): void {
    if (!this.bins.length || e.button !== 0) return;
    this.svg.setPointerCapture(e.pointerId);
    const day = this.dayAt(e.clientX);
    const r = this.range;
    const px = e.clientX - this.svg.getBoundingClientRect().left;
    let mode: "new" | "move" | "start" | "end" = "new";
    if (r) {
      if (Math.abs(px - this.x(r[0])) <= 6) mode = "start";
      else if (Math.abs(px - this.x(r[1] + 1)) <= 6) mode = "end";
      else if (day >= r[0] && day <= r[1]) mode = "move";
    }
    this.drag = { mode, anchor: day, orig: r ?? [day, day], moved: false };
    e.preventDefault();
  }

  private pointerMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const day = this.dayAt(e.clientX);
    if (day !== d.anchor) d.moved = true;
    if (!d.moved) return;
    const [lo, hi] = [this.domain[0], this.domain[1] - 1];
    let next: Range;
    if (d.mode === "new") next = [Math.min(d.anchor, day), Math.max(d.anchor, day)];
    else if (d.mode === "move") {
      const shift = Math.min(Math.max(day - d.anchor, lo - d.orig[0]), hi - d.orig[1]);
      next = [d.orig[0] + shift, d.orig[1] + shift];
    } else if (d.mode === "start") next = [Math.min(day, d.orig[1]), Math.max(day, d.orig[1])];
    else next = [Math.min(day, d.orig[0]), Math.max(day, d.orig[0])];
    if (this.range && next[0] === this.range[0] && next[1] === this.range[1]) return;
    this.range = next;
    this.render();
    this.onChange(next, false);
  }

  private pointerUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    this.drag = null;
    if (this.svg.hasPointerCapture(e.pointerId)) this.svg.releasePointerCapture(e.pointerId);
    if (!d.moved) {
      // A click: inside the range keeps it, elsewhere clears it.
      if (d.mode !== "new") return;
      if (!this.range) return;
      this.range = null;
      this.render();
    }
    this.onChange(this.range, true);
  }

  /** One step of the keyboard: a bar's width in days. */
  private step(from: number, dir: 1 | -1): number {
    if (this.unit === "day") return from + dir;
    if (this.unit === "week") return from + 7 * dir;
    return addMonths(monthStart(from), dir) + (from - monthStart(from));
  }

  private key(e: KeyboardEvent): void {
    if (!this.bins.length) return;
    const [lo, hi] = [this.domain[0], this.domain[1] - 1];
    const last = this.bins[this.bins.length - 1];
    let r = this.range;
    const clamp = (x: Range): Range => [Math.max(lo, Math.min(x[0], hi)), Math.max(lo, Math.min(x[1], hi))];
    switch (e.key) {
      case "ArrowLeft":
      case "ArrowRight": {
        const dir = e.key === "ArrowLeft" ? -1 : 1;
        if (!r) r = [last.start, last.end - 1];
        else if (e.shiftKey) r = [r[0], Math.max(r[0], this.step(r[1], dir))];
        else {
          const len = r[1] - r[0];
          const start = this.step(r[0], dir);
          if (start < lo || start + len > hi) return;
          r = [start, start + len];
        }
        break;
      }
      case "Home":
        if (!r) return;
        r = [lo, lo + (r[1] - r[0])];
        break;
      case "End":
        if (!r) return;
        r = [hi - (r[1] - r[0]), hi];
        break;
      case "Delete":
      case "Backspace":
        r = null;
        break;
      default:
        return;
    }
    e.preventDefault();
    this.range = r ? clamp(r) : null;
    this.render();
    this.onChange(this.range, true);
  }
}
