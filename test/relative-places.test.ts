// Relative place expressions: distances and bearings, countryside, parts, outskirts, "near", "between".
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { placesOf } from "../src/annotate/places.ts";
import { locationOf, recognizeRelativePlaces } from "../src/annotate/relative-places.ts";
import { haversineKm, initialBearing } from "../src/ground/geo.ts";
import type { RelativePlaceMention } from "../src/model/types.ts";

function relatives(text: string): RelativePlaceMention[] {
  return recognizeRelativePlaces(text, placesOf(text));
}

function only(text: string): RelativePlaceMention {
  const found = relatives(text);
  assert.equal(found.length, 1, found.map((r) => r.text).join(" | "));
  assert.equal(text.slice(found[0].start, found[0].end), found[0].text);
  return found[0];
}

const point = (r: RelativePlaceMention) => ({ lat: r.location.lat!, lon: r.location.lon! });

describe("distance and bearing", () => {
  it("puts 'some 40km west of Palmyra' 40 km west of Tadmur", () => {
    const r = only("Troops gathered some 40km west of Palmyra on Sunday.");
    assert.equal(r.kind, "distance");
    assert.equal(r.text, "some 40km west of Palmyra");
    assert.ok(haversineKm(point(r), { lat: 34.5601, lon: 37.8442 }) < 2);
    assert.equal(r.location.bearingDeg, 270);
    assert.equal(r.location.distanceKm, 40);
    assert.equal(r.location.radiusKm, 6);
    assert.equal(r.location.precision, 2);
    assert.equal(r.location.anchor?.geonameid, 163808);
    assert.equal(r.location.country, "SY");
    assert.equal(r.location.admin1, "Homs");
  });
  it("reads miles and compass abbreviations", () => {
    const r = only("Clashes erupted 10 miles NE of Mosul overnight.");
    const anchor = r.location.anchor!;
    assert.ok(Math.abs(haversineKm(anchor, point(r)) - 16.09) < 0.1);
    assert.ok(Math.abs(initialBearing(anchor, point(r)) - 45) < 0.5);
    assert.equal(r.location.country, "IQ");
  });
  it("reads number words and 'within'", () => {
    assert.equal(only("Shells landed about five kilometres south of Kharkiv.").location.distanceKm, 5);
    const w = only("No aircraft may fly within 30 km of Kramatorsk.");
    assert.equal(w.kind, "within");
    assert.ok(w.location.radiusKm >= 30);
  });
});

describe("countryside, parts and outskirts", () => {
  it("offsets a town's countryside by about 20 km", () => {
    const r = only("Rebels advanced in the southern countryside of Idlib.");
    assert.equal(r.kind, "countryside");
    assert.equal(r.location.bearingDeg, 180);
    const d = haversineKm(r.location.anchor!, point(r));
    assert.ok(d > 15 && d < 30, String(d));
    assert.ok(point(r).lat < r.location.anchor!.lat);
  });
  it("reads 'northern X countryside', \"X's eastern countryside\", 'rural X'", () => {
    const found = relatives("Jets hit the northern Hama countryside, Aleppo's eastern countryside and rural Daraa.");
    assert.deepEqual(
      found.map((r) => [r.kind, r.text, r.location.bearingDeg]),
      [
        ["countryside", "northern Hama countryside", 0],
        ["countryside", "Aleppo's eastern countryside", 90],
        ["countryside", "rural Daraa", undefined],
      ],
    );
  });
  it("reads 'east Homs' as the eastern part of the governorate", () => {
    const r = only("A military source in east Homs told reporters.");
    assert.equal(r.kind, "part");
    assert.equal(r.location.precision, 3);
    assert.ok(haversineKm(point(r), { lat: 34.7268, lon: 36.7234 }) > 50, "not at the city of Homs");
    assert.ok(point(r).lon > 38);
  });
  it("reads 'northern Syria' as a part of the country", () => {
    const r = only("Turkish forces entered northern Syria.");
    assert.equal(r.location.precision, 3);
    assert.ok(point(r).lat > r.location.anchor!.lat);
  });
  it("keeps 'eastern Aleppo' inside the city", () => {
    const r = only("Bombs fell on eastern Aleppo.");
    assert.ok(haversineKm(point(r), r.location.anchor!) < 10);
    assert.equal(r.location.precision, 2);
  });
  it("reads outskirts, near and around", () => {
    assert.equal(only("Fighting reached the western outskirts of Kherson.").kind, "outskirts");
    const near = only("Fighting raged near Kramatorsk, in the north.");
    assert.equal(near.kind, "near");
    assert.equal(near.text, "near Kramatorsk");
    assert.deepEqual(point(near), { lat: near.location.anchor!.lat, lon: near.location.anchor!.lon });
  });
});

describe("between", () => {
  it("takes the midpoint of two places", () => {
    const r = only("Turkish forces shelled positions between Azaz and Afrin.");
    assert.equal(r.kind, "between");
    assert.equal(r.text, "between Azaz and Afrin");
    const azaz = { lat: 36.5866, lon: 37.0463 };
    assert.ok(Math.abs(haversineKm(point(r), azaz) - r.location.radiusKm) < 2);
  });
});

describe("locationOf", () => {
  it("turns a place mention into a Location with precision from the place's kind", () => {
    const [palmyra, syria] = placesOf("Palmyra lies in the desert of Syria.");
    const a = locationOf(palmyra);
    assert.equal(a.precision, 1);
    assert.equal(a.geonameid, 163808);
    assert.equal(a.admin1, "Homs");
    assert.equal(locationOf(syria).precision, 3);
  });
  it("returns a relative mention's own location and keeps unresolved places null", () => {
    const r = only("Troops gathered some 40km west of Palmyra.");
    assert.equal(locationOf(r), r.location);
    const [unknown] = placesOf("Shells fell on the village of Tal Qarrah.");
    assert.equal(locationOf(unknown).lat, null);
  });
});
