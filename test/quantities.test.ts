// The quantities recognizer: sizes of forces, fatalities and injuries, vague numbers, modifiers, guards.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCardinal, quantitiesRecognizer } from "../src/annotate/quantities.ts";
import type { QuantityMention } from "../src/model/types.ts";
import { annotated } from "./helpers.ts";

type Row = [text: string, kind: string, min: number | null, max: number | null, unit: string];

function quantities(text: string): Row[] {
  const ad = annotated(text, "2017-01-16");
  quantitiesRecognizer.run(ad);
  for (const q of ad.quantities) assert.equal(text.slice(q.start, q.end), q.text, "span matches text");
  return ad.quantities.map((q: QuantityMention) => [q.text, q.kind, q.min, q.max, q.unit]);
}

describe("parseCardinal", () => {
  it("digits, commas, decimals, words and scales", () => {
    assert.equal(parseCardinal("1,000"), 1000);
    assert.equal(parseCardinal("1.5 million"), 1_500_000);
    assert.equal(parseCardinal("twenty-five"), 25);
    assert.equal(parseCardinal("two hundred"), 200);
    assert.equal(parseCardinal("a dozen"), 12);
    assert.equal(parseCardinal("three thousand"), 3000);
    assert.equal(parseCardinal("forty"), 40);
  });
});

describe("sizes of forces", () => {
  it("modifiers: well over, some, about, up to, nearly, almost", () => {
    assert.deepEqual(quantities("The units numbered well over 1,000 personnel."), [
      ["well over 1,000 personnel", "size", 1000, null, "personnel"],
    ]);
    assert.deepEqual(quantities("Some 500 fighters joined the assault."), [
      ["Some 500 fighters", "size", 500, 500, "fighters"],
    ]);
    assert.deepEqual(quantities("About 300 soldiers guard the airbase."), [
      ["About 300 soldiers", "size", 300, 300, "soldiers"],
    ]);
    assert.deepEqual(quantities("Up to 400 militiamen crossed the river."), [
      ["Up to 400 militiamen", "size", null, 400, "militiamen"],
    ]);
    assert.deepEqual(quantities("Nearly 60 tanks massed near Hama."), [["Nearly 60 tanks", "size", null, 60, "tanks"]]);
    assert.deepEqual(quantities("Almost 200 gunmen surrendered."), [
      ["Almost 200 gunmen", "size", null, 200, "gunmen"],
    ]);
  });

  it("a number word with adjectives before the noun", () => {
    assert.deepEqual(quantities("Two large convoys of troops left Latakia."), [
      ["Two large convoys", "size", 2, 2, "convoys"],
    ]);
    assert.deepEqual(quantities("Twelve Russian attack helicopters landed."), [
      ["Twelve Russian attack helicopters", "size", 12, 12, "helicopters"],
    ]);
    assert.deepEqual(quantities("Forty armoured vehicles moved north."), [
      ["Forty armoured vehicles", "size", 40, 40, "vehicles"],
    ]);
  });

  it("vague sizes take their literal minimum", () => {
    assert.deepEqual(quantities("Hundreds of troops were deployed."), [
      ["Hundreds of troops", "size", 200, null, "troops"],
    ]);
    assert.deepEqual(quantities("Thousands of Kurdish fighters massed."), [
      ["Thousands of Kurdish fighters", "size", 2000, null, "fighters"],
    ]);
    assert.deepEqual(quantities("Dozens of militants fled east."), [
      ["Dozens of militants", "size", 24, null, "militants"],
    ]);
    assert.deepEqual(quantities("A dozen tanks rolled in."), [["A dozen tanks", "size", 12, 12, "tanks"]]);
    assert.deepEqual(quantities("Several hundred fighters arrived."), [
      ["Several hundred fighters", "size", 300, null, "fighters"],
    ]);
  });

  it("ranges", () => {
    assert.deepEqual(quantities("Between 20 and 30 fighters held the ridge."), [
      ["Between 20 and 30 fighters", "size", 20, 30, "fighters"],
    ]);
    assert.deepEqual(quantities("A force of 20-30 rebels attacked."), [["20-30 rebels", "size", 20, 30, "rebels"]]);
    assert.deepEqual(quantities("They sent 150 to 200 soldiers."), [
      ["150 to 200 soldiers", "size", 150, 200, "soldiers"],
    ]);
  });

  it("a compound head: the noun, not its modifier", () => {
    assert.deepEqual(quantities("At least 28 jihadist fighters regrouped."), [
      ["At least 28 jihadist fighters", "size", 28, null, "fighters"],
    ]);
  });
});

