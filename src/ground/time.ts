// Pure calendar arithmetic for resolving time expressions against a publication date.
// Dates are ISO strings (YYYY-MM-DD) and are computed on UTC day numbers, so the host time zone never matters.
// Weeks run Monday–Sunday; weekdays are numbered as in JavaScript (0 = Sunday … 6 = Saturday).

/** The tense of the clause an expression sits in; it decides which way a bare "Saturday" points. */
export type Tense = "past" | "present" | "future" | "unknown";

export interface DateRange {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

/** "2017-01-16" or "2017-01-16T08:30…" → "2017-01-16"; null when not a real calendar date. */
export function isoDay(s: string | undefined | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s ?? "");
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Builds "YYYY-MM-DD", or null when the day does not exist (31 April). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** addDays("2017-01-16", -2) → "2017-01-14". */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return (dayNumber(iso) + 4) % 7; // 1970-01-01 was a Thursday
}

/** The Monday–Sunday week containing the day. */
export function weekOf(iso: string): DateRange {
  const monday = addDays(iso, -((weekday(iso) + 6) % 7));
  return { start: monday, end: addDays(monday, 6) };
}

export function monthRange(year: number, month: number): DateRange {
  return { start: isoDate(year, month, 1)!, end: isoDate(year, month, lastDayOfMonth(year, month))! };
}

export function yearRange(year: number): DateRange {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** The month `offset` months away from (year, month): shiftMonth(2017, 1, -1) → { year: 2016, month: 12 }. */
export function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const i = year * 12 + (month - 1) + offset;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The latest day with that weekday on or before `iso` (the day itself when it matches). */
export function weekdayOnOrBefore(iso: string, wd: number): string {
  return addDays(iso, -((weekday(iso) - wd + 7) % 7));
}

/** The first day with that weekday strictly after `iso`. */
export function weekdayAfter(iso: string, wd: number): string {
  return addDays(iso, ((wd - weekday(iso) + 6) % 7) + 1);
}

/**
 * A weekday named relative to publication. Past tense: the latest such day on or before publication
 * (published Monday 2017-01-16, "arrived on Saturday" → 2017-01-14); future tense: the first one after it;
 * otherwise the nearer of the two (ties go to the past). "last"/"next" force the direction.
 */
export function resolveWeekday(pub: string, wd: number, tense: Tense, qualifier?: "last" | "next" | "this"): string {
  const before = weekdayOnOrBefore(pub, wd);
  const after = weekdayAfter(pub, wd);
  if (qualifier === "last") return before === pub ? addDays(pub, -7) : before;
  if (qualifier === "next") return after;
  if (tense === "past") return before;
  if (tense === "future") return qualifier === "this" && before === pub ? pub : after;
  return daysBetween(before, pub) <= daysBetween(pub, after) ? before : after;
}

/**
 * The Saturday–Sunday weekend meant by "this weekend"/"the weekend": with a past verb the latest weekend that
 * has begun by publication; with a future verb the current or coming one; otherwise the past one early in
 * the week (Monday–Wednesday) and the coming one later. "last"/"next" step one weekend back or forward.
 */
export function resolveWeekend(pub: string, tense: Tense, qualifier?: "last" | "next" | "this"): DateRange {
  const wd = weekday(pub);
  const inWeekend = wd === 6 || wd === 0;
  const latest = weekdayOnOrBefore(pub, 6);
  const coming = inWeekend ? latest : weekdayAfter(pub, 6);
  let saturday: string;
  if (qualifier === "last") saturday = inWeekend ? addDays(latest, -7) : latest;
  else if (qualifier === "next") saturday = inWeekend ? addDays(latest, 7) : coming;
  else if (tense === "past") saturday = latest;
  else if (tense === "future") saturday = coming;
  else saturday = wd >= 1 && wd <= 3 ? latest : coming;
  return { start: saturday, end: addDays(saturday, 1) };
}

/**
 * The year of a month named without one ("in March"): past tense → the latest such month not after
 * publication's month; future → the first not before it; otherwise the nearer (ties to the past).
 */
export function resolveMonthYear(pub: string, month: number, tense: Tense, qualifier?: "last" | "next"): number {
  const y = Number(pub.slice(0, 4));
  const m = Number(pub.slice(5, 7));
  const pastYear = month < m || (month === m && qualifier !== "last") ? y : y - 1;
  const futureYear = month > m || (month === m && qualifier !== "next") ? y : y + 1;
  if (qualifier === "last" || tense === "past") return pastYear;
  if (qualifier === "next" || tense === "future") return futureYear;
  if (month === m) return y;
  return m - month + (pastYear === y ? 0 : 12) <= month - m + (futureYear === y ? 0 : 12) ? pastYear : futureYear;
}

/** The date of a day-and-month without a year ("Jan. 14"), chosen like `resolveMonthYear` but by days. */
export function resolveMonthDay(pub: string, month: number, day: number, tense: Tense): string | null {
  const y = Number(pub.slice(0, 4));
  const candidates = [y - 1, y, y + 1].map((year) => isoDate(year, month, day)).filter((d): d is string => !!d);
  if (!candidates.length) return null;
  const past = candidates.filter((d) => d <= pub).pop();
  const future = candidates.find((d) => d >= pub);
  if (tense === "past") return past ?? candidates[0];
  if (tense === "future") return future ?? candidates[candidates.length - 1];
  if (!past) return future!;
  if (!future) return past;
  return daysBetween(past, pub) <= daysBetween(pub, future) ? past : future;
}

/** Where a range lies relative to publication. */
export function directionOf(range: DateRange, pub: string): "past" | "present" | "future" {
  if (range.end < pub) return "past";
  if (range.start > pub) return "future";
  return "present";
}
