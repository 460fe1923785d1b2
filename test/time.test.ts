// Calendar arithmetic used to resolve time expressions (src/ground/time.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addDays,
  daysBetween,
  directionOf,
  isoDate,
  isoDay,
  monthRange,
  resolveMonthDay,
  resolveMonthYear,
  resolveWeekday,
  resolveWeekend,
  shiftMonth,
  weekday,
  weekdayAfter,
  weekdayOnOrBefore,
  weekOf,
} from "../src/ground/time.ts";

const SAT = 6;
const SUN = 0;
const TUE = 2;

describe("calendar basics", () => {
  it("reads ISO days and date-times, rejects impossible dates", () => {
    assert.equal(isoDay("2017-01-16"), "2017-01-16");
    assert.equal(isoDay("2017-01-16T08:30"), "2017-01-16");
    assert.equal(isoDay("2017-02-30"), null);
    assert.equal(isoDay("16/01/2017"), null);
    assert.equal(isoDay(undefined), null);
    assert.equal(isoDate(2016, 2, 29), "2016-02-29");
    assert.equal(isoDate(2017, 2, 29), null);
  });

  it("adds days across month and year ends", () => {
    assert.equal(addDays("2017-01-16", -2), "2017-01-14");
    assert.equal(addDays("2016-12-30", 3), "2017-01-02");
    assert.equal(addDays("2016-03-01", -1), "2016-02-29");
    assert.equal(daysBetween("2017-01-14", "2017-01-16"), 2);
  });

  it("knows weekdays and Monday–Sunday weeks", () => {
    assert.equal(weekday("2017-01-16"), 1); // Monday
    assert.equal(weekday("2017-01-15"), SUN);
    assert.deepEqual(weekOf("2017-01-15"), { start: "2017-01-09", end: "2017-01-15" });
    assert.deepEqual(weekOf("2017-01-16"), { start: "2017-01-16", end: "2017-01-22" });
    assert.equal(weekdayOnOrBefore("2017-01-14", SAT), "2017-01-14");
    assert.equal(weekdayAfter("2017-01-14", SAT), "2017-01-21");
  });

  it("shifts months and gives month ranges", () => {
    assert.deepEqual(shiftMonth(2017, 1, -1), { year: 2016, month: 12 });
    assert.deepEqual(shiftMonth(2016, 12, 1), { year: 2017, month: 1 });
    assert.deepEqual(monthRange(2016, 2), { start: "2016-02-01", end: "2016-02-29" });
  });
});

describe("resolveWeekday", () => {
  it("past tense: the latest such day on or before publication", () => {
    assert.equal(resolveWeekday("2017-01-16", SAT, "past"), "2017-01-14");
    assert.equal(resolveWeekday("2017-01-14", SAT, "past"), "2017-01-14");
    assert.equal(resolveWeekday("2017-03-01", SUN, "past"), "2017-02-26");
  });

  it("future tense: the first such day after publication", () => {
    assert.equal(resolveWeekday("2017-01-16", SAT, "future"), "2017-01-21");
    assert.equal(resolveWeekday("2017-12-30", TUE, "future"), "2018-01-02");
    assert.equal(resolveWeekday("2017-01-14", SAT, "future"), "2017-01-21");
  });

  it("unknown tense: the nearer one, ties to the past", () => {
    assert.equal(resolveWeekday("2017-01-16", SAT, "unknown"), "2017-01-14"); // 2 days back vs 5 ahead
    assert.equal(resolveWeekday("2017-01-19", SAT, "present"), "2017-01-21"); // Thursday: 2 ahead
  });

  it("last / next qualifiers", () => {
    assert.equal(resolveWeekday("2017-01-20", 5, "unknown", "last"), "2017-01-13"); // Friday's "last Friday"
    assert.equal(resolveWeekday("2017-01-16", TUE, "past", "next"), "2017-01-17");
  });
});

describe("resolveWeekend", () => {
  it("past from a Monday: the weekend just gone", () => {
    assert.deepEqual(resolveWeekend("2017-01-16", "past"), { start: "2017-01-14", end: "2017-01-15" });
  });
  it("future from a Monday: the coming weekend", () => {
    assert.deepEqual(resolveWeekend("2017-01-16", "future"), { start: "2017-01-21", end: "2017-01-22" });
  });
  it("on a Sunday both readings are the current weekend", () => {
    assert.deepEqual(resolveWeekend("2017-01-15", "past"), { start: "2017-01-14", end: "2017-01-15" });
    assert.deepEqual(resolveWeekend("2017-01-15", "future"), { start: "2017-01-14", end: "2017-01-15" });
  });
  it("unknown tense: early week looks back, late week ahead", () => {
    assert.equal(resolveWeekend("2017-01-17", "unknown").start, "2017-01-14");
    assert.equal(resolveWeekend("2017-01-19", "unknown").start, "2017-01-21");
  });
  it("last weekend on a Saturday is the previous one", () => {
    assert.equal(resolveWeekend("2017-01-21", "unknown", "last").start, "2017-01-14");
  });
});

describe("months and days without a year", () => {
  it("picks the year of a bare month by tense", () => {
    assert.equal(resolveMonthYear("2017-01-16", 3, "past"), 2016);
    assert.equal(resolveMonthYear("2017-01-16", 3, "future"), 2017);
    assert.equal(resolveMonthYear("2017-01-16", 12, "unknown"), 2016);
    assert.equal(resolveMonthYear("2017-05-10", 3, "unknown"), 2017);
    assert.equal(resolveMonthYear("2017-01-16", 1, "past", "last"), 2016);
  });

  it("picks the year of a day and month by tense", () => {
    assert.equal(resolveMonthDay("2017-01-03", 12, 28, "past"), "2016-12-28");
    assert.equal(resolveMonthDay("2017-12-20", 1, 5, "future"), "2018-01-05");
    assert.equal(resolveMonthDay("2017-01-16", 1, 14, "unknown"), "2017-01-14");
    assert.equal(resolveMonthDay("2017-01-16", 2, 30, "past"), null);
  });

  it("places ranges before, at or after publication", () => {
    assert.equal(directionOf({ start: "2017-01-14", end: "2017-01-15" }, "2017-01-16"), "past");
    assert.equal(directionOf({ start: "2017-01-16", end: "2017-01-22" }, "2017-01-16"), "present");
    assert.equal(directionOf({ start: "2017-01-21", end: "2017-01-22" }, "2017-01-16"), "future");
  });
});
