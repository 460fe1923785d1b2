// Rules added for the event-coder issue's second pass (docs/event-coder.md, "Second pass"): withdrawals with and
// without a taker, chemical payloads told in the next sentence, destruction of depots from the air, demands
// stated with "must", PLOVER's conventions for negated, conditional and attempted acts. Sentences written for
// these tests.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../src/annotate/tokens.ts";
import { findTriggers } from "../src/annotate/triggers.ts";
import { codePloverText } from "../src/eval/events/sitrep-system.ts";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { EventRecord } from "../src/model/types.ts";

const triggers = (text: string) => findTriggers(text, tokenize(text).tokens);

function events(text: string): EventRecord[] {
  const doc = documentFromText(text, { origin: "test", published: "2020-05-04" });
  return extractDocument(doc).records.filter((r): r is EventRecord => r.kind === "event");
}

const subTypes = (text: string) => events(text).map((e) => e.acled?.sub_event_type ?? null);
const plover = (text: string) => codePloverText(text)?.type ?? null;

test("a withdrawal alone is a relocation; with someone taking over, a transfer of territory", () => {
  assert.deepEqual(subTypes("The coalition troops withdrew from the airbase on Monday."), ["Change to group/activity"]);
  assert.ok(
    subTypes("Government troops withdrew from the town on Monday, leaving it in the hands of the rebels.").includes(
      "Non-violent transfer of territory",
    ),
  );
  assert.ok(
    subTypes("The fighters withdrew from the district under an evacuation deal with the army.").includes(
      "Non-violent transfer of territory",
    ),
  );
});

test("entering a place without meeting resistance is a non-violent transfer", () => {
  assert.ok(
    subTypes("Rebel units entered the town at dawn and did not encounter any resistance.").includes(
      "Non-violent transfer of territory",
    ),
  );
});

test("shells said in the next sentence to have carried a chemical agent make a chemical attack", () => {
  const text =
    "Militants fired shells into the northern district on Monday. Doctors believe the shells contained chlorine.";
  assert.ok(subTypes(text).includes("Chemical weapon"));
  assert.ok(!subTypes("Militants fired shells into the northern district on Monday.").includes("Chemical weapon"));
});

test("depots destroyed by jets are an air strike; weapons seized with a town named are a capture", () => {
  assert.ok(subTypes("Fighter jets destroyed ammunition depots used by the insurgents.").includes("Air/drone strike"));
  const seized = triggers("Insurgents seized a district centre on Saturday while a bomb exploded nearby.");
  assert.equal(seized.find((t) => t.text === "seized")?.lemma, "seize");
  assert.equal(triggers("Police seized weapons and explosives in a raid.")[0]?.lemma, "disrupt");
});

test("'drove back X from' a place and 'struck by a long-range missile'", () => {
  assert.equal(triggers("The army drove back the militants from the village.")[0]?.lemma, "kick-out");
  assert.equal(triggers("The convoy was struck by a long-range missile.")[0]?.lemma, "shell");
});

test("'ousted president' is an adjective, not an expulsion", () => {
  assert.ok(!triggers("Ousted president Omar Tall agreed to leave the country.").some((t) => t.lemma === "kick-out"));
  assert.ok(triggers("The rebels ousted the governor from the city.").some((t) => t.lemma === "kick-out"));
});

test("PLOVER: a reported obligation of another party is a demand", () => {
  assert.equal(plover("The foreign minister said the neighbouring state must hand over the suspects."), "REQUEST");
  assert.equal(plover("We must remember the victims, the mayor said."), null);
});

test("PLOVER: negated, conditional and attempted acts", () => {
  assert.equal(plover("The government said it would not accept any more migrants."), "REJECT");
  assert.equal(plover("The two parties failed to reach an agreement on the border."), "REJECT");
  assert.equal(
    plover("The ministry said it will withdraw its troops from the region unless the debt is paid."),
    "THREATEN",
  );
  assert.equal(plover("The party said it will boycott the elections."), "THREATEN");
  assert.equal(plover("Gunmen attempted to assassinate the provincial governor on Friday."), "ASSAULT");
  assert.equal(plover("The army prepared to resume shelling the rebel-held hills."), "MOBILIZE");
});

test("PLOVER: concessions, returns, access and property destruction", () => {
  assert.equal(plover("The court decided to allow the opposition candidate to stand in the elections."), "CONCEDE");
  assert.equal(plover("The army lifted on Friday a week-old blockade on the port."), "RETREAT");
  assert.equal(plover("The prime minister received a team of observers from the United Nations."), "RETREAT");
  assert.equal(plover("Police prevented the demonstration planned by students."), "COERCE");
  assert.equal(plover("Settlers set fire to a school in the village overnight."), "COERCE");
  assert.equal(plover("The rebel commander and 300 fighters surrendered to the army."), "RETREAT");
});

test("'must' puts the act it governs out of the occurred events", () => {
  const e = events("The envoy said the rebels must leave the city by Friday.").find((x) => x.type === "RETREAT");
  assert.notEqual(e?.modality, "occurred");
});
