// Day numbers (days since 1970-01-01, UTC) for the time dimension of the events' space-time R-tree. The tree
// only narrows a query down; the exact date clauses still decide, so every value here errs on the wide side.

/** Stands for "no usable day": a time the tree cannot read is in every time range of it. */
export const NO_DAY = 1e6;

const DAY_MS = 86_400_000;

/** The day of an ISO date or date-time ("2017-01-14", "2017-01-14T18:00"), or null. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS);
}

/**
 * The day range [min, max] a record with this time covers in the tree (start/end may be missing or reversed), or
 * null for an undated record: no date filter keeps one, so the trees leave them out.
 */
export function dayRange(start: string | null, end: string | null): [number, number] | null {
  if (start === null && end === null) return null;
  const a = dayNumber(start ?? end);
  const b = dayNumber(end ?? start);
  if (a === null || b === null) return [-NO_DAY, NO_DAY];
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Day bounds that include every day a `from`/`to` filter can keep ("2017" as `to` keeps all of 2017), a day wider
 * on each side; null when a bound is not a date the tree can use (the exact clauses then do all the work).
 */
export function filterDays(from: string | undefined, to: string | undefined): { from: number; to: number } | null {
  const lo = from === undefined ? -NO_DAY : periodStart(from);
  const hi = to === undefined ? NO_DAY : periodEnd(to);
  if (lo === null || hi === null) return null;
  return { from: lo - 1, to: hi + 1 };
}

function periodStart(s: string): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
  if (!m) return null;
  return dayNumber(`${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}`);
}

function periodEnd(s: string): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
  if (!m) return null;
  if (m[3]) return dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 12; // the last day of that month: day 0 of the next
  return Math.floor(Date.UTC(year, month, 0) / DAY_MS);
}
