// Tests for `sitrep eval geo`: the metrics on toy data, and (when ../shared is present) the loaders' counts, the
// baselines' alignment and a gold-as-system sanity check. The corpora are read in place, never copied.

import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { parseBaseline, parseEntry } from "../src/eval/geo/baselines.ts";
import { findShared, loadCorpus, readGeoVirus } from "../src/eval/geo/corpora.ts";
import { applyCorrections, parseCorrections } from "../src/eval/geo/corrections.ts";
import {
  ACC_KM,
  haversineKm,
  MAX_ERROR_KM,
  matchExact,
  matchOverlap,
  prf,
  resolutionOf,
  scoreDocument,
} from "../src/eval/geo/metrics.ts";
import { referentKey, referentMisses } from "../src/eval/geo/referents.ts";
import { formatGeoEval, runGeoEval } from "../src/eval/geo/run.ts";
import { alignSpan } from "../src/eval/geo/spans.ts";
import { decodeEntities, parseXml, textOf } from "../src/eval/geo/xml.ts";
import type { PlaceRecord } from "../src/model/types.ts";

const near = (a: number | null, b: number, eps = 1e-9) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);

function rec(start: number, end: number, lat: number | null, lon: number | null): PlaceRecord {
  return {
    doc: "t",
    text: "",
    start,
    end,
    name: null,
    lat,
    lon,
    geonameid: null,
    country: null,
    admin1: null,
    feature: null,
    confidence: 1,
  };
}

describe("metrics", () => {
  it("exact vs overlap matching", () => {
    const gold = [
      { start: 0, end: 8 }, // "New York"
      { start: 20, end: 25 },
    ];
    const pred = [
      { start: 4, end: 8 }, // "York": overlaps only
      { start: 20, end: 25 },
      { start: 20, end: 25 }, // duplicate: a false positive
      { start: 30, end: 31 },
    ];
    assert.deepEqual(matchExact(gold, pred), [[1, 1]]);
    assert.deepEqual(matchOverlap(gold, pred), [
      [0, 0],
      [1, 1],
    ]);
    const g = gold.map((s) => ({ ...s, lat: 0, lon: 0 }));
    const p = pred.map((s) => ({ ...s, lat: 0, lon: 0 }));
    const s = scoreDocument(g, p);
    assert.deepEqual(s.exact, { tp: 1, fp: 3, fn: 1 });
    assert.deepEqual(s.overlap, { tp: 2, fp: 2, fn: 0 });
    const r = prf(s.overlap);
    near(r.precision, 0.5);
    near(r.recall, 1);
    near(r.f1, 2 / 3);
  });

  it("overlap matching is one-to-one and prefers the larger overlap", () => {
    const gold = [{ start: 0, end: 10 }];
    const pred = [
      { start: 8, end: 12 },
      { start: 0, end: 9 },
    ];
    assert.deepEqual(matchOverlap(gold, pred), [[0, 1]]);
    assert.deepEqual(matchOverlap([{ start: 0, end: 5 }], [{ start: 5, end: 9 }]), []);
  });

  it("Acc@161 counts 161 km as within, 161.01 km as not", () => {
    const r = resolutionOf([0, ACC_KM, ACC_KM + 0.01, 1000]);
    near(r.acc161, 0.5);
    near(r.medianKm, (ACC_KM + ACC_KM + 0.01) / 2);
    near(r.meanKm, (0 + 161 + 161.01 + 1000) / 4);
    // and with real coordinates: one degree of latitude is ~111 km
    near(haversineKm(0, 0, 1, 0), 111.19, 0.01);
  });

  it("AUC is the mean of ln(1+km)/ln(20039): 0 for a perfect system", () => {
    assert.equal(resolutionOf([0, 0, 0]).auc, 0);
    near(resolutionOf([100, 1000]).auc, (Math.log(101) + Math.log(1001)) / 2 / Math.log(MAX_ERROR_KM));
    assert.deepEqual(resolutionOf([]), { n: 0, acc161: null, auc: null, meanKm: null, medianKm: null });
  });

  it("a recognised mention with null coordinates costs 20039 km; gold without coordinates is not scored", () => {
    const gold = [
      { start: 0, end: 5, lat: 48.85, lon: 2.35 },
      { start: 10, end: 15, lat: null, lon: null },
    ];
    const pred = [
      { start: 0, end: 5, lat: null, lon: null },
      { start: 10, end: 15, lat: 1, lon: 1 },
    ];
    const s = scoreDocument(gold, pred);
    assert.deepEqual([...s.errors], [[0, MAX_ERROR_KM]]);
    assert.equal(s.overlap.tp, 2); // both still count for recognition
    const r = resolutionOf([...s.errors.values()]);
    assert.equal(r.acc161, 0);
    near(r.auc, Math.log1p(MAX_ERROR_KM) / Math.log(MAX_ERROR_KM));
  });
});

