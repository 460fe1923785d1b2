// Document-level country focus: which countries a text is about. Two channels: everything (country names,
// demonyms, places) says what the text is about; places alone say whose towns it talks about. A text that
// names "the United States" as an actor is about the US, but its "Geneva" is still the famous one.
import { important } from "./features.ts";
import type { Candidate } from "./index.ts";
import type { Lexicon } from "./lexicon.ts";

/** Country code → share of the evidence in [0, 1], relative to the most-evidenced country. */
export type Shares = Map<string, number>;

export interface Focus {
  /** From country names, demonyms and places. */
  all: Shares;
  /** From places only (readings in one country, confirmed picks). */
  places: Shares;
}

export type Votes = { all: Map<string, number>; places: Map<string, number> };

/** Capitalised words (a module constant: tsx compiles a Unicode-property literal to `new RegExp(…)`). */
const CAPITALISED_WORD = /\b\p{Lu}\p{Ll}+s?\b/gu;

function add(votes: Map<string, number>, cc: string | undefined, w: number): void {
  if (cc) votes.set(cc, (votes.get(cc) ?? 0) + w);
}

/**
 * Votes from the text itself: places with exact readings in one country only (1 per name, 0.3 for a small
 * place; both channels), country names (0.5) and demonyms (0.25, at most 4 per country), the latter two in the
 * `all` channel only.
 */
export function countryVotes(
  mentions: { candidates: readonly Candidate[]; ambiguous: boolean; demonym?: boolean }[],
  text: string,
  lex: Lexicon,
): Votes {
  const votes: Votes = { all: new Map(), places: new Map() };
  const seen = new Set<string>();
  for (const m of mentions) {
    const exact = m.candidates.filter((c) => c.exact);
    if (m.ambiguous || m.demonym || !exact.length) continue; // demonyms are counted from the text below
    const country = exact.find((c) => c.place.feature === "PCLI");
    if (country) {
      // "Georgia" is also a US state: such a name says nothing about the text's country.
      const division = exact.some((c) => c.place.feature === "ADM1" && c.place.country !== country.place.country);
      if (!division) add(votes.all, country.place.country, 0.5);
      continue;
    }
    // A place read in one country only votes for it once per name; a small one weakly.
    const countries = new Set(exact.map((c) => c.place.country));
    const key = `${exact[0].row}`;
    if (countries.size !== 1 || seen.has(key)) continue;
    seen.add(key);
    // A capital ("Washington", "Moscow") is as often its government: it says what the text is about, not
    // whose towns it names.
    if (exact.some((c) => c.place.feature === "PPLC")) add(votes.all, exact[0].place.country, 1);
    else addPlaceVote(votes, exact[0].place.country, exact.some(important) ? 1 : 0.3);
  }
  const perDemonym = new Map<string, number>();
  for (const w of text.match(CAPITALISED_WORD) ?? []) {
    const cc = lex.demonym(w);
    if (!cc) continue;
    const seen = perDemonym.get(cc) ?? 0;
    if (seen < 4) add(votes.all, cc, 0.25);
    perDemonym.set(cc, seen + 1);
  }
  return votes;
}

/** Adds a place's vote to both channels. */
export function addPlaceVote(votes: Votes, cc: string | undefined, w: number): void {
  add(votes.all, cc, w);
  add(votes.places, cc, w);
}

function shares(votes: Map<string, number>): Shares {
  const max = Math.max(0, ...votes.values());
  const out: Shares = new Map();
  if (max > 0) for (const [cc, v] of votes) out.set(cc, v / max);
  return out;
}

/** Normalises votes so that the strongest country of each channel has share 1. */
export function toFocus(votes: Votes): Focus {
  return { all: shares(votes.all), places: shares(votes.places) };
}

/** A copy of `votes`, to add to. */
export function copyVotes(votes: Votes): Votes {
  return { all: new Map(votes.all), places: new Map(votes.places) };
}

/**
 * The score bonus of a reading in `country`: from the `all` channel for important places (a capital, a
 * province), from the `places` channel for small ones. The square root keeps a country named a few times in a
 * text about another one in play (Moscow in a US-heavy Syria story is still Russia's).
 */
export function focusBonus(focus: Focus, country: string | undefined, important: boolean): number {
  const share = (important ? focus.all : focus.places).get(country ?? "") ?? 0;
  return (important ? 1.2 : 0.8) * Math.sqrt(share);
}
