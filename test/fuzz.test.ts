// Fuzzing, CI-sized: random and adversarial text, HTML, feeds, JSONL and binary content through readInputs (files
// and chunked stdin), extractDocument and placeRecords, in a child process watched for hangs (a case over its
// budget fails the test with its input). Checks: no exception; every record valid against schema/*.json; every
// offset inside the text and every span text equal to text.slice(start, end); input errors one line, no stack.
// The long run is `node --import tsx scripts/fuzz-long.ts --minutes 30`; SITREP_FUZZ_SEED=N (or "random")
// changes this run's seed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type FuzzOptions, fuzzInChild, summarise } from "../scripts/fuzz-long.ts";
import { formatErrors, validate, validateRecord } from "../src/model/validate.ts";

const envSeed = process.env.SITREP_FUZZ_SEED;
const seed = envSeed === "random" ? Date.now() % 2 ** 31 : Number(envSeed ?? 7_202_611);

test(`fuzz: ingest and extraction never crash, hang or emit an invalid record (seed ${seed})`, async () => {
  const opts: FuzzOptions = {
    seed,
    numRuns: 40,
    hugeRuns: 3,
    maxTextLength: 3000,
    hugeLineChars: 1 << 20,
    hugeExtractChars: 32 << 10,
  };
  const report = await fuzzInChild(opts, { caseBudgetMs: 30_000 });
  process.stderr.write(`${summarise([report])}\n`);
  assert.deepEqual(report.failures, []);
  assert.equal(report.properties.length, 6, "every property ran");
  assert.ok(report.properties.every((p) => p.cases > 0));
});

test("the schemas reject what the contract forbids", () => {
  const event = {
    kind: "event",
    id: "ev-1",
    doc: "d",
    type: "ASSAULT",
    modality: "occurred",
    acled: null,
    actors: [],
    location: null,
    origin: null,
    time: { text: null, start: "2017-01-14", end: "2017-01-14", precision: "day" },
    size: null,
    fatalities: 3,
    source: { outlet: null, chain: [] },
    evidence: [{ doc: "d", start: 0, end: 5, text: "Rebel" }],
    confidence: 0.5,
    trigger: { text: "shelled", start: 7, end: 14 },
  };
  assert.deepEqual(validateRecord(event), []);
  const broken = (patch: Record<string, unknown>) => formatErrors(validateRecord({ ...event, ...patch }));
  assert.match(broken({ type: "BOMB" }), /^\/type: "BOMB" is not one of/);
  assert.match(broken({ modality: "likely" }), /^\/modality/);
  assert.match(broken({ fatalities: -1 }), /^\/fatalities: -1 is below 0/);
  assert.match(broken({ fatalities: 2.5 }), /^\/fatalities: expected integer or null/);
  assert.match(broken({ confidence: Number.NaN }), /^\/confidence: expected number, got number NaN/);
  assert.match(broken({ evidence: [] }), /^\/evidence: fewer than 1 items/);
  assert.match(broken({ time: { ...event.time, start: "2017-13-01" } }), /^\/time\/start: "2017-13-01" does not match/);
  assert.match(
    broken({ location: { name: "X", lat: 91, lon: 0, radius_km: 1, precision: 4, start: 0, end: 1 } }),
    /\/location\/lat: 91 is above 90\n\/location\/precision: 4 is not one of 1, 2, 3/,
  );
  assert.match(broken({ kind: "control" }), /missing "place"/);
  const { kind: _, ...noKind } = event;
  assert.match(formatErrors(validateRecord(noKind)), /^\/kind: must be "event" or "control"/);
  const place = {
    doc: "d",
    text: "Homs",
    start: 0,
    end: 4,
    name: "Homs",
    lat: 34.7,
    lon: 36.7,
    geonameid: 169577,
    country: "SY",
    admin1: "Homs",
    feature: "PPLA",
    confidence: 0.9,
  };
  assert.deepEqual(validate("place", place), []);
  assert.match(formatErrors(validate("place", { ...place, country: "Syria" })), /^\/country: "Syria" does not match/);
  assert.match(formatErrors(validate("place", { ...place, start: -1 })), /^\/start: -1 is below 0/);
});