describe("misses at another point of the right place", () => {
  it("counts a country placed at another of its points, not a namesake town or a wrong country", () => {
    const text = "Canada and Palestine and Jordan and Paris.";
    const at = (name: string) => text.indexOf(name);
    const gold = (name: string, lat: number, lon: number, referent?: string) => ({
      start: at(name),
      end: at(name) + name.length,
      name,
      lat,
      lon,
      ...(referent ? { referent } : {}),
    });
    const article = {
      id: "a",
      text,
      toponyms: [
        gold("Canada", 60.10867, -113.64258), // GeoNames' current point; sitrep answers 60° N 96° W
        gold("Palestine", 31.76212, -95.63079, "Palestine, Texas"), // the town; sitrep answers the country
        gold("Jordan", 44.6669, -93.6269, "Jordan"), // Jordan, Minnesota, under a bare referent: too far
        gold("Paris", 33.66094, -95.55551, "Paris"), // Paris, Texas; sitrep answers Paris, France
      ],
    };
    const pred = [
      { start: at("Canada"), end: at("Canada") + 6, lat: 60, lon: -96, name: "Canada" },
      { start: at("Palestine"), end: at("Palestine") + 9, lat: 31.9479, lon: 35.2477, name: "Palestine" },
      { start: at("Jordan"), end: at("Jordan") + 6, lat: 31, lon: 36, name: "Jordan" },
      { start: at("Paris"), end: at("Paris") + 5, lat: 48.85341, lon: 2.3488, name: "Paris" },
    ];
    assert.deepEqual(referentMisses([article], [pred]), { misses: 4, samePlace: 1, countries: 1, n: 4 });
    assert.equal(referentKey("Georgia_(country)"), "georgia");
    assert.equal(referentKey("Côte d'Ivoire"), referentKey("Cote d’Ivoire"));
  });
});

describe("readers", () => {
  it("decodes entities and keeps CDATA verbatim", () => {
    assert.equal(decodeEntities("a &amp; b &quot;c&quot; &#233; &#x41;"), 'a & b "c" é A');
    const doc = parseXml("<a><!-- <b>x</b> --><t>x &amp; y</t><c><![CDATA[p &amp; q]]></c></a>");
    assert.equal(textOf(doc), "x & yp &amp; q");
  });

  it("reads GeoVirus offsets from 1, nested locations, and escaped text", () => {
    const xml =
      "<articles><article><text>Dr &amp; Co in Paris, France.</text><locations>" +
      "<location><location><name>France</name><start>19</start><end>25</end><lat>46</lat><lon>2</lon></location>" +
      "<name>Paris</name><start>12</start><end>17</end><lat>48.85</lat><lon>2.35</lon></location>" +
      "</locations></article><!--<article><text></text></article>--></articles>";
    const c = readGeoVirus(xml);
    assert.equal(c.articles.length, 1);
    assert.deepEqual(
      c.articles[0].toponyms.map((t) => [t.name, c.articles[0].text.slice(t.start, t.end)]),
      [
        ["Paris", "Paris"],
        ["France", "France"],
      ],
    );
    assert.equal(c.report.offsets.exact, 2); // offsets count the unescaped text ("&amp;" is one character)
  });

  it("moves a span that is a little off, and reports it", () => {
    assert.deepEqual(alignSpan("in Paris", 2, 7, "Paris", { window: 5 }), { start: 3, end: 8, how: "moved" });
    assert.equal(alignSpan("in Paris", 2, 7, "Lyon", { window: 5 }), null);
  });

  it("parses baseline entries from the right, so names may hold commas", () => {
    assert.deepEqual(parseEntry("Paris, TX,,Paris,,33.66,,-95.55,,0,,5"), {
      name: "Paris, TX",
      surface: "Paris",
      lat: 33.66,
      lon: -95.55,
      start: 0,
      end: 5,
    });
    assert.equal(parseEntry("No Gaz,,Oaxaca,,,,,,3,,9")?.lat, null);
    assert.equal(parseEntry("A,,A,,1,,2,,0,,1,,123.4", 1)?.end, 1);
    const { lines, malformed } = parseBaseline("A,,A,,1,,2,,0,,1||\n\nbad||\n");
    assert.equal(lines.length, 3);
    assert.equal(malformed, 1);
  });

  it("applies a correction only where name and dataset coordinates match", () => {
    const rows = parseCorrections(
      "Paris \t 48.85 , 2.35 \t 48.8566 , 2.3522\nParis \t 33.66 , -95.55 \t 33.6609 , -95.5555\n",
    );
    const corpus = readGeoVirus(
      "<articles><article><text>Paris and Paris</text><locations>" +
        "<location><name>Paris</name><start>1</start><end>6</end><lat>48.85</lat><lon>2.35</lon></location>" +
        "<location><name>Paris</name><start>11</start><end>16</end><lat>10</lat><lon>10</lon></location>" +
        "</locations></article></articles>",
    );
    assert.equal(applyCorrections(corpus, rows), 1);
    assert.deepEqual(
      corpus.articles[0].toponyms.map((t) => [t.lat, t.lon]),
      [
        [48.8566, 2.3522],
        [10, 10],
      ],
    );
  });
});

