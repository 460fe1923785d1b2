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