describe("fatalities and injuries", () => {
  it("active and passive killing", () => {
    assert.deepEqual(quantities("The strike killed at least 12 people."), [
      ["at least 12 people", "fatalities", 12, null, "people"],
    ]);
    assert.deepEqual(quantities("12 people were killed in the blast."), [
      ["12 people", "fatalities", 12, 12, "people"],
    ]);
    assert.deepEqual(quantities("One soldier was killed by a sniper."), [
      ["One soldier", "fatalities", 1, 1, "soldier"],
    ]);
    assert.deepEqual(quantities("Jets bombed the market, killing three civilians."), [
      ["three civilians", "fatalities", 3, 3, "civilians"],
    ]);
  });

  it("death tolls", () => {
    assert.deepEqual(quantities("The death toll rose to 70."), [["70", "fatalities", 70, 70, "people"]]);
    assert.deepEqual(quantities("The WHO put the death toll at at least 70."), [
      ["at least 70", "fatalities", 70, null, "people"],
    ]);
    assert.deepEqual(quantities("The toll from the car bomb reached more than 40."), [
      ["more than 40", "fatalities", 40, null, "people"],
    ]);
  });

  it("dead, wounded, injured", () => {
    assert.deepEqual(quantities("The explosion left 5 dead."), [["5 dead", "fatalities", 5, 5, "people"]]);
    assert.deepEqual(quantities("Shelling wounded 15 in Douma."), [["15", "injuries", 15, 15, "people"]]);
    assert.deepEqual(quantities("Eight were killed and 20 wounded."), [
      ["Eight", "fatalities", 8, 8, "people"],
      ["20 wounded", "injuries", 20, 20, "people"],
    ]);
    assert.deepEqual(quantities("Seven others were injured."), [["Seven others", "injuries", 7, 7, "others"]]);
  });

  it("vague casualty counts follow ACLED's conservative coding", () => {
    assert.deepEqual(quantities("Dozens of people were killed in the raid."), [
      ["Dozens of people", "fatalities", 12, null, "people"],
    ]);
    assert.deepEqual(quantities("Several soldiers were killed."), [
      ["Several soldiers", "fatalities", 10, null, "soldiers"],
    ]);
    assert.deepEqual(quantities("Hundreds of civilians have died."), [
      ["Hundreds of civilians", "fatalities", 100, null, "civilians"],
    ]);
    assert.deepEqual(quantities("The attack killed many people."), [["many people", "fatalities", 10, null, "people"]]);
  });

  it("casualties are injuries unless the context says killed", () => {
    assert.deepEqual(quantities("The attack caused dozens of casualties."), [
      ["dozens of casualties", "injuries", 12, null, "casualties"],
    ]);
  });

  it("a count across an aside: 'including three children'", () => {
    const rows = quantities("At least 11 civilians including three children were killed.");
    assert.deepEqual(rows[0], ["At least 11 civilians", "fatalities", 11, null, "civilians"]);
  });

  it("people without casualty context are 'other'", () => {
    assert.deepEqual(quantities("The convoy carried 5,000 civilians out of the city."), [
      ["5,000 civilians", "other", 5000, 5000, "civilians"],
    ]);
  });
});

describe("false positives", () => {
  it("distances, ordinals, percentages, times and years", () => {
    assert.deepEqual(quantities("The 5th Legion advanced 40km west of Palmyra."), []);
    assert.deepEqual(quantities("Turnout fell to 30% and 40 percent of soldiers deserted."), []);
    assert.deepEqual(quantities("At 10:30 the Su-24 jets took off."), []);
    assert.deepEqual(quantities("In 2013 rebels took the town; since 2011 fighters have held it."), []);
  });

  it("dates and nationality compounds", () => {
    assert.deepEqual(quantities("On 14 January soldiers moved; January 14 fighters is not a count either."), []);
    assert.deepEqual(quantities("Russian/Syrian/Iranian forces cooperated."), []);
    assert.deepEqual(quantities("03-07-2015 Terrorist blast hits Damascus."), []);
  });

  it("numbers without a counted noun or casualty context", () => {
    assert.deepEqual(quantities("Resolution 2254 was adopted by two votes. One of the towns fell."), []);
    assert.deepEqual(quantities("Many of whom were injured severely."), []);
  });

  it("names and modifiers that look like units", () => {
    assert.deepEqual(quantities("The two rebel-held districts. 963 Syrian Democratic Forces posts."), []);
  });
});
