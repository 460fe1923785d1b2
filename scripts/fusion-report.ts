// Measures cross-document fusion on a JSONL corpus (default: the FA-KES Syria articles): extracts every
// document, fuses the event records, prints cluster figures, a seeded sample of multi-document clusters for a
// person to judge, and a proxy for precision (members share the corpus's `place` label and dates within 3 days).
// Usage: node --import tsx scripts/fusion-report.ts [corpus.jsonl] [--sample N] [--seed S]
import { readFileSync } from "node:fs";
import { extractDocument } from "../src/extract.ts";
import { controlTimeline, type DocMeta, type FusedEvent, fusedEvents, fuseEvents } from "../src/fuse/index.ts";
import { dayNumber } from "../src/fuse/similarity.ts";
import { isInputError, readInputs } from "../src/ingest/index.ts";
import type { ControlRecord, EventRecord } from "../src/model/types.ts";
import { seededRandom } from "../src/util/random.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const corpus =
  args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ??
  new URL("../../shared/corpus/fakes.jsonl", import.meta.url).pathname;
const SAMPLE = opt("--sample", 30);
const SEED = opt("--seed", 20170407);
const PROXY_DAYS = 3;

function sample<T>(xs: T[], n: number, rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

const pct = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(1)}%` : "n/a");
const clip = (s: string, n = 170) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

// ---------------------------------------------------------------------------------------------
// Read, extract, fuse

/** The corpus's own labels (place of the event, published date), by document id. */
const labels = new Map<string, { place?: string; published?: string; outlet?: string }>();
for (const line of readFileSync(corpus, "utf8").split("\n")) {
  if (!line.trim()) continue;
  try {
    const o = JSON.parse(line);
    if (o.id) labels.set(String(o.id), { place: o.place, published: o.published, outlet: o.outlet });
  } catch {
    // bad lines are reported by readInputs
  }
}

const docs = new Map<string, DocMeta>();
const events: EventRecord[] = [];
const controls: ControlRecord[] = [];
let inputErrors = 0;
let extractErrors = 0;
const t0 = performance.now();
for await (const d of readInputs([corpus])) {
  if (isInputError(d)) {
    inputErrors++;
    continue;
  }
  docs.set(d.id, { outlet: d.outlet, published: d.published, text: d.text });
  try {
    for (const r of extractDocument(d).records) (r.kind === "event" ? events : controls).push(r as never);
  } catch (e) {
    extractErrors++;
    if (extractErrors <= 3) console.error(`extract ${d.id}: ${(e as Error).message}`);
  }
}
const t1 = performance.now();
const state = fuseEvents(events, docs);
const recordsById = new Map(events.map((r) => [r.id, r]));
const t2 = performance.now();
const clusters = fusedEvents(state);
const multi = clusters.filter((c) => new Set(c.docs).size > 1);

// ---------------------------------------------------------------------------------------------
// Figures

const out: string[] = [];
const say = (s = "") => out.push(s);
say(`# Fusion report — ${corpus}`);
say();
say(`documents: ${docs.size} (input errors ${inputErrors}, extraction errors ${extractErrors})`);
say(`event records: ${events.length}; control records: ${controls.length}`);
say(`extract ${(t1 - t0).toFixed(0)} ms; fuse ${(t2 - t1).toFixed(0)} ms; work ${JSON.stringify(state.stats)}`);
say(`clusters: ${clusters.length}; singletons: ${clusters.length - multi.length}; multi-document: ${multi.length}`);
say(`records in multi-document clusters: ${multi.reduce((n, c) => n + c.members.length, 0)} of ${events.length}`);
const sizes = new Map<number, number>();
for (const c of multi) sizes.set(c.members.length, (sizes.get(c.members.length) ?? 0) + 1);
say(
  `multi-document cluster sizes: ${[...sizes]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}:${v}`)
    .join(" ")}`,
);
const crossOutlet = multi.filter((c) => c.outlets.length > 1);
say(`clusters merging records from different outlets: ${crossOutlet.length}`);
say(`clusters with ≥2 independent sources: ${clusters.filter((c) => c.sources > 1).length}`);
say(
  `clusters where wire/outlet grouping lowered the source count (sources < documents): ${multi.filter((c) => c.sources < new Set(c.docs).size).length}`,
);
say(
  `modality upgrades (planned/expected → later modality): ${clusters.filter((c) => c.modalityHistory.length > 1).length}`,
);
const byKind = (k: string) => clusters.filter((c) => c.contradictions.some((x) => x.kind === k));
say(`contradictions: fatalities ${byKind("fatalities").length}, occurred-vs-denied ${byKind("modality").length}`);
const types = new Map<string, number>();
for (const c of multi) types.set(c.type, (types.get(c.type) ?? 0) + 1);
say(
  `multi-document clusters by type: ${[...types]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}:${v}`)
    .join(" ")}`,
);

// ---------------------------------------------------------------------------------------------
// Precision proxy: same `place` label and publication dates within 3 days

function proxy(docIds: string[]) {
  const ls = docIds.map((d) => labels.get(d) ?? {});
  const places = new Set(ls.map((l) => l.place ?? "?"));
  const days = ls.map((l) => dayNumber(l.published)).filter((d): d is number => d !== null);
  const samePlace = places.size === 1 && !places.has("?");
  const close = days.length === ls.length && Math.max(...days) - Math.min(...days) <= PROXY_DAYS;
  return { samePlace, close, both: samePlace && close };
}

function proxyShare(groups: string[][]) {
  const r = groups.map(proxy);
  return {
    n: r.length,
    place: r.filter((x) => x.samePlace).length,
    close: r.filter((x) => x.close).length,
    both: r.filter((x) => x.both).length,
  };
}

