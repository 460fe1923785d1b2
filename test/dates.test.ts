// The dates recognizer: tense-aware weekdays, ranges, absolute dates, unresolved mentions, false-positive guards.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clauseTense, datesRecognizer } from "../src/annotate/dates.ts";
import type { TimeMention } from "../src/model/types.ts";
import { annotated } from "./helpers.ts";

function times(text: string, published?: string): TimeMention[] {
  const ad = annotated(text, published);
  datesRecognizer.run(ad);
  for (const t of ad.times) assert.equal(text.slice(t.start, t.end), t.text, "span matches text");
  return ad.times;
}

function only(text: string, published?: string): TimeMention {
  const found = times(text, published);
  assert.equal(found.length, 1, `one mention in ${JSON.stringify(text)}: ${found.map((t) => t.text).join(" | ")}`);
  return found[0];
}

function dates(t: TimeMention): [string | null, string | null] {
  return [t.startDate, t.endDate];
}

describe("weekdays by tense", () => {
  it("past verb → the latest such day on or before publication", () => {
    const t = only("Government jets shelled the market on Saturday evening.", "2017-01-16");
    assert.equal(t.text, "on Saturday evening");
    assert.deepEqual(dates(t), ["2017-01-14", "2017-01-14"]);
    assert.equal(t.precision, "day");
    assert.equal(t.direction, "past");
  });

  it("past verb across a week and a month boundary", () => {
    assert.equal(only("Two soldiers were killed on Friday.", "2017-03-07").startDate, "2017-03-03");
    assert.equal(only("The convoy reached Idlib on Sunday.", "2017-03-01").startDate, "2017-02-26");
  });

  it("past verb on the same weekday as publication is that day", () => {
    const t = only("Rebels withdrew from the town on Saturday.", "2017-03-11");
    assert.equal(t.startDate, "2017-03-11");
    assert.equal(t.direction, "present");
  });

  it("future verb → the first such day after publication, across a year end", () => {
    const t = only("Negotiators will meet in Geneva on Tuesday.", "2017-12-30");
    assert.deepEqual(dates(t), ["2018-01-02", "2018-01-02"]);
    assert.equal(t.direction, "future");
  });

  it("'is expected to', 'are planning to', 'going to' are future", () => {
    assert.equal(only("The army is expected to storm the village on Sunday.", "2017-01-13").startDate, "2017-01-15");
    assert.equal(only("Rebels are planning to attack on Wednesday.", "2017-01-18").startDate, "2017-01-25");
    assert.equal(only("They are going to reopen the road on Friday.", "2017-01-16").startDate, "2017-01-20");
  });

  it("the verb after an introductory weekday decides", () => {
    assert.equal(
      only("On Thursday, Turkish artillery hit positions near Afrin.", "2017-01-16").startDate,
      "2017-01-12",
    );
  });

  it("the nearest clause wins: past arrival, future attack in one sentence", () => {
    const found = times("The brigade arrived on Monday and will attack on Thursday.", "2017-01-18");
    assert.deepEqual(
      found.map((t) => [t.text, t.startDate]),
      [
        ["on Monday", "2017-01-16"],
        ["on Thursday", "2017-01-19"],
      ],
    );
  });

  it("day-part prefixes are part of the mention", () => {
    const t = only("Warplanes struck Khan Sheikhoun at dawn on Tuesday.", "2017-04-05");
    assert.equal(t.text, "at dawn on Tuesday");
    assert.equal(t.startDate, "2017-04-04");
    assert.equal(only("Clashes erupted late Sunday near Deraa.", "2017-04-05").text, "late Sunday");
  });

  it("last / next qualifiers", () => {
    assert.equal(only("The bomb went off last Friday.", "2017-01-20").startDate, "2017-01-13");
    assert.equal(only("A new round of talks opens next Tuesday.", "2017-01-16").startDate, "2017-01-17");
  });
});

