// The gazetteer: name normalisation, cache loading, lookups, countries, admin1 names and the curated supplement.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getGazetteer, loadGazetteer } from "../src/ground/gazetteer/index.ts";
import { looseKey, nameKey, normalizeName, splitFeatureHint } from "../src/ground/gazetteer/normalize.ts";
import { readCities500, readSupplement } from "../src/ground/gazetteer/sources.ts";
import { haversineKm } from "../src/ground/geo.ts";

describe("normalisation", () => {
  it("lowercases, strips diacritics, unifies quotes and hyphens", () => {
    assert.equal(normalizeName("Dar‘ā"), "dara");
    assert.equal(normalizeName("Ḩamāh"), "hamah");
    assert.equal(normalizeName("Deir ez-Zor"), "deir ez zor");
    assert.equal(normalizeName("U.S."), "us");
    assert.equal(normalizeName("  Kramators’k "), "kramatorsk");
  });
  it("drops Arabic articles and a leading 'the'", () => {
    assert.equal(nameKey("Al-Bab"), "bab");
    assert.equal(nameKey("Ras al-Ain"), "ras ain");
    assert.equal(nameKey("Deir ez-Zor"), "deir zor");
    assert.equal(nameKey("the United States"), "united states");
    assert.equal(nameKey("US"), "us");
  });
  it("folds transliteration variants together", () => {
    const deir = looseKey("Deir ez-Zor");
    for (const v of ["Dayr az Zawr", "Deir Ezzor", "Deir al-Zour", "Dayr az-Zawr"]) assert.equal(looseKey(v), deir, v);
    assert.equal(looseKey("Raqqah"), looseKey("Raqqa"));
    assert.equal(looseKey("Jableh"), looseKey("Jablah"));
    assert.equal(looseKey("Khan Sheikhoun"), looseKey("Khan Shaykhun"));
    assert.notEqual(looseKey("Homs"), looseKey("Hama"));
  });
  it("splits feature words into a hint", () => {
    assert.deepEqual(splitFeatureHint("Latakia Governorate"), { name: "latakia", hint: "adm1" });
    assert.deepEqual(splitFeatureHint("Donetsk Oblast"), { name: "donetsk", hint: "adm1" });
    assert.deepEqual(splitFeatureHint("Hayyan Gas Fields"), { name: "hayyan", hint: "field" });
    assert.deepEqual(splitFeatureHint("Shayrat air base"), { name: "shayrat", hint: "airbase" });
    assert.deepEqual(splitFeatureHint("Palmyra"), { name: "palmyra" });
    assert.deepEqual(splitFeatureHint("Province"), { name: "province" });
  });
});

