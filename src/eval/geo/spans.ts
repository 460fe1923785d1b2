// Checks that a span of a document says what an annotation claims it says, and moves it when it is a little off.
// Used for gold toponyms (to verify the corpora's offsets) and for baseline outputs (whose offsets drift).

import type { Span } from "../../model/types.ts";

export type Alignment = "exact" | "case" | "moved";

export interface AlignOptions {
  /** How far (in UTF-16 units, start to start) a span may be moved to find the name; Infinity: anywhere. */
  window: number;
  /** Starts already claimed by other annotations: a moved span never lands on one. */
  taken?: Set<number>;
}

/**
 * Returns where `name` really is: the given span when the text there equals `name` ("exact") or equals it ignoring
 * case ("case"); else the nearest occurrence of `name` (ignoring case) within `window` whose start is not taken
 * ("moved"); else null. Example: `alignSpan("in Paris", 2, 7, "Paris", {window: 5})` → `{start: 3, end: 8, how: "moved"}`.
 */
export function alignSpan(
  text: string,
  start: number,
  end: number,
  name: string,
  opts: AlignOptions,
): (Span & { how: Alignment }) | null {
  if (!name) return null;
  const there = start >= 0 && end <= text.length && start < end ? text.slice(start, end) : null;
  if (there === name) return { start, end, how: "exact" };
  if (there !== null && there.toLowerCase() === name.toLowerCase()) return { start, end, how: "case" };
  const hay = text.toLowerCase();
  const needle = name.toLowerCase();
  let best = -1;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (Math.abs(at - start) > opts.window || opts.taken?.has(at)) continue;
    if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best < 0 ? null : { start: best, end: best + name.length, how: "moved" };
}

/** Tally of how a set of spans aligned with its text. */
export interface AlignmentTally {
  exact: number;
  case: number;
  moved: number;
  /** Gold: dropped. Baselines: kept at their given offsets. */
  failed: number;
}

export function emptyTally(): AlignmentTally {
  return { exact: 0, case: 0, moved: 0, failed: 0 };
}
