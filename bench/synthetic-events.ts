// Synthetic but realistic event records for the map/API benchmark: real records extracted from the FA-KES corpus,
// perturbed. Each synthetic record copies a random seed record (its type, ACLED type, actors, modality, evidence,
// attribution) and moves it: to Syria, Iraq or Ukraine (the seed's offset from Syria's centre kept, plus a
// jitter of ~15 km), to a random day of 2014–2023 (the seed's time span kept), published 0–2 days later by one
// of a dozen outlets. About a quarter of the records re-report a recent synthetic event (same event, another
// outlet, half of them the same wording), so that fusion has multi-report clusters to build.
import { readFileSync } from "node:fs";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { Document, EventRecord, LocationField } from "../src/model/types.ts";
import { seededRandom } from "../src/util/random.ts";

export interface Seed {
  record: EventRecord;
  outlet: string | null;
}

/** Event records extracted from the first `max` documents of a JSONL corpus. */
export function extractSeeds(corpus: string, max: number): Seed[] {
  const lines = readFileSync(corpus, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, max);
  const seeds: Seed[] = [];
  for (const [i, line] of lines.entries()) {
    const row = JSON.parse(line) as { id?: string; text: string; title?: string; published?: string };
    const doc = documentFromText(row.text, { id: row.id, title: row.title, published: row.published, origin: `${i}` });
    for (const r of extractDocument(doc).records) {
      if (r.kind === "event" && r.evidence.length) seeds.push({ record: r, outlet: r.source.outlet });
    }
  }
  return seeds;
}

const SYRIA = { lat: 35.0, lon: 38.5 };
const REGIONS = [SYRIA, { lat: 33.3, lon: 44.0 }, { lat: 48.5, lon: 35.0 }]; // Syria, Iraq, Ukraine
const OUTLETS = [
  "Reuters",
  "AFP",
  "AP",
  "Al Jazeera",
  "BBC",
  "SANA",
  "Al-Masdar News",
  "Anadolu",
  "Kyiv Independent",
  "Rudaw",
  "TASS",
  "Syrian Observatory for Human Rights",
];
const FIRST_DAY = Date.UTC(2014, 0, 1) / 86_400_000;
const DAYS = 3652;
const RE_REPORT = 0.25;
const RECENT = 2000;

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(date.slice(0, 10)) / 86_400_000;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function move(l: LocationField | null, region: { lat: number; lon: number }, jitter: () => number) {
  if (!l || l.lat === null || l.lon === null) return l;
  const lat = Math.max(-89, Math.min(89, l.lat - SYRIA.lat + region.lat + jitter()));
  const lon = Math.max(-179, Math.min(179, l.lon - SYRIA.lon + region.lon + jitter()));
  return { ...l, lat: round(lat), lon: round(lon) };
}

/** The seed's time moved to `day`, its span kept (undated seeds stay undated). */
function retime(t: EventRecord["time"], day: number): EventRecord["time"] {
  if (!t.start && !t.end) return t;
  const span = t.start && t.end ? Math.max(0, Math.min(90, dayOf(t.end) - dayOf(t.start))) : 0;
  return { ...t, start: iso(day), end: iso(day + span) };
}

export interface SyntheticDoc {
  doc: Document;
  records: EventRecord[];
}

/**
 * Documents holding `total` records (3–7 each), ids `syn-BATCH-N`: the same for the same seeds and batch, and
 * distinct between batches, so that a store can grow by adding another batch.
 */
export function* syntheticDocuments(seeds: Seed[], total: number, batch: number): Generator<SyntheticDoc> {
  const recent: EventRecord[] = [];
  for (let d = 0, n = 0; n < total; d++) {
    const random = seededRandom(batch * 1_000_003 + d + 1);
    const gauss = () => (random() + random() + random() - 1.5) * 0.2;
    const id = `syn-${batch}-${d}`;
    const outlet = OUTLETS[Math.floor(random() * OUTLETS.length)];
    const count = Math.min(3 + Math.floor(random() * 5), total - n);
    const records: EventRecord[] = [];
    let text = "";
    let published = 0;
    for (let k = 0; k < count; k++, n++) {
      const again = recent.length > 0 && random() < RE_REPORT ? recent[Math.floor(random() * recent.length)] : null;
      const seed = seeds[Math.floor(random() * seeds.length)].record;
      const day = FIRST_DAY + Math.floor(random() * DAYS);
      const base: EventRecord = again ?? {
        ...seed,
        location: move(seed.location, REGIONS[Math.floor(random() * REGIONS.length)], gauss),
        origin: seed.origin && move(seed.origin, SYRIA, gauss),
        time: retime(seed.time, day),
      };
      const words = again && random() < 0.5 ? again.evidence[0].text : seed.evidence[0].text;
      const start = text.length + (text ? 1 : 0);
      text += (text ? " " : "") + words;
      const r: EventRecord = {
        ...base,
        id: `${id}-e${k}`,
        doc: id,
        source: { outlet, chain: seed.source.chain },
        evidence: [{ doc: id, start, end: start + words.length, text: words }],
        trigger: { ...seed.trigger, start, end: start + seed.trigger.text.length },
      };
      records.push(r);
      published = Math.max(published, r.time.start ? dayOf(r.time.start) : day);
      if (!again) {
        recent.push(r);
        if (recent.length > RECENT) recent.shift();
      }
    }
    published += Math.floor(random() * 3);
    yield {
      doc: { id, text, outlet, published: iso(published), origin: "bench", contentHash: `bench-${id}` },
      records,
    };
  }
}
