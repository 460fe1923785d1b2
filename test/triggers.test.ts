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

// The event-coder rules: each written for war reporting in general, tested on sentences written here.
const subTypes = (text: string) => triggers(text).map((t) => [t.lemma, t.acled?.sub_event_type ?? null]);

test("seizing weapons disrupts weapons use; seizing a town is a capture", () => {
  assert.deepEqual(subTypes("Police seized rifles and ammunition in a night-time search."), [
    ["disrupt", "Disrupted weapons use"],
  ]);
  assert.deepEqual(subTypes("Rebels seized the town of Kafr Nabl."), [
    ["seize", "Non-state actor overtakes territory"],
  ]);
  assert.deepEqual(subTypes("Engineers defused a roadside bomb near the bridge."), [
    ["disrupt", "Disrupted weapons use"],
  ]);
});

test("weapon nouns are attacks only where they are used", () => {
  assert.equal(
    triggers("Grenades and mortars were found in an abandoned farmhouse.").some((t) => t.frame === "attack"),
    false,
  );
  assert.deepEqual(subTypes("A grenade exploded outside the police station."), [["grenade", "Grenade"]]);
  assert.deepEqual(subTypes("Militants fired rocket-propelled grenades at the convoy.")[0], [
    "shell",
    "Shelling/artillery/missile attack",
  ]);
  assert.equal(triggers("The coal mines employ thousands.").length, 0);
});

test("'took place' and 'took part' are not captures; 'took control of' is", () => {
  assert.equal(triggers("The meeting took place on Monday and many took part.").length, 0);
  assert.equal(triggers("Insurgents took control of the district on Monday.")[0]?.frame, "capture");
});

test("bases and posts set up, groups formed, troops deployed", () => {
  assert.deepEqual(subTypes("The army set up two new observation posts along the border."), [
    ["base", "Headquarters or base established"],
  ]);
  assert.deepEqual(subTypes("A new checkpoint was established outside the camp."), [
    ["base", "Headquarters or base established"],
  ]);
  assert.deepEqual(subTypes("Tribal elders formed a new militia in the valley."), [
    ["form-group", "Change to group/activity"],
  ]);
  assert.equal(
    triggers("More troops were deployed to the frontier.")[0]?.acled?.sub_event_type,
    "Change to group/activity",
  );
});

test("a chemical agent is an attack only where it is used", () => {
  assert.deepEqual(subTypes("Helicopters dropped cylinders of chlorine on the suburb.")[0], [
    "chemical-agent",
    "Chemical weapon",
  ]);
  assert.equal(triggers("Inspectors oversaw the destruction of the chemical weapons stockpile.").length, 0);
});

test("surrenders, prisoner exchanges and leaving a treaty are agreements", () => {
  assert.deepEqual(subTypes("Forty fighters surrendered to the army."), [["surrender", "Agreement"]]);
  assert.deepEqual(subTypes("The two sides exchanged prisoners at the crossing."), [["exchange", "Agreement"]]);
  assert.deepEqual(subTypes("The government withdrew from the border agreement."), [["quit-agreement", "Agreement"]]);
});

test("protest marches, gatherings and dispersal; rape and gang rape", () => {
  assert.equal(triggers("Students held a protest-march to the ministry.")[0]?.frame, "protest");
  assert.equal(triggers("Thousands joined peaceful marches in the capital.")[0]?.frame, "protest");
  assert.equal(triggers("Police fired tear gas at the crowd.")[0]?.lemma, "disperse");
  assert.deepEqual(subTypes("A girl was gang-raped by soldiers."), [["sexual", "Sexual violence"]]);
});

test("verbal and coercive PLOVER events: phone calls, curfews, severed ties, offers", () => {
  const types = (text: string) => triggers(text).map((t) => t.plover);
  assert.deepEqual(types("The minister telephoned his counterpart."), ["CONSULT"]);
  assert.deepEqual(types("The governor imposed a curfew on the city."), ["COERCE"]);
  assert.deepEqual(types("The country severed diplomatic ties with its neighbour."), ["SANCTION"]);
  assert.deepEqual(types("The rebels offered to release the hostages."), ["AGREE", "RETREAT"]);
});