const fused = proxyShare(multi.map((c) => [...new Set(c.docs)]));
// Chance level: the same cluster sizes filled with random documents that yielded at least one event.
const withEvents = [...new Set(events.map((e) => e.doc))];
const rand = seededRandom(SEED);
const chance = proxyShare(multi.map((c) => sample(withEvents, new Set(c.docs).size, rand)));
// Pairs: every pair of documents inside a multi-document cluster.
const pairs: string[][] = [];
for (const c of multi) {
  const ds = [...new Set(c.docs)];
  for (let i = 0; i < ds.length; i++) for (let j = i + 1; j < ds.length; j++) pairs.push([ds[i], ds[j]]);
}
const pairProxy = proxyShare(pairs);
say();
say("## Precision proxy (corpus `place` label equal and published dates within 3 days)");
say(
  `fused clusters: ${fused.n}; same place ${pct(fused.place, fused.n)}; dates ≤${PROXY_DAYS}d ${pct(fused.close, fused.n)}; both ${pct(fused.both, fused.n)}`,
);
say(
  `document pairs in them: ${pairProxy.n}; same place ${pct(pairProxy.place, pairProxy.n)}; dates ≤${PROXY_DAYS}d ${pct(pairProxy.close, pairProxy.n)}; both ${pct(pairProxy.both, pairProxy.n)}`,
);
say(
  `chance (random documents, same sizes): same place ${pct(chance.place, chance.n)}; dates ${pct(chance.close, chance.n)}; both ${pct(chance.both, chance.n)}`,
);

// ---------------------------------------------------------------------------------------------
// Examples

function describe(c: FusedEvent): string[] {
  const rep = c.representative;
  const loc = c.location
    ? `${c.location.name} (${c.location.lat}, ${c.location.lon}; r ${c.location.radius_km} km)`
    : "—";
  const actors = c.actors.map((a) => `${a.role}:${a.canonical}`).join("; ") || "—";
  const p = proxy([...new Set(c.docs)]);
  const lines = [
    `### ${c.id} — ${c.type} ${rep.acled ? `(${rep.acled.sub_event_type})` : ""} ${c.modality}; ${c.members.length} reports, ${c.sources} sources; proxy ${p.both ? "agrees" : `disagrees (place ${p.samePlace}, dates ${p.close})`}`,
    `time ${c.time ? `${c.time.start}..${c.time.end}` : "—"}; place ${loc}; actors ${actors}`,
  ];
  if (c.modalityHistory.length > 1)
    lines.push(`modality history: ${c.modalityHistory.map((h) => h.modality).join(" → ")}`);
  for (const k of c.contradictions)
    lines.push(`contradiction (${k.kind}): ${k.claims.map((x) => `${x.value} ×${x.records.length}`).join(" vs ")}`);
  const records = new Map(c.members.map((id) => [id, recordsById.get(id)!]));
  for (const rep2 of c.reports) {
    const r = records.get(rep2.record)!;
    const l = labels.get(r.doc) ?? {};
    lines.push(
      `- ${r.doc} [${rep2.outlet ?? "?"}, ${rep2.published ?? "?"}, place=${l.place ?? "?"}, group ${rep2.group}] «${r.trigger.text}» ${clip(r.evidence[0]?.text ?? "")}`,
    );
  }
  return lines;
}

say();
say("## Largest clusters");
for (const c of multi.slice(0, 5)) {
  say();
  for (const l of describe(c)) say(l);
}

say();
say("## Contradictions (first 5 of each kind)");
for (const k of ["fatalities", "modality"]) {
  for (const c of byKind(k).slice(0, 5)) {
    const x = c.contradictions.find((y) => y.kind === k)!;
    say(
      `- ${c.id} ${c.type} ${c.location?.name ?? "—"}: ${x.claims.map((v) => `${v.value} (${v.records.join(", ")})`).join(" vs ")}`,
    );
  }
}

// Control timelines of the places with most claims
say();
say("## Control timelines (the three places with most control claims)");
const byPlace = new Map<number, ControlRecord[]>();
for (const c of controls) {
  const id = c.place.geonameid ?? c.place.anchor?.geonameid;
  if (id !== undefined) byPlace.set(id, [...(byPlace.get(id) ?? []), c]);
}
for (const [geonameid, cs] of [...byPlace].sort((a, b) => b[1].length - a[1].length).slice(0, 3)) {
  const name = cs.find((c) => c.place.geonameid === geonameid)?.place.name ?? cs[0].place.anchor?.name ?? "?";
  const timeline = controlTimeline(controls, { geonameid, name }, docs);
  say(
    `${name} (${geonameid}): ${cs.length} claims, ${timeline.length} periods, ${timeline.filter((e) => e.conflicts.length).length} with conflicts`,
  );
  for (const e of timeline.slice(0, 12)) {
    say(
      `- ${e.from ?? "undated"}..${e.to ?? ""} ${e.holder.name}: ${e.claims.length} claims, ${e.sources.length} outlets${e.conflicts.length ? `; conflicts with ${[...new Set(e.conflicts.map((c) => c.holder.name))].join(", ")}` : ""}`,
    );
  }
}

const sampled = sample(multi, SAMPLE, seededRandom(SEED));
say();
say(`## Sample of ${sampled.length} multi-document clusters (seed ${SEED}) — judge each: same event or not`);
const sampledProxy = proxyShare(sampled.map((c) => [...new Set(c.docs)]));
say(`proxy on the sample: both ${pct(sampledProxy.both, sampledProxy.n)}`);
for (const c of sampled) {
  say();
  for (const l of describe(c)) say(l);
}

console.log(out.join("\n"));
