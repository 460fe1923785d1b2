import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../src/annotate/tokens.ts";
import { findTriggers } from "../src/annotate/triggers.ts";

const triggers = (text: string) => findTriggers(text, tokenize(text).tokens);

test("verbs and nouns map to PLOVER types and ACLED sub-types", () => {
  const got = triggers(
    "Jets bombed the market. Rebels clashed with troops. A car bomb exploded. Police arrested ten men.",
  );
  assert.deepEqual(
    got.map((t) => [t.text, t.plover, t.acled?.sub_event_type]),
    [
      ["bombed", "ASSAULT", "Air/drone strike"],
      ["clashed", "ASSAULT", "Armed clash"],
      ["car bomb", "ASSAULT", "Remote explosive/landmine/IED"],
      ["arrested", "COERCE", "Arrests"],
    ],
  );
});

test("movements need a destination or origin for 'travel'", () => {
  assert.equal(triggers("He loves to travel.").length, 0);
  assert.equal(triggers("Two battalions traveled to the front from the capital.")[0]?.plover, "MOBILIZE");
});

test("passive voice is marked", () => {
  const [t] = triggers("The village was shelled by government artillery.");
  assert.equal(t.passive, true);
  assert.equal(triggers("Artillery shelled the village.")[0].passive, false);
});

test("capture phrases: the fall of X to Y, retook, kicked out", () => {
  const got = triggers(
    "The fall of Mosul to ISIS shocked Baghdad. Troops retook the airport. They kicked the militants out of town.",
  );
  assert.deepEqual(
    got.map((t) => t.frame),
    ["capture", "capture", "capture"],
  );
});

test("overlapping triggers keep the longest", () => {
  const got = triggers("a suicide car bomb hit the base");
  assert.equal(got.length, 1);
  assert.equal(got[0].acled?.sub_event_type, "Suicide bomb");
});
