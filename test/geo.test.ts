// Geometry helpers: distances, destination points, compass words, bounding boxes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bboxAround,
  bearingOf,
  destination,
  haversineKm,
  initialBearing,
  midpoint,
  normalizeLon,
} from "../src/ground/geo.ts";

const palmyra = { lat: 34.5601, lon: 38.2805 };

describe("haversineKm", () => {
  it("measures known distances", () => {
    assert.ok(Math.abs(haversineKm(palmyra, { lat: 34.7268, lon: 36.7234 }) - 143.6) < 0.5);
    assert.ok(Math.abs(haversineKm({ lat: 51.5074, lon: -0.1278 }, { lat: 48.8566, lon: 2.3522 }) - 343.6) < 1);
    assert.equal(haversineKm(palmyra, palmyra), 0);
  });
  it("works across the antimeridian", () => {
    assert.ok(Math.abs(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 }) - 111.2) < 0.5);
  });
});

describe("destination", () => {
  it("puts 40 km west of Palmyra where the acceptance file says", () => {
    const p = destination(palmyra, 40, 270);
    assert.ok(Math.abs(p.lat - 34.5601) < 0.01 && Math.abs(p.lon - 37.8442) < 0.01, JSON.stringify(p));
  });
  it("round-trips with haversine and initialBearing", () => {
    for (const bearing of [0, 45, 135, 200, 315]) {
      const p = destination(palmyra, 100, bearing);
      assert.ok(Math.abs(haversineKm(palmyra, p) - 100) < 0.01);
      assert.ok(Math.abs(initialBearing(palmyra, p) - bearing) < 0.01);
    }
  });
  it("wraps longitudes", () => {
    assert.ok(destination({ lat: 0, lon: 179.9 }, 50, 90).lon < -179);
  });
});

describe("bearingOf", () => {
  it("reads compass words, adjectives and abbreviations", () => {
    const cases: [string, number][] = [
      ["north", 0],
      ["northern", 0],
      ["east", 90],
      ["Eastern", 90],
      ["south", 180],
      ["western", 270],
      ["north-east", 45],
      ["northeastern", 45],
      ["north east", 45],
      ["NE", 45],
      ["N.E.", 45],
      ["south-western", 225],
      ["SW", 225],
      ["northwest", 315],
      ["westwards", 270],
      ["NNE", 22.5],
    ];
    for (const [word, deg] of cases) assert.equal(bearingOf(word), deg, word);
  });
  it("returns null for other words", () => {
    for (const word of ["norther", "Homs", "", "eastnorth", "up"]) assert.equal(bearingOf(word), null, word);
  });
});

describe("midpoint and bboxAround", () => {
  it("finds the middle of a segment", () => {
    const m = midpoint({ lat: 0, lon: 0 }, { lat: 0, lon: 10 });
    assert.ok(Math.abs(m.lat) < 1e-9 && Math.abs(m.lon - 5) < 1e-9);
  });
  it("boxes a circle", () => {
    const b = bboxAround({ lat: 0, lon: 0 }, 111.195);
    assert.ok(Math.abs(b.north - 1) < 0.01 && Math.abs(b.south + 1) < 0.01);
    assert.ok(Math.abs(b.east - 1) < 0.01 && Math.abs(b.west + 1) < 0.01);
    const polar = bboxAround({ lat: 89.9, lon: 10 }, 50);
    assert.equal(polar.west, -180);
    assert.equal(polar.east, 180);
  });
  it("normalises longitudes", () => {
    assert.equal(normalizeLon(190), -170);
    assert.equal(normalizeLon(-190), 170);
    assert.equal(normalizeLon(45), 45);
  });
});
