// Day arithmetic on ISO dates (UTC day numbers), and an event's time range in days.
import type { EventProps } from "./api.ts";

const DAY_MS = 86_400_000;

/** Day number of "YYYY", "YYYY-MM" or "YYYY-MM-DD…": the first day of the period, or its last with `end`. */
export function dayOf(iso: string | null | undefined, end = false): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? "");
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return Math.floor(Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / DAY_MS);
  if (m[2]) {
    const month = Number(m[2]) - 1;
    return end ? Date.UTC(y, month + 1, 1) / DAY_MS - 1 : Date.UTC(y, month, 1) / DAY_MS;
  }
  return end ? Date.UTC(y + 1, 0, 1) / DAY_MS - 1 : Date.UTC(y, 0, 1) / DAY_MS;
}

export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** First and last day of an event (start or end alone stands for both), or null when undated. */
export function eventDays(p: EventProps): [number, number] | null {
  const start = dayOf(p.time_start ?? p.time_end ?? p.date);
  const end = dayOf(p.time_end ?? p.time_start ?? p.date, true);
  if (start === null || end === null) return null;
  return start <= end ? [start, end] : [end, start];
}

/** Whether [a, b] overlaps the inclusive range (the API's from/to semantics). */
export const overlaps = (days: [number, number], range: [number, number]) => days[0] <= range[1] && days[1] >= range[0];

export function monthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

export function addMonths(day: number, n: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / DAY_MS;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function monthLabel(day: number, withYear: boolean): string {
  const d = new Date(day * DAY_MS);
  return withYear ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
}

/** "14 Jan 2017". */
export function longDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
