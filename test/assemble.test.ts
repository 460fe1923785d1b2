// End-to-end assembly on sentences written for these tests (not from shared/): roles, places, time,
// modality, source chains, size, fatalities and control claims.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { ControlRecord, EventRecord } from "../src/model/types.ts";

function extract(text: string, published?: string) {
  const { records } = extractDocument(documentFromText(text, { origin: "test", published }));
  return {
    events: records.filter((r): r is EventRecord => r.kind === "event"),
    controls: records.filter((r): r is ControlRecord => r.kind === "control"),
  };
}
const side = (e: EventRecord, n: 1 | 2) => e.actors.filter((a) => a.role.endsWith(String(n))).map((a) => a.canonical);

test("an attack: initiator, ACLED sub-type, place, weekday before publication, source chain", () => {
  const { events } = extract(
    "Turkish troops shelled villages near Afrin on Monday, a local source told Reuters.",
    "2018-02-07",
  );
  const e = events.find((x) => x.trigger.text === "shelled");
  assert.ok(e);
  assert.equal(e.type, "ASSAULT");
  assert.equal(e.modality, "occurred");
  assert.deepEqual(e.acled, {
    event_type: "Explosions/Remote violence",
    sub_event_type: "Shelling/artillery/missile attack",
  });
  assert.deepEqual(side(e, 1), ["Military Forces of Turkey (2002-)"]);
  assert.equal(e.location?.country, "SY");
  assert.equal(e.time.start, "2018-02-05");
  assert.deepEqual(e.source.chain, ["a local source", "Reuters"]);
});

test("passive voice: the by-agent is the initiator", () => {
  const { events } = extract("The town of Saraqib was bombed by Russian jets on Tuesday.", "2018-02-08");
  const e = events.find((x) => x.trigger.text === "bombed");
  assert.ok(e);
  assert.deepEqual(side(e, 1), ["Military Forces of Russia (2000-)"]);
  assert.equal(e.acled?.sub_event_type, "Air/drone strike");
  assert.equal(e.location?.name.includes("Saraq"), true);
});

test("plans and forecasts are never occurred, and have no ACLED type", () => {
  const { events } = extract("The army is preparing to attack Raqqa in the coming days.", "2017-06-01");
  const e = events.find((x) => x.trigger.text === "attack");
  assert.ok(e);
  assert.equal(e.modality, "planned");
  assert.equal(e.acled, null);
  assert.equal(e.time.start, "2017-06-01");
});

test("denials are denied", () => {
  const { events } = extract("Ankara denied that its jets bombed a hospital in Afrin.", "2018-02-07");
  assert.ok(events.length > 0);
  assert.ok(events.every((e) => e.modality === "denied"));
});

test("movement: destination, origin, force size", () => {
  const { events } = extract(
    "About 500 Hezbollah fighters arrived in Qusayr from Baalbek on Sunday, the group's media office said.",
    "2013-05-21",
  );
  const e = events.find((x) => x.type === "MOBILIZE");
  assert.ok(e);
  assert.equal(e.location?.name.includes("Qusayr") || e.location?.name.includes("Qusair"), true);
  assert.match(e.origin?.name ?? "", /Baalbek|Baalbak/);
  assert.equal(e.size?.min, 500);
  assert.equal(e.time.start, "2013-05-19");
});

test("fatalities: the lower bound stated", () => {
  const { events } = extract("Airstrikes killed at least 12 civilians in Douma on Friday.", "2018-02-10");
  const e = events.find((x) => x.type === "ASSAULT");
  assert.ok(e);
  assert.equal(e.fatalities, 12);
});

test("control claims: fell to, under control of, and capture by a state", () => {
  const { controls } = extract(
    "Manbij fell to the SDF in August. Deir ez-Zor remains under the control of ISIS.",
    "2016-09-01",
  );
  const held = controls.map((c) => [c.holder.canonical, c.place.country]);
  assert.deepEqual(held.sort(), [
    ["Islamic State (Syria)", "SY"],
    ["QSD: Syrian Democratic Forces", "SY"],
  ]);
});

test("a planned retake implies the other side holds the place now", () => {
  const { events, controls } = extract("Iraqi forces are preparing to retake Mosul from ISIS.", "2016-10-01");
  const e = events.find((x) => x.trigger.text === "retake");
  assert.ok(e);
  assert.equal(e.modality, "planned");
  assert.deepEqual(side(e, 2), ["Islamic State (Syria)"]);
  assert.ok(controls.some((c) => c.holder.canonical === "Islamic State (Syria)" && c.place.country === "IQ"));
});

test("without a publication date, relative dates stay unresolved", () => {
  const { events } = extract("Rebels attacked a checkpoint in Daraa on Saturday.");
  const e = events.find((x) => x.trigger.text === "attacked");
  assert.ok(e);
  assert.equal(e.time.start, null);
  assert.match(e.time.text ?? "", /Saturday/);
});