describe("gazetteer", () => {
  const gaz = getGazetteer();

  it("holds all of cities500 plus countries and the supplement", () => {
    assert.ok(gaz.size > 199_000, String(gaz.size));
  });
  it("loads the cache into a fresh instance with the same places (load time: scripts/build-gazetteer.ts)", () => {
    const fresh = loadGazetteer();
    assert.equal(fresh.size, gaz.size);
    assert.deepEqual(fresh.lookup("Palmyra"), gaz.lookup("Palmyra"));
  });
  it("finds Palmyra in Syria among the Palmyras, with its GeoNames id", () => {
    const all = gaz.lookup("Palmyra");
    const tadmur = all.find((p) => p.geonameid === 163808);
    assert.ok(tadmur, "Tadmur is a candidate");
    assert.equal(tadmur.country, "SY");
    assert.equal(tadmur.admin1, "Homs");
    assert.ok(haversineKm(tadmur, { lat: 34.5601, lon: 38.2805 }) < 1);
    assert.ok(all.some((p) => p.country === "US" && p.admin1 === "Pennsylvania"));
  });
  it("knows spelling variants", () => {
    for (const v of ["Deir Ezzor", "Dayr az Zawr", "Deir al-Zour", "Deir ez-Zor"]) {
      assert.ok(
        gaz.lookup(v).some((p) => p.geonameid === 170794),
        v,
      );
    }
    assert.ok(gaz.lookup("Jableh").some((p) => p.geonameid === 169304));
    assert.ok(gaz.lookup("Tadmur").some((p) => p.geonameid === 163808));
  });
  it("has countries with short forms and centroids", () => {
    const sy = gaz.country("SY");
    assert.equal(sy?.name, "Syria");
    assert.ok(sy && haversineKm(sy, { lat: 35, lon: 38.5 }) < 100);
    for (const name of ["Syria", "Russia", "Iran", "the United States", "US", "U.S.", "America", "Britain"]) {
      assert.ok(
        gaz.lookup(name).some((p) => p.feature === "PCLI"),
        name,
      );
    }
    assert.equal(gaz.lookup("US").find((p) => p.feature === "PCLI")?.country, "US");
    const us = gaz.country("us");
    assert.ok(us && us.lat > 30 && us.lat < 45 && us.lon < -80, "contiguous US centroid");
    const ru = gaz.country("RU");
    assert.ok(ru && ru.lon > 40 && ru.lon < 140, "Russia centroid not across the antimeridian");
  });
  it("has the supplement's provinces and conflict features", () => {
    const adm1 = (name: string) => gaz.lookup(name).find((p) => p.feature === "ADM1");
    assert.equal(adm1("Latakia Governorate")?.admin1, "Latakia");
    assert.equal(adm1("Al-Ladhiqiyah")?.name, "Latakia Governorate");
    assert.ok(gaz.lookup("Homs").some((p) => p.feature === "ADM1" && p.country === "SY"));
    assert.equal(gaz.lookup("Hayyan gas fields")[0].feature, "GASF");
    assert.equal(gaz.lookup("T4")[0].feature, "AIRB");
    assert.equal(gaz.lookup("Donetsk Oblast")[0].feature, "ADM1");
    const europe = gaz.lookup("Europe").find((p) => p.feature === "CONT");
    assert.ok(europe && !europe.country, "Europe is a continent of no country");
    assert.equal(gaz.admin1("SY", "11")?.place.name, "Homs Governorate");
    const pa = gaz.lookup("Pennsylvania").find((p) => p.country === "US");
    assert.ok(pa && pa.feature === "ADM1" && haversineKm(pa, { lat: 40.9, lon: -77.8 }) < 150);
  });
  it("names the admin1 of cities in conflict countries", () => {
    assert.equal(gaz.lookup("Jableh")[0].admin1, "Latakia");
    assert.equal(gaz.lookup("Kramatorsk")[0].admin1, "Donetsk");
    assert.equal(gaz.lookup("Mosul").find((p) => p.country === "IQ")?.admin1, "Nineveh");
    assert.equal(gaz.lookup("Goma").find((p) => p.country === "CD")?.admin1, "North Kivu");
    assert.equal(gaz.lookup("El Fasher").find((p) => p.country === "SD")?.admin1, "North Darfur");
    assert.equal(gaz.lookup("Maiduguri").find((p) => p.country === "NG")?.admin1, "Borno");
  });
  it("has the provinces of Sudan, Somalia, Myanmar, the Sahel and more, named apart from their seats", () => {
    const adm1 = (name: string) => gaz.lookup(name).find((p) => p.feature === "ADM1");
    for (const [name, cc] of [
      ["North Darfur", "SD"],
      ["Lower Shabelle", "SO"],
      ["Rakhine State", "MM"],
      ["Arakan", "MM"],
      ["Tillabéri Region", "NE"],
      ["Boucle du Mouhoun", "BF"],
      ["Kano State", "NG"],
      ["Tigray", "ET"],
      ["South Kivu", "CD"],
      ["Cabo Delgado", "MZ"],
      ["Guangdong", "CN"],
      ["Western Cape", "ZA"],
      ["Dagestan", "RU"],
    ]) {
      const p = adm1(name);
      assert.equal(p?.country, cc, name);
      assert.ok((p?.radiusKm ?? 0) >= 20, `${name}: a point and radius from its cities`);
    }
    // a province named after its seat is known by its feature word; the bare name stays the city
    assert.equal(gaz.lookup("Kano")[0].feature.startsWith("PPL"), true);
    assert.equal(gaz.lookup("Mandalay")[0].feature.startsWith("PPL"), true);
    assert.ok(!gaz.lookup("Mandalay").some((p) => p.feature === "ADM1" && p.country === "MM"));
  });
  it("has seas, gulfs, straits and wide regions", () => {
    assert.equal(gaz.lookup("Red Sea")[0].feature, "SEA");
    assert.equal(gaz.lookup("Bab al-Mandab")[0].name, "Bab-el-Mandeb");
    assert.equal(gaz.lookup("Strait of Hormuz")[0].feature, "STRT");
    assert.equal(gaz.lookup("Darfur")[0].country, "SD");
  });
  it("flags common English words", () => {
    assert.ok(gaz.isCommonWord("Police"));
    assert.ok(!gaz.isCommonWord("Aleppo"));
  });
});

describe("supplement.tsv", () => {
  const rows = readSupplement();
  it("has well-formed rows", () => {
    for (const r of rows) {
      assert.ok(r.name && r.feature, r.name);
      // only continents, regions beyond one country (the European Union, the Middle East, the Korean
      // Peninsula), islands shared by countries (Borneo) and shared waters (seas, gulfs, straits, lakes) have none
      if (r.country === "")
        assert.ok(
          ["CONT", "RGN", "PEN", "ISL", "OCN", "SEA", "GULF", "BAY", "STRT", "LK"].includes(r.feature) &&
            r.lat !== null &&
            r.radiusKm,
          r.name,
        );
      else assert.ok(/^[A-Z]{2}$/.test(r.country), r.name);
      if (r.lat !== null) assert.ok(Math.abs(r.lat) <= 90 && Math.abs(r.lon ?? 999) <= 180, r.name);
    }
  });
  it("puts every province near the cities GeoNames files under its admin1 code", () => {
    const byCode = new Map<string, { lat: number; lon: number }[]>();
    for (const c of readCities500()) {
      const k = `${c.country}.${c.admin1Code}`;
      const list = byCode.get(k);
      if (list) list.push(c);
      else byCode.set(k, [c]);
    }
    for (const r of rows.filter((x) => x.feature === "ADM1" && x.lat !== null)) {
      const cities = byCode.get(`${r.country}.${r.admin1Code}`) ?? [];
      if (!cities.length) continue;
      const nearest = Math.min(...cities.map((c) => haversineKm(c, { lat: r.lat!, lon: r.lon! })));
      // GeoNames' own points for big states and provinces (radius computed) may lie in empty country: Nevada,
      // northern Quebec.
      const bound = r.radiusKm === null ? 250 : Math.max(60, r.radiusKm * 1.2);
      assert.ok(nearest <= bound, `${r.name}: nearest city ${nearest.toFixed(0)} km`);
    }
  });
});
