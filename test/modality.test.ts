import assert from "node:assert/strict";
import { test } from "node:test";
import { findModalityCues } from "../src/annotate/modality.ts";
import { findTriggers } from "../src/annotate/triggers.ts";
import { modalityOf } from "../src/assemble/modality.ts";
import { annotated } from "./helpers.ts";

/** The modality of the first trigger whose text is `word`. */
function modality(text: string, word: string) {
  const ad = annotated(text);
  ad.modality = findModalityCues(text);
  ad.triggers = findTriggers(text, ad.tokens);
  const t = ad.triggers.find((x) => x.text.toLowerCase().startsWith(word));
  assert.ok(t, `no trigger "${word}" in ${JSON.stringify(text)}`);
  return modalityOf(ad, t).modality;
}

test("past tense without cues occurred", () => {
  assert.equal(modality("Rebels attacked the checkpoint on Monday.", "attacked"), "occurred");
});

test("plans, expectations and the future", () => {
  assert.equal(modality("The army is preparing to attack the town.", "attack"), "planned");
  assert.equal(modality("Government forces are expected to retake the town soon.", "retake"), "expected");
  assert.equal(modality("The coalition will deploy more troops.", "deploy"), "expected");
});

test("a cue after the trigger does not change a verb", () => {
  assert.equal(modality("Troops arrived in the town and are expected to attack the hills.", "arrived"), "occurred");
  assert.equal(modality("Troops arrived in the town and are expected to attack the hills.", "attack"), "expected");
});

test("conditionals and hypotheses are speculative, even with will", () => {
  assert.equal(modality("We will see if the government will send aid convoys.", "send"), "speculative");
  assert.equal(modality("A joint offensive would certainly change the war.", "offensive"), "speculative");
});

test("negations and denials are denied", () => {
  assert.equal(modality("The army did not shell the camp.", "shell"), "denied");
  assert.equal(modality("The ministry denied that its jets bombed the hospital.", "bombed"), "denied");
});

test("ongoing", () => {
  assert.equal(modality("Rebels are fighting in the old city.", "fighting"), "ongoing");
});

test("a cue after a noun counts only when it governs the noun", () => {
  assert.equal(modality("A new offensive is expected to begin next month.", "offensive"), "expected");
  assert.equal(modality("Joint operations against the militants would end the standoff.", "operations"), "speculative");
  assert.equal(
    modality("Farmers began their third day of protest as they try to halt the dam.", "protest"),
    "occurred",
  );
});

test("an event named in a prepositional phrase is presupposed, whatever governs the phrase", () => {
  assert.equal(modality("The brigade will advance on the valley after seizing the bridge.", "seizing"), "occurred");
  assert.equal(modality("Investigators believe a nerve agent was likely used in the attack.", "attack"), "occurred");
  assert.equal(modality("The brigade will advance on the valley after seizing the bridge.", "advance"), "expected");
});

test("plots are plans; 'aimed at' a target is not", () => {
  assert.equal(modality("Police say the cell was plotting to attack the stadium.", "attack"), "planned");
  assert.equal(modality("The shelling aimed at the old quarter destroyed homes.", "shelling"), "occurred");
});

test("a denial word that is the trigger itself does not deny it", () => {
  assert.equal(modality("The ministry denied the allegations of torture.", "denied"), "occurred");
  assert.equal(modality("The ministry denied the allegations of torture.", "torture"), "denied");
});

test("a cue bears on its own clause, not on a clause coordinated after it with a subject of its own", () => {
  const toll = "The death toll is likely to rise and another child was killed in the shelling.";
  assert.equal(modality(toll, "killed"), "occurred");
  const two = "The army will advance on Raqqa and the air force bombed the outskirts of Palmyra.";
  assert.equal(modality(two, "bombed"), "occurred");
  assert.equal(modality(two, "advance"), "expected");
  const that = "He said clashes were underway in the town and that 11 fighters and five others were killed.";
  assert.equal(modality(that, "killed"), "occurred");
  // verbs sharing a subject share its cue; nouns coordinated inside a subject are no clause
  assert.equal(modality("Rebels are expected to attack and seize the town.", "seize"), "expected");
  const nouns = "The minister is likely to say that soldiers and police officers were attacked.";
  assert.equal(modality(nouns, "attacked"), "expected");
});