describe("ranges", () => {
  it("this weekend with a past verb (published on a Monday)", () => {
    const t = only("Two convoys traveled to the front this weekend.", "2017-01-16");
    assert.deepEqual(dates(t), ["2017-01-14", "2017-01-15"]);
    assert.equal(t.direction, "past");
  });

  it("this weekend with a future verb", () => {
    const t = only("More reinforcements will arrive this weekend.", "2017-01-16");
    assert.deepEqual(dates(t), ["2017-01-21", "2017-01-22"]);
    assert.equal(t.direction, "future");
  });

  it("over the weekend, past", () => {
    assert.deepEqual(dates(only("Fighting intensified over the weekend.", "2017-01-17")), ["2017-01-14", "2017-01-15"]);
  });

  it("last week is the previous Monday–Sunday", () => {
    const t = only("The militia seized the dam last week.", "2017-03-08");
    assert.deepEqual(dates(t), ["2017-02-27", "2017-03-05"]);
    assert.equal(t.precision, "week");
  });

  it("this week and earlier this week", () => {
    assert.deepEqual(dates(only("Aid deliveries resumed this week.", "2017-03-08")), ["2017-03-06", "2017-03-12"]);
    const t = only("The ceasefire collapsed earlier this week.", "2017-03-08");
    assert.deepEqual(dates(t), ["2017-03-06", "2017-03-08"]);
    assert.equal(t.direction, "past");
  });

  it("in the coming days / in the next few days / soon: publication to a week later, future", () => {
    for (const text of [
      "Government forces are expected to enter the city in the coming days.",
      "The offensive could begin in the next few days.",
      "Officials said the corridor would open soon.",
    ]) {
      const t = only(text, "2017-01-16");
      assert.deepEqual(dates(t), ["2017-01-16", "2017-01-23"], text);
      assert.equal(t.precision, "range");
      assert.equal(t.direction, "future");
    }
  });

  it("in the coming weeks: a month ahead", () => {
    assert.deepEqual(dates(only("Evacuations will continue in the coming weeks.", "2017-01-16")), [
      "2017-01-16",
      "2017-02-15",
    ]);
  });

  it("in recent days / over the past 24 hours look back", () => {
    const t = only("Shelling has increased in recent days.", "2017-01-16");
    assert.deepEqual(dates(t), ["2017-01-09", "2017-01-16"]);
    assert.equal(t.direction, "past");
    assert.equal(only("Nine people died over the past 24 hours.", "2017-01-16").startDate, "2017-01-15");
  });

  it("yesterday, today, last night, Sunday night", () => {
    assert.equal(only("A car bomb exploded yesterday.", "2017-01-16").startDate, "2017-01-15");
    const today = only("Talks continue today in Astana.", "2017-01-16");
    assert.equal(today.startDate, "2017-01-16");
    assert.equal(today.direction, "present");
    assert.equal(only("Rockets hit the airport last night.", "2017-01-16").startDate, "2017-01-15");
    assert.equal(only("Rockets hit the airport on Sunday night.", "2017-01-16").startDate, "2017-01-15");
  });

  it("last month, earlier this month, three days ago, last year", () => {
    const lm = only("The town fell last month.", "2017-01-16");
    assert.deepEqual(dates(lm), ["2016-12-01", "2016-12-31"]);
    assert.equal(lm.precision, "month");
    assert.deepEqual(dates(only("The siege was tightened earlier this month.", "2017-01-16")), [
      "2017-01-01",
      "2017-01-16",
    ]);
    assert.equal(only("The hospital was bombed three days ago.", "2017-01-16").startDate, "2017-01-13");
    assert.deepEqual(dates(only("The group lost half its territory last year.", "2017-01-16")), [
      "2016-01-01",
      "2016-12-31",
    ]);
  });

  it("since March runs to publication", () => {
    const t = only("The road has been closed since March.", "2017-05-10");
    assert.equal(t.text, "since March");
    assert.deepEqual(dates(t), ["2017-03-01", "2017-05-10"]);
    assert.equal(t.direction, "past");
    assert.deepEqual(dates(only("The war has raged since March 2011.", "2017-05-10")), ["2011-03-01", "2017-05-10"]);
    assert.deepEqual(dates(only("The town has been besieged since 2013.", "2017-05-10")), ["2013-01-01", "2017-05-10"]);
  });

  it("months: with a year, and by tense without one", () => {
    const t = only("The offensive began in January 2017.", "2017-06-01");
    assert.equal(t.text, "in January 2017");
    assert.deepEqual(dates(t), ["2017-01-01", "2017-01-31"]);
    assert.equal(t.precision, "month");
    assert.equal(only("The army took the town in March.", "2017-01-16").startDate, "2016-03-01");
    assert.equal(only("Elections will be held in May.", "2017-01-16").startDate, "2017-05-01");
    assert.deepEqual(dates(only("Fighting flared in late February.", "2017-04-02")), ["2017-02-21", "2017-02-28"]);
  });
});

