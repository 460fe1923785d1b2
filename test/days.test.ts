// Day numbers for the space-time index: always wide enough that the exact date clauses decide.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dayNumber, dayRange, filterDays, NO_DAY } from "../src/store/days.ts";

test("day numbers of dates and date-times; anything else is null", () => {
  assert.equal(dayNumber("1970-01-01"), 0);
  assert.equal(dayNumber("2017-01-14"), 17180);
  assert.equal(dayNumber("2017-01-14T23:59:00"), 17180);
  for (const bad of [null, undefined, "", "2017", "2017-01", "14 January 2017"]) assert.equal(dayNumber(bad), null);
});

test("a record's range: one-sided and reversed times are covered; undated records stay out, unreadable ones span all", () => {
  assert.deepEqual(dayRange("2017-01-14", "2017-01-16"), [17180, 17182]);
  assert.deepEqual(dayRange(null, "2017-01-16"), [17182, 17182]);
  assert.deepEqual(dayRange("2017-01-16", "2017-01-14"), [17180, 17182]);
  assert.equal(dayRange(null, null), null);
  assert.deepEqual(dayRange("sometime", null), [-NO_DAY, NO_DAY]);
});

test("filter bounds cover whole periods, a day wider; unusable bounds give null", () => {
  assert.deepEqual(filterDays("2017-01-14", "2017-01-14"), { from: 17179, to: 17181 });
  assert.deepEqual(filterDays("2016", "2016"), {
    from: dayNumber("2016-01-01")! - 1,
    to: dayNumber("2016-12-31")! + 1,
  });
  assert.deepEqual(filterDays(undefined, "2016-02"), { from: -NO_DAY - 1, to: dayNumber("2016-02-29")! + 1 });
  assert.equal(filterDays("last week", undefined), null);
});
