import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize, tokenizeSpans } from "../src/annotate/tokens.ts";

test("offsets point into the text, whitespace is not a token", () => {
  const text = "Rebels shelled Idlib.\n\nTroops “withdrew” — reportedly 😐 at dawn.";
  const { tokens } = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(tokens.every((t) => t.text.trim() !== ""));
  assert.equal(tokens[1].pos, "VERB");
  assert.equal(tokens[1].lemma, "shell");
});

test("a title line without a full stop is its own sentence", () => {
  const text = "Army Retakes Town\n\nGovernment forces entered the town on Monday. Residents returned.";
  const { sentences } = tokenize(text);
  assert.deepEqual(
    sentences.map((s) => text.slice(s.start, s.end)),
    ["Army Retakes Town", "Government forces entered the town on Monday.", "Residents returned."],
  );
});

test("tokens know their sentence", () => {
  const { tokens, sentences } = tokenize("One. Two three.");
  assert.equal(sentences.length, 2);
  assert.deepEqual(
    tokens.map((t) => t.sentence),
    [0, 0, 1, 1, 1],
  );
});

test("tokenizeSpans gives tokenize's tokens and sentences, without tags", () => {
  const text =
    "DAMASCUS, Syria (AP) -- Russian jets struck al-Bab's outskirts, 40 km north-east of Aleppo, on Saturday.\n\n" +
    "Mr. Smith said the U.S.-led coalition's raids hadn't hit Deir ez-Zor. “We'll see,” he added… (more)";
  const full = tokenize(text);
  const spans = tokenizeSpans(text);
  assert.deepEqual(spans.sentences, full.sentences);
  assert.deepEqual(
    spans.tokens,
    full.tokens.map((t) => ({ ...t, pos: "", lemma: "" })),
  );
  assert.ok(full.tokens.some((t) => t.pos === "PROPN"));
});
