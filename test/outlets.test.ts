// Outlet homes and datelines: an outlet's home learned from its own resolved places, or the place a dateline
// names, weighed in resolving the document; and `sitrep eval geo` on LGL, whose articles carry their site.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { resolveSpans } from "../src/annotate/place-spans.ts";
import { placesOf } from "../src/annotate/places.ts";
import { findShared } from "../src/eval/geo/corpora.ts";
import { extractPlaces, placeRecords } from "../src/extract.ts";
import { learnOutletHomes, type ResolvedPlace } from "../src/ground/outlets.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { Home } from "../src/model/types.ts";
import { openStore } from "../src/store/open.ts";
import { sitrepCli } from "./helpers.ts";

const place = (country: string, admin1: string | null, o: Partial<ResolvedPlace> = {}): ResolvedPlace => ({
  country,
  admin1,
  feature: "PPL",
  confidence: 0.8,
  ...o,
});

describe("learnOutletHomes", () => {
  test("an outlet whose documents keep naming one state's places is at home there", () => {
    const homes = learnOutletHomes([
      { outlet: "thetowntalk.com", places: [place("US", "Louisiana"), place("US", "Louisiana")] },
      { outlet: "thetowntalk.com", places: [place("US", "Louisiana"), place("US", "Texas")] },
      { outlet: "thetowntalk.com", places: [place("US", "Texas")] },
      { outlet: "thetowntalk.com", places: [place("US", "Louisiana")] },
    ]);
    assert.deepEqual(homes.get("thetowntalk.com"), { country: "US", admin1: "Louisiana" });
  });

  test("too few documents, or no division named often enough, gives no home or only the country", () => {
    const homes = learnOutletHomes([
      { outlet: "two.example", places: [place("US", "Ohio")] },
      { outlet: "two.example", places: [place("US", "Ohio")] },
      ...["Ohio", "Iowa", "Utah", "Maine", "Idaho"].map((s) => ({ outlet: "wire.example", places: [place("US", s)] })),
      { places: [place("US", "Ohio")] },
    ]);
    assert.equal(homes.has("two.example"), false);
    assert.deepEqual(homes.get("wire.example"), { country: "US" });
  });

  test("countries as places, relative expressions and weak readings do not count", () => {
    const noise = [
      place("SY", null, { feature: "PCLI" }),
      place("SY", "Homs", { relative: { kind: "near" } }),
      place("SY", "Homs", { confidence: 0.3 }),
    ];
    const homes = learnOutletHomes([1, 2, 3].map(() => ({ outlet: "x.example", places: noise })));
    assert.equal(homes.has("x.example"), false);
  });
});

describe("a document's home region", () => {
  const text = "Alexandria woman charged in connection with a house fire. Police said the fire started on Monday.";
  const read = (home?: Home) => {
    const doc = documentFromText(text, { origin: "test" });
    if (home) doc.home = home;
    return placeRecords(extractPlaces(doc)).find((r) => r.text === "Alexandria");
  };

  test("settles an ambiguous name in the outlet's division, like one mention of it", () => {
    assert.equal(read()?.country, "EG"); // alone, the famous Alexandria
    assert.equal(read({ country: "US", admin1: "Louisiana" })?.admin1, "Louisiana");
    assert.equal(read({ country: "US", admin1: "Virginia" })?.admin1, "Virginia");
    assert.equal(read({ country: "US" })?.country, "US");
  });

  test("does not override what the text says", () => {
    const doc = documentFromText("Protesters gathered in Alexandria, Egypt, on Friday.", { origin: "test" });
    doc.home = { country: "US", admin1: "Louisiana" };
    assert.equal(placeRecords(extractPlaces(doc)).find((r) => r.text === "Alexandria")?.country, "EG");
  });

  test("weighs in resolving given spans too", () => {
    const start = text.indexOf("Alexandria");
    const [m] = resolveSpans(text, [{ start, end: start + 10 }], { country: "US", admin1: "Louisiana" });
    assert.equal(m?.place?.admin1, "Louisiana");
  });
});

