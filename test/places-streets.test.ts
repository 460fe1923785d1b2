// Street-level toponyms (placed within their locality, never a precise point) and lists before a plural
// container noun ("X, Y and Z counties"). Sentences written for these tests.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { annotate } from "../src/annotate/pipeline.ts";
import { placesOf } from "../src/annotate/places.ts";
import { assemble } from "../src/assemble/index.ts";
import { placeRecords } from "../src/extract.ts";
import { getLexicon } from "../src/ground/gazetteer/lexicon.ts";
import { findStreets } from "../src/ground/gazetteer/streets.ts";
import { documentFromText } from "../src/ingest/document.ts";
import type { EventRecord, PlaceMention } from "../src/model/types.ts";

function find(mentions: PlaceMention[], text: string): PlaceMention {
  const m = mentions.find((x) => x.text === text);
  assert.ok(m, `"${text}" recognised among ${mentions.map((x) => x.text).join(", ")}`);
  return m;
}

const streetsOf = (text: string) => findStreets(text, (w) => getLexicon().has(w, "given")).map((s) => s.text);

describe("streets", () => {
  it("are a capitalised name and a type word, or a numbered road", () => {
    assert.deepEqual(streetsOf("The crash closed West 12th Street near Old Mill Road on Friday."), [
      "West 12th Street",
      "Old Mill Road",
    ]);
    assert.deepEqual(streetsOf("Traffic on Interstate 80 and County Road 14 was diverted."), [
      "Interstate 80",
      "County Road 14",
    ]);
    assert.deepEqual(streetsOf("Protesters filled Liberation Square and crossed the Stone Bridge."), [
      "Liberation Square",
      "Stone Bridge",
    ]);
    assert.deepEqual(streetsOf("Police blocked S. Elm St. and Pine Avenue Northwest."), [
      "S. Elm St.",
      "Pine Avenue Northwest",
    ]);
  });
  it("are not organisations, institutions or people", () => {
    assert.deepEqual(streetsOf("Shares fell on Wall Street as Downing Street denied the report."), []);
    assert.deepEqual(streetsOf("The Maple Avenue Bank and the Ohio Highway Patrol declined to comment."), []);
    assert.deepEqual(streetsOf("Reporter Sarah Lane wrote the story."), []);
  });
  it("are placed within the town the text is about, with its radius, and flagged", () => {
    const found = placesOf("A fire broke out in Springfield, Illinois, on Tuesday. Firefighters closed Oak Street.");
    const oak = find(found, "Oak Street");
    assert.ok(oak.street, "flagged as a street");
    assert.equal(oak.street.locality?.text, "Springfield");
    assert.equal(oak.place?.feature, "STRT");
    assert.equal(oak.place?.geonameid, undefined, "no gazetteer point of its own");
    assert.equal(oak.place?.lat, find(found, "Springfield").place?.lat);
    assert.ok((oak.place?.radiusKm ?? 0) >= 3);
  });
  it("take over a town's name inside them", () => {
    const found = placesOf("The parade moved along Washington Drive in Columbus, Ohio.");
    assert.ok(find(found, "Washington Drive").street);
    assert.ok(!found.some((m) => m.text === "Washington"));
  });
  it("print as a place and as a 'within' expression, and locate events only through it", () => {
    const text =
      "Gunmen opened fire on a crowd in Aleppo, Syria, on Monday. The gunmen attacked shoppers on Baron Street, " +
      "killing two people.";
    const ad = annotate(documentFromText(text, { origin: "t", published: "2017-03-06" }));
    const records = placeRecords(ad);
    const plain = records.find((r) => r.text === "Baron Street" && !r.relative);
    const within = records.find((r) => r.text === "Baron Street" && r.relative);
    assert.equal(plain?.feature, "STRT");
    assert.equal(within?.relative?.kind, "within");
    assert.equal(within?.relative?.precision, 2);
    assert.equal(within?.relative?.anchor, "Aleppo");
    for (const e of assemble(ad).filter((r): r is EventRecord => r.kind === "event")) {
      for (const l of [e.location, ...(e.locations ?? [])]) {
        if (l?.name !== "Baron Street") continue;
        assert.equal(l.precision, 2, "never a precise point");
        assert.equal(l.anchor?.name, "Aleppo");
        assert.ok(l.radius_km >= 3);
      }
    }
  });
});

describe("lists before a plural container noun", () => {
  it("are read as counties", () => {
    const found = placesOf("Storms hit Madison, Clark and Warren counties in Ohio on Sunday.");
    for (const name of ["Madison", "Clark", "Warren"]) {
      const m = find(found, name);
      assert.equal(m.place?.feature, "ADM2", name);
      assert.equal(m.place?.admin1, "Ohio", name);
    }
  });
  it("are read as provinces", () => {
    const found = placesOf("Floods struck Sindh and Punjab provinces in Pakistan.");
    assert.equal(find(found, "Sindh").place?.feature, "ADM1");
    assert.equal(find(found, "Punjab").place?.country, "PK");
  });
});
