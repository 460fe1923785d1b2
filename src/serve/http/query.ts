// Query-string parsing shared by the routes: bbox, comma lists, bounded integers and strings; bad values → 400.
import { type BBox, type ControlFilter, checkFilter, type EventFilter } from "../../store/interface.ts";
import { HttpError } from "./errors.ts";

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 5000;
const MAX_STRING = 500;

/** Reads one query parameter; an empty value counts as absent. */
export type Query = (name: string) => string | undefined;

export function bad(message: string): HttpError {
  return new HttpError(400, message);
}

/** The store's own validation (bbox ranges, ISO dates), its RangeError turned into a 400. */
export function validFilter<F extends EventFilter | ControlFilter>(filter: F): F {
  try {
    checkFilter(filter);
  } catch (e) {
    if (e instanceof RangeError) throw bad(e.message);
    throw e;
  }
  return filter;
}

/** `w,s,e,n` in degrees (only the shape is checked here; ranges are checkFilter's job). */
export function parseBBox(value: string | undefined): BBox | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",");
  const n = parts.map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
    throw bad("bbox must be four numbers: west,south,east,north");
  }
  return n as BBox;
}

/** A comma list, trimmed, empties dropped; undefined when absent. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** Items that must come from `allowed` (compared after `norm`); unknown ones → 400 naming them. */
export function parseEnumList(
  name: string,
  value: string | undefined,
  allowed: readonly string[],
  norm: (s: string) => string,
): string[] | undefined {
  const items = parseList(value)?.map(norm);
  const unknown = items?.filter((i) => !allowed.includes(i));
  if (unknown?.length) throw bad(`${name}: unknown value ${unknown.join(", ")} (one of ${allowed.join(", ")})`);
  return items;
}

export function parseInteger(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

export function parseString(name: string, value: string | undefined, max = MAX_STRING): string | undefined {
  if (value !== undefined && value.length > max) throw bad(`${name} is too long (at most ${max} characters)`);
  return value;
}

/** `limit` (1…5000, default 500) and `offset` (≥ 0, default 0). */
export function parsePaging(q: Query): { limit: number; offset: number } {
  return {
    limit: parseInteger("limit", q("limit"), 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
    offset: parseInteger("offset", q("offset"), 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

/** The query of a request as a Query (empty values are absent). */
export function queryOf(url: string): Query {
  const params = new URL(url).searchParams;
  return (name) => {
    const v = params.get(name);
    return v === null || v === "" ? undefined : v;
  };
}