describe("sitrep eval geo on LGL", () => {
  test("learns outlet homes from a first reading and says so; --no-outlet-homes reads articles alone", (t) => {
    const shared = findShared();
    if (!shared) return t.skip("../shared not found (gold corpora are read from ../shared/eval/geo)");
    const run = (...extra: string[]) => sitrepCli("eval", "geo", "--corpora", "lgl", ...extra);
    const acc = (out: string) => {
      const row = out.split("\n").find((l) => /^sitrep\s+\d/.test(l)) ?? "";
      return Number(row.trim().split(/\s+/)[7]);
    };
    const learned = run("--limit", "120");
    assert.equal(learned.status, 0, learned.stderr);
    const n = /learned for (\d+) outlets/.exec(learned.stdout);
    assert.ok(n && Number(n[1]) > 0, learned.stdout);
    const alone = run("--limit", "120", "--no-outlet-homes");
    assert.equal(alone.status, 0, alone.stderr);
    assert.match(alone.stdout, /without its outlet's home/);
    assert.ok(acc(learned.stdout) >= acc(alone.stdout), `${acc(learned.stdout)} vs ${acc(alone.stdout)}`);
  });
});

describe("--outlet-homes on the pipeline commands", () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-outlets-"));
  const file = join(dir, "local.jsonl");
  const doc = (id: string, text: string) => JSON.stringify({ id, text, outlet: "thetowntalk.com" });
  writeFileSync(
    file,
    [
      doc("a", "A fire destroyed a barn near Pineville and Ball, deputies in Rapides Parish said."),
      doc("b", "The Shreveport and Lafayette school boards met on Monday."),
      doc("c", "Flooding closed roads between Natchitoches and Leesville, Louisiana State Police said."),
      doc("d", "Alexandria woman charged in connection with a house fire. Police said it started on Monday."),
    ].join("\n"),
  );
  const alexandria = (out: string) =>
    out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { doc: string; text: string; country: string | null; admin1: string | null })
      .find((r) => r.doc === "d" && r.text === "Alexandria");

  test("places: the outlet's other documents settle a bare name in its home state", () => {
    const alone = sitrepCli("places", file, "--workers", "0");
    assert.equal(alone.status, 0, alone.stderr);
    assert.equal(alexandria(alone.stdout)?.country, "EG");
    for (const workers of ["0", "2"]) {
      const learned = sitrepCli("places", file, "--outlet-homes", "--workers", workers);
      assert.equal(learned.status, 0, learned.stderr);
      assert.equal(alexandria(learned.stdout)?.admin1, "Louisiana", workers);
    }
  });

  test("extract reads with homes too; stdin is refused, since the inputs are read twice", () => {
    const r = sitrepCli("extract", file, "--outlet-homes", "--workers", "0");
    assert.equal(r.status, 0, r.stderr);
    const stdin = sitrepCli("places", "-", "--outlet-homes");
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /reads the inputs twice/);
  });
});

describe("sitrep ingest --outlet-homes across batches", () => {
  test("an outlet's documents stored by earlier ingests settle a bare name in a later one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-outlet-store-"));
    const line = (id: string, text: string) => JSON.stringify({ id, text, outlet: "thetowntalk.com" });
    const first = join(dir, "monday.jsonl");
    writeFileSync(
      first,
      [
        line("a", "A fire destroyed a barn near Pineville and Ball, deputies in Rapides Parish said."),
        line("b", "The Shreveport and Lafayette school boards met on Monday."),
        line("c", "Flooding closed roads between Natchitoches and Leesville, Louisiana State Police said."),
      ].join("\n"),
    );
    const later = join(dir, "tuesday.jsonl");
    writeFileSync(later, line("d", "Gunmen attacked a store in Alexandria on Monday, killing one man, police said."));
    const ingest = (db: string, ...args: string[]) => {
      const r = sitrepCli("ingest", ...args, "--db", db, "--workers", "0");
      assert.equal(r.status, 0, r.stderr);
    };
    const placeOf = async (db: string) => {
      const store = await openStore({ db });
      try {
        return (await store.queryEvents()).find((e) => e.doc === "d")?.location;
      } finally {
        await store.close();
      }
    };
    const withHistory = join(dir, "with.db");
    ingest(withHistory, first); // no flag: the documents' regions are stored anyway
    // `sitrep outlets` shows the home the stored documents give the outlet, and what it rests on
    const listed = sitrepCli("outlets", "--db", withHistory, "--format", "json");
    assert.equal(listed.status, 0, listed.stderr);
    const [reading] = JSON.parse(listed.stdout);
    assert.equal(reading.outlet, "thetowntalk.com");
    assert.equal(reading.documents, 3);
    assert.deepEqual(reading.home, { country: "US", admin1: "Louisiana" });
    assert.match(sitrepCli("outlets", "--db", withHistory).stdout, /thetowntalk\.com\s+3\s+US \/ Louisiana/);
    ingest(withHistory, later, "--outlet-homes");
    assert.equal((await placeOf(withHistory))?.admin1, "Louisiana");
    // the same later batch alone has too few of the outlet's documents to learn a home from
    const alone = join(dir, "alone.db");
    ingest(alone, later, "--outlet-homes");
    assert.equal((await placeOf(alone))?.country, "EG");
  });
});

describe("a dateline", () => {
  test("says where the story was filed, and weighs like a home when the outlet's is unknown", () => {
    const at = (text: string, name: string) => placesOf(text).find((m) => m.text === name)?.place;
    const dover = at("BIRMINGHAM, England (AP) — Officials said two people were hurt in Dover on Monday.", "Dover");
    assert.equal(dover?.country, "GB");
    const georgetown = at(
      "PARIS, Texas (AP) — Officials said two people were hurt in Georgetown on Monday.",
      "Georgetown",
    );
    assert.equal(georgetown?.admin1, "Texas");
    // not a dateline: the same names mid-text are ordinary mentions
    const plain = at("Officials said two people were hurt in Dover on Monday.", "Dover");
    assert.equal(plain?.country, "US");
  });
});