describe("absolute dates", () => {
  it("day month year, abbreviated month, ISO", () => {
    assert.deepEqual(dates(only("The strike happened on 14 January 2017.", "2017-02-01")), [
      "2017-01-14",
      "2017-01-14",
    ]);
    assert.equal(only("The strike happened on 14 January 2017.", "2017-02-01").text, "on 14 January 2017");
    assert.equal(only("Troops crossed the border on Jan. 14.", "2017-01-16").startDate, "2017-01-14");
    assert.equal(only("The report is dated 2017-01-14.", "2017-01-16").startDate, "2017-01-14");
  });

  it("a day and month without year: the past one for a past verb, across a year end", () => {
    assert.equal(only("The airport was shelled on Dec. 28.", "2017-01-03").startDate, "2016-12-28");
  });

  it("a range of days", () => {
    const t = only("Talks were held from 14 to 16 January 2017.", "2017-02-01");
    assert.deepEqual(dates(t), ["2017-01-14", "2017-01-16"]);
    assert.equal(t.precision, "range");
  });
});

describe("without a publication date", () => {
  it("relative expressions keep their text with null dates", () => {
    const found = times(
      "Special forces arrived in the area on Saturday evening and will move on the city in the coming days. More troops came this weekend.",
    );
    assert.deepEqual(
      found.map((t) => [t.text, t.startDate, t.endDate, t.direction]),
      [
        ["on Saturday evening", null, null, "past"],
        ["in the coming days", null, null, "future"],
        ["this weekend", null, null, "past"],
      ],
    );
  });

  it("absolute dates with a year still resolve", () => {
    assert.deepEqual(dates(only("The town fell on 14 January 2017.")), ["2017-01-14", "2017-01-14"]);
    assert.deepEqual(dates(only("The town fell on Jan. 14.")), [null, null]);
  });
});

describe("false positives", () => {
  it("May and March as words, not months", () => {
    assert.deepEqual(times("Rebels may attack the base. May God protect them.", "2017-01-16"), []);
    assert.deepEqual(times("The march on Damascus stalled. The March offensive stalled too.", "2017-01-16"), []);
  });

  it("ordinals, distances, bare numbers, ranges and fractions", () => {
    assert.deepEqual(
      times(
        "The (second) fall of Palmyra. The 5th Legion is 40km west. 20-30 fighters held 3/4 of the town.",
        "2017-01-16",
      ),
      [],
    );
  });

  it("years inside names and counts", () => {
    assert.deepEqual(times("Resolution 2254 and the 2011 uprising. A force of 2000 fighters.", "2017-01-16"), []);
  });

  it("the next day of a past story is not resolved against publication", () => {
    const t = only(
      "Rebels retreated, and in the following hours and the next few days the army advanced.",
      "2017-01-16",
    );
    assert.deepEqual(dates(t), [null, null]);
  });
});

describe("clauseTense", () => {
  const tense = (text: string, expr: string) => {
    const ad = annotated(text);
    const at = text.indexOf(expr);
    return clauseTense(ad.tokens, at, at + expr.length);
  };
  it("reads past, future, present and perfect clauses", () => {
    assert.equal(tense("Rebels attacked the checkpoint on Sunday.", "Sunday"), "past");
    assert.equal(tense("The talks will resume on Sunday.", "Sunday"), "future");
    assert.equal(tense("The army is advancing on Sunday.", "Sunday"), "present");
    assert.equal(tense("The army has captured the hill on Sunday.", "Sunday"), "past");
    assert.equal(tense("Two civilians were killed on Sunday.", "Sunday"), "past");
    assert.equal(tense("The convoy is due to arrive on Sunday.", "Sunday"), "future");
  });
  it("a reporting verb does not override the reported clause", () => {
    assert.equal(tense("The ministry said the corridor will open on Sunday.", "Sunday"), "future");
    assert.equal(tense("The ministry said on Sunday that the corridor will open.", "Sunday"), "past");
  });
});

describe("seed report", () => {
  it("Palmyra: Saturday evening is 14 January, the coming days start at publication", () => {
    const found = times(
      "Russian special forces arrived in the western countryside of Palmyra on Saturday evening and are expected to help Syrian forces retake the ancient city in the coming days",
      "2017-01-16",
    );
    assert.deepEqual(
      found.map((t) => [t.text, t.startDate, t.endDate, t.direction]),
      [
        ["on Saturday evening", "2017-01-14", "2017-01-14", "past"],
        ["in the coming days", "2017-01-16", "2017-01-23", "future"],
      ],
    );
  });
});
