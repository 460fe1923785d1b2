// Prints a GeoEvalResult as plain-text tables: one per corpus, the system and each baseline as rows, the published
// figures beside them, then the common-subset comparison and what the loaders had to repair.

import type { PublishedFigure } from "./published.ts";
import type { CorpusResult, GeoEvalResult, SystemResult } from "./run.ts";

const TITLES: Record<CorpusResult["corpus"], string> = {
  lgl: "LGL (Lieberman et al. 2010)",
  geowebnews: "GeoWebNews (Gritta et al. 2019)",
  geovirus: "GeoVirus (Gritta et al. 2018)",
};

const f3 = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : x.toFixed(3));
const f2 = (x: number | undefined): string => (x === undefined ? "–" : x.toFixed(2));
const km = (x: number | null): string => (x === null ? "–" : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const int = (n: number): string => n.toLocaleString("en-US");

function table(head: string[], rows: string[][]): string[] {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i])))
      .join("  ")
      .trimEnd();
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function pubCells(p: PublishedFigure | undefined): string[] {
  return [f2(p?.f1), f2(p?.acc161), f2(p?.auc)];
}

function systemCells(s: SystemResult): string[] {
  const r = s.resolution;
  return [
    s.label,
    f3(s.exact?.precision),
    f3(s.exact?.recall),
    f3(s.exact?.f1),
    f3(s.overlap?.precision),
    f3(s.overlap?.recall),
    f3(s.overlap?.f1),
    f3(r.acc161),
    f3(r.auc),
    km(r.meanKm),
    km(r.medianKm),
    int(r.n),
    ...pubCells(s.published),
  ];
}

const HEAD = ["system", "P", "R", "F1", "P~", "R~", "F1~", "Acc@161", "AUC", "mean km", "median km", "n"];
const PUB_HEAD = ["pub F1", "pub Acc@161", "pub AUC"];

function corpusBlock(c: CorpusResult): string[] {
  const o = c.load.offsets;
  const skipped = Object.entries(c.load.skippedTypes).map(([t, n]) => `${t} ${int(n)}`);
  const out = [
    `== ${TITLES[c.corpus]} — ${c.mode}`,
    `${int(c.articles)} articles, ${int(c.toponyms)} gold toponyms (${int(c.withCoords)} with coordinates)` +
      (skipped.length ? `; not toponyms, left out: ${skipped.join(", ")}` : ""),
    `gold offsets (whole file): ${int(o.exact)} exact, ${int(o.case)} differ in case, ${int(o.moved)} moved, ${int(o.failed)} dropped` +
      (c.load.corrected !== undefined ? `; ${int(c.load.corrected)} coordinates corrected (Kulkarni et al. 2020)` : ""),
    ...(c.mode === "gold-spans"
      ? ["the system resolves the gold spans (no recognition scores); baselines run end to end"]
      : []),
    "",
    ...table(
      [...HEAD, ...PUB_HEAD],
      [
        ...c.systems.map(systemCells),
        ...c.publishedOnly.map((p) => [
          `${p.system} (published${p.note ? "*" : ""})`,
          ...Array(HEAD.length - 1).fill(""),
          ...pubCells(p),
        ]),
      ],
    ),
    "P/R/F1: exact span match; P~/R~/F1~: overlapping spans. Acc@161 … n: on the gold toponyms with coordinates",
    "that the row recognised (overlap); no coordinates = 20039 km. pub: published figures, their own matching.",
    ...c.publishedOnly.filter((p) => p.note).map((p) => `* ${p.system}: ${p.note}.`),
  ];
  for (const s of c.systems) {
    const r = s.referents;
    if (!r?.misses) continue;
    const acc = s.resolution.acc161;
    out.push(
      `${s.label}: of its ${int(r.misses)} misses beyond 161 km, ${int(r.samePlace)} are the gold's own place at another ` +
        `point of its area (same name, gold point within it; ${int(r.countries)} countries, continents or regions):`,
      `  Acc@161 counting those right would be ${acc === null ? "–" : f3(acc + r.samePlace / r.n)} (referents.ts).`,
    );
  }
  const rivals = c.systems.filter((s) => s.kind !== "gold");
  if (rivals.length > 1 && c.commonN === 0) out.push("", "No gold toponym was recognised by every row.");
  if (rivals.length > 1 && c.commonN > 0) {
    out.push("", `On the ${int(c.commonN)} gold toponyms every row but the gold ones recognised:`);
    out.push(
      ...table(
        ["system", "Acc@161", "AUC", "mean km", "median km"],
        c.systems.map((s) => [
          s.label,
          f3(s.common.acc161),
          f3(s.common.auc),
          km(s.common.meanKm),
          km(s.common.medianKm),
        ]),
      ),
    );
  }
  const aligned = c.systems.filter((s) => s.offsets);
  if (aligned.length) {
    out.push("", "baseline spans re-anchored on their surface text (exact / case / moved / unmatched, kept as given):");
    for (const s of aligned) {
      const a = s.offsets!;
      const extra = [`${int(s.noCoords)} without coordinates`, ...s.notes].join("; ");
      out.push(`  ${s.id}: ${int(a.exact)} / ${int(a.case)} / ${int(a.moved)} / ${int(a.failed)}; ${extra}`);
    }
  }
  for (const n of c.notes) out.push(`note: ${n}`);
  return out;
}

/** Formats a result as one table per corpus (plain text, fixed-width columns). */
export function formatGeoEval(result: GeoEvalResult): string {
  const out: string[] = [];
  const opts = [
    result.corrections ? "gold coordinates corrected" : "",
    result.limit ? `first ${result.limit} articles` : "",
  ];
  out.push(
    `sitrep eval geo — ${result.shared}${opts
      .filter(Boolean)
      .map((o) => `; ${o}`)
      .join("")}`,
  );
  for (const n of result.notes) out.push(`note: ${n}`);
  for (const c of result.corpora) out.push("", ...corpusBlock(c));
  out.push("", `(${(result.ms / 1000).toFixed(1)} s)`);
  return out.join("\n");
}