describe("on the shared corpora", () => {
  const shared = findShared();

  test("loaders return the documented counts and verified offsets", (t) => {
    if (!shared) return t.skip("../shared not found");
    const lgl = loadCorpus(shared, "lgl");
    assert.equal(lgl.articles.length, 588);
    assert.equal(lgl.report.withCoords, 4462);
    assert.equal(lgl.report.toponyms, 5088);
    assert.equal(lgl.report.offsets.exact, 5088);

    const gwn = loadCorpus(shared, "geowebnews");
    assert.equal(gwn.articles.length, 200);
    // 2,601 with coordinates in the file; two of them annotate the title (negative offsets) and are dropped
    assert.equal(gwn.report.withCoords, 2599);
    assert.equal(gwn.report.offsets.failed, 2);
    assert.equal(gwn.report.skippedTypes.Non_Toponym, 432);

    const gv = loadCorpus(shared, "geovirus");
    assert.equal(gv.articles.length, 229);
    assert.equal(gv.report.withCoords, 2170);
    assert.equal(gv.report.offsets.exact, 2170);
    for (const c of [lgl, gwn, gv])
      for (const a of c.articles) for (const tp of a.toponyms) assert.equal(a.text.slice(tp.start, tp.end), tp.name);
  });

  test("scoring lgl_gold.txt as a system gives ~1.0", async (t) => {
    if (!shared) return t.skip("../shared not found");
    const res = await runGeoEval({ shared, places: () => [], corpora: ["lgl"] });
    const gold = res.corpora[0].systems.find((s) => s.id === "lgl_gold");
    assert.ok(gold?.exact && gold.overlap);
    assert.equal(gold.exact.precision, 1);
    // lgl_gold.txt holds only the 4,462 toponyms with coordinates, out of 5,088 gold toponyms
    near(gold.exact.recall, 4462 / 5088);
    assert.equal(gold.resolution.n, 4462);
    assert.equal(gold.resolution.acc161, 1);
    near(gold.resolution.auc, 0);
    const table = formatGeoEval(res);
    assert.match(table, /CLAVIN/);
    assert.match(table, /0\.57/);
  });

  test("geovirus_gold.txt (offsets from 1) and gwn_full.txt line up with their corpora", async (t) => {
    if (!shared) return t.skip("../shared not found");
    const res = await runGeoEval({ shared, places: () => [], corpora: ["geowebnews", "geovirus"] });
    const [gwn, gv] = res.corpora;
    const full = gwn.systems.find((s) => s.id === "gwn_full");
    const gvGold = gv.systems.find((s) => s.id === "geovirus_gold");
    assert.ok((full?.overlap?.precision ?? 0) > 0.99);
    assert.equal(full?.resolution.acc161, 1);
    assert.equal(gvGold?.exact?.precision, 1);
    assert.equal(gvGold?.resolution.n, 2167); // the file lacks the three nested locations
  });

  test("runs a dummy system end to end and in gold-spans mode", async (t) => {
    if (!shared) return t.skip("../shared not found");
    const corpus = loadCorpus(shared, "geovirus");
    const byText = new Map(corpus.articles.map((a) => [a.text, a]));
    const perfect = (text: string) => (byText.get(text)?.toponyms ?? []).map((g) => rec(g.start, g.end, g.lat, g.lon));
    const res = await runGeoEval({ shared, places: perfect, corpora: ["geovirus"], limit: 50, baselines: false });
    const sys = res.corpora[0].systems[0];
    assert.equal(res.corpora[0].articles, 50);
    assert.equal(sys.exact?.f1, 1);
    assert.equal(sys.resolution.auc, 0);

    const spans = await runGeoEval({
      shared,
      places: () => [],
      resolve: (text, s) => s.map((sp) => perfect(text).find((r) => r.start === sp.start) ?? null),
      goldSpans: true,
      corpora: ["geovirus"],
      baselines: false,
    });
    assert.equal(spans.corpora[0].systems[0].exact, null);
    assert.equal(spans.corpora[0].systems[0].resolution.acc161, 1);
    assert.match(spans.corpora[0].notes.join(" "), /no point for 0 of 2,170 gold toponyms/);

    const none = await runGeoEval({ shared, places: () => [], goldSpans: true, corpora: ["geovirus"] });
    assert.match(none.corpora[0].notes.join(" "), /needs a resolve/);
  });

  test("a missing shared folder is reported, not thrown", async () => {
    const res = await runGeoEval({ shared: "/nonexistent/shared", places: () => [] });
    assert.equal(res.corpora.length, 0);
    assert.match(res.notes[0], /not found/);
  });
});
