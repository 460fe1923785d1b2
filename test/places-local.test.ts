// US local news: counties from the gazetteer, co-located names (spatial minimality), "X City Council", and a
// country beside its capital's name. Sentences written for these tests.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { placesOf } from "../src/annotate/places.ts";
import { getGazetteer } from "../src/ground/gazetteer/index.ts";
import type { PlaceMention } from "../src/model/types.ts";

function find(mentions: PlaceMention[], text: string): PlaceMention {
  const m = mentions.find((x) => x.text === text);
  assert.ok(m, `"${text}" recognised among ${mentions.map((x) => x.text).join(", ")}`);
  return m;
}

describe("US counties", () => {
  it("are in the gazetteer by their full name only, with their state", () => {
    const gaz = getGazetteer();
    const walker = gaz.candidates("Walker County").filter((c) => c.place.feature === "ADM2");
    assert.deepEqual(walker.map((c) => c.admin1Code).sort(), ["AL", "GA", "TX"]);
    assert.ok(gaz.candidates("Orleans Parish").some((c) => c.place.feature === "ADM2" && c.admin1Code === "LA"));
    assert.ok(!gaz.candidates("Walker").some((c) => c.place.feature === "ADM2"), "bare Walker stays the towns");
  });
  it("are read in the state the text is about", () => {
    const found = placesOf("Deputies in Hall County, Georgia, searched the lake near Gainesville on Monday.");
    const hall = find(found, "Hall County");
    assert.equal(hall.place?.feature, "ADM2");
    assert.equal(hall.place?.admin1, "Georgia");
  });
  it("are ranked like any reading when the text names a state that has none of that name", () => {
    // No Henry County in Massachusetts: the county is not replaced by the state.
    const found = placesOf("Boston officials met. Henry County stands to receive $36,000 for the bridge.");
    assert.equal(find(found, "Henry County").place?.feature, "ADM2");
  });
});

describe("co-located names", () => {
  it("settle each other: a county and its seat", () => {
    const found = placesOf(
      "The burn ban for Walker County was lifted after a meeting between the Huntsville fire chief and the county judge.",
    );
    assert.equal(find(found, "Walker County").place?.admin1, "Texas");
    assert.equal(find(found, "Huntsville").place?.admin1, "Texas");
  });
  it("do not turn a state's name into a town of the same name", () => {
    const found = placesOf("Fans came from California and from Republic to see the race in Arlington, Texas.");
    assert.equal(find(found, "California").place?.feature, "ADM1");
  });
});

describe("names before other names", () => {
  it('"X City Council" is the place X; "Manchester City" alone stays whole', () => {
    const found = placesOf("The Dublin City Council met on Monday in Dublin, Ohio.");
    assert.ok(found.some((m) => m.text === "Dublin" && m.start === 4));
    assert.ok(!found.some((m) => m.text === "Dublin City"));
  });
  it('a country beside its capital ("Mexico City") is the country', () => {
    const found = placesOf("MEXICO CITY (AP) — Mexico's Senate passed a resolution on Tuesday.");
    assert.equal(find(found, "Mexico").place?.feature, "PCLI");
  });
  it('"South Korean" and "the Korean Peninsula" are mentions of their own', () => {
    const found = placesOf("South Korean officials spoke of peace on the Korean Peninsula.");
    assert.equal(find(found, "South Korean").place?.country, "KR");
    assert.equal(find(found, "Korean Peninsula").place?.feature, "PEN");
  });
});
