import assert from "node:assert/strict";
import { test } from "node:test";
import { findAttributions } from "../src/annotate/attribution.ts";
import { tokenize } from "../src/annotate/tokens.ts";

const chains = (text: string) => findAttributions(text, tokenize(text).sentences).map((a) => a.chain);

test("a source told an outlet: the chain runs from source to outlet", () => {
  assert.deepEqual(chains("Rebels shelled the town on Monday, a security official in Aleppo told Reuters."), [
    ["a security official in Aleppo", "Reuters"],
  ]);
});

test("according to X; the same source refers back", () => {
  const text = "Troops moved north, a police source told AFP. According to the same police source, two tanks were hit.";
  assert.deepEqual(chains(text), [
    ["a police source", "AFP"],
    ["a police source", "AFP"],
  ]);
  assert.deepEqual(chains("According to local activists, the market was bombed."), [["local activists"]]);
});

test("X said and said X", () => {
  assert.deepEqual(chains("The Syrian Observatory for Human Rights said 12 people died."), [
    ["The Syrian Observatory for Human Rights"],
  ]);
  assert.deepEqual(chains("Five soldiers were killed, said the army spokesman."), [["the army spokesman"]]);
});

test("no attribution in plain narration", () => {
  assert.deepEqual(chains("The convoy reached the border at dawn."), []);
});
