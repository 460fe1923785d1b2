// Toponym resolution: ranks each mention's candidates by feature importance and population, the document's
// country focus, feature-word hints ("province" → ADM1), explicit containers ("Pandi, Bulacan", "Homs, Syria")
// and closeness to the other places of the text; confidence combines recognition cues with the ranking margin.
import { haversineKm } from "../geo.ts";
import type { Assessed } from "./context.ts";
import { fitsHint, importance } from "./features.ts";
import { addPlaceVote, copyVotes, countryVotes, type Focus, focusBonus, toFocus } from "./focus.ts";
import type { Candidate } from "./index.ts";
import type { Lexicon } from "./lexicon.ts";
import { nameKey } from "./normalize.ts";

export interface Mention extends Assessed {
  /** Index of the mention that names this one's container ("Bulacan" in "Pandi, Bulacan"). */
  container?: number;
}

export interface Resolution {
  /** The reading chosen; null for a place that the gazetteer does not know (or not plausibly). */
  candidate: Candidate | null;
  confidence: number;
  /** Not a place mention after all: its only readings are minor places far from the text's focus. */
  drop?: boolean;
}

/** Whether `outer` contains `inner`: same country, same admin1, or (for two towns) within 40 km. */
export function contains(outer: Candidate, inner: Candidate): boolean {
  const o = outer.place;
  const i = inner.place;
  if (!o.country || o.country !== i.country || outer.row === inner.row) return false;
  if (o.feature === "PCLI") return i.feature !== "PCLI";
  if (o.feature === "ADM1") return Boolean(outer.admin1Code) && outer.admin1Code === inner.admin1Code;
  return haversineKm(o, i) <= Math.max(40, o.radiusKm ?? 0);
}

/** A-priori strength of a reading: kind of place, population, fame, exact spelling. */
export function prior(c: Candidate): number {
  return importance(c) + (c.exact ? 0.3 : 0);
}

/** Population from which "eastern X" is a part of the city rather than of its province ("eastern Aleppo"). */
const CITY_PARTS_POPULATION = 1_000_000;

function baseScore(c: Candidate, m: Mention, focus: Focus): number {
  let s = prior(c) + focusBonus(focus, c.place.country, !minor(c));
  if (m.hint) s += fitsHint(c.place.feature, m.hint) ? 1.5 : -1;
  else if (c.exact && c.place.feature === "PCLI") s += 1.5;
  if (m.directionBefore !== undefined && c.place.feature === "ADM1") {
    const bigCity = m.candidates.some(
      (x) => x.place.feature.startsWith("PPL") && (x.place.population ?? 0) >= CITY_PARTS_POPULATION && contains(c, x),
    );
    if (!bigCity) s += 1.5;
  }
  if (nameKey(c.place.name) === nameKey(m.text)) s += 0.2; // the place's main name, not an alternate
  return s;
}

/**
 * A small place, or a spelling variant, in a country the text is not about: likely some other place that the
 * gazetteer lacks ("al-Fouaa" is not Huế), or no place at all.
 */
function implausible(c: Candidate, focus: Focus, roadName = false): boolean {
  if (!c.exact && minor(c) && !focus.all.size) return true;
  if (!focus.all.size || (focus.all.get(c.place.country ?? "") ?? 0) >= 0.2) return false;
  if (roadName && c.place.feature !== "PCLI") return true;
  return minor(c) || !c.exact;
}

function minor(c: Candidate): boolean {
  const p = c.place;
  return Boolean(p.geonameid) && (p.population ?? 0) < 100_000 && !["PCLI", "ADM1", "PPLC"].includes(p.feature);
}

function containerScore(c: Candidate, i: number, mentions: Mention[]): number {
  const m = mentions[i];
  let s = 0;
  if (m.container !== undefined && mentions[m.container].candidates.some((o) => contains(o, c))) s += 2.5;
  for (const other of mentions) {
    if (
      other.container !== undefined &&
      mentions[other.container] === m &&
      other.candidates.some((x) => contains(c, x))
    )
      s += 1;
  }
  return s;
}

function proximityScore(c: Candidate, key: string, picks: { key: string; pick: Candidate }[]): number {
  if (c.place.feature === "PCLI") return 0;
  let best = 0;
  for (const p of picks) {
    if (p.key === key || p.pick.place.feature === "PCLI" || (p.pick.place.radiusKm ?? 0) > 150) continue;
    const d = haversineKm(c.place, p.pick.place);
    best = Math.max(best, d < 30 ? 0.6 : d < 100 ? 0.45 : d < 300 ? 0.25 : 0);
  }
  return best;
}

function rank(scored: { c: Candidate; s: number }[]): { best: Candidate; p: number } {
  scored.sort((a, b) => b.s - a.s);
  const top = scored[0].s;
  const z = scored.reduce((sum, x) => sum + Math.exp((x.s - top) / 0.5), 0);
  return { best: scored[0].c, p: 1 / z };
}

function recognitionConfidence(m: Mention, best: Candidate): number {
  let r = 0.55 + (m.cue === 2 ? 0.2 : m.cue === 1 ? 0.1 : 0);
  if (m.to - m.from > 1 || m.hint || m.container !== undefined) r += 0.1;
  if (best.place.feature === "PCLI" && best.exact) r += 0.15;
  if (m.common) r -= 0.15;
  if (m.ambiguous) r -= 0.2;
  if (!best.exact) r -= 0.1;
  return r;
}

/** Resolves every mention to one candidate, or none (unknown or implausible), or drops it. */
export function resolveAll(mentions: Mention[], text: string, lex: Lexicon): Resolution[] {
  const votes = countryVotes(mentions, text, lex);
  const keys = mentions.map((m) => nameKey(m.text));
  const score = (m: Mention, i: number, focus: Focus, picks: { key: string; pick: Candidate }[]) =>
    m.candidates.map((c) => ({
      c,
      s: baseScore(c, m, focus) + containerScore(c, i, mentions) + proximityScore(c, keys[i], picks),
    }));
  // Pass 1: without proximity; pass 2: focus and proximity informed by pass 1's picks.
  const focus1 = toFocus(votes);
  const first = mentions.map((m, i) => (m.candidates.length ? rank(score(m, i, focus1, [])).best : null));
  // Picks confirm a focus country; they do not create one (a misread place must not vote for itself), and
  // capitals do not count: "Washington" and "Moscow" are governments more often than places.
  const votes2 = copyVotes(votes);
  for (const pick of first) {
    const cc = pick?.place.country;
    if (!pick || !cc || ["PCLI", "PPLC"].includes(pick.place.feature) || (focus1.all.get(cc) ?? 0) < 0.2) continue;
    addPlaceVote(votes2, cc, 0.5);
  }
  const focus2 = toFocus(votes2);
  const picks = first.flatMap((pick, i) => (pick && !implausible(pick, focus1) ? [{ key: keys[i], pick }] : []));
  return mentions.map((m, i) => {
    if (!m.candidates.length) return { candidate: null, confidence: m.cue === 2 ? 0.5 : 0.3 };
    const { best, p } = rank(score(m, i, focus2, picks));
    if (implausible(best, focus2, m.roadName) && m.container === undefined) {
      return m.cue === 2 ? { candidate: null, confidence: 0.35 } : { candidate: null, confidence: 0, drop: true };
    }
    const r = recognitionConfidence(m, best);
    const confidence = Math.round(Math.min(0.99, Math.max(0.05, r * (0.55 + 0.45 * p))) * 100) / 100;
    return { candidate: best, confidence };
  });
}
