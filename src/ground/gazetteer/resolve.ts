// Toponym resolution: ranks each mention's candidates by feature importance and population, the document's
// country focus, feature-word hints ("province" → ADM1), explicit containers ("Pandi, Bulacan", "Homs, Syria")
// and closeness to the other places of the text; confidence combines recognition cues with the ranking margin.
import { haversineKm } from "../geo.ts";
import type { Assessed } from "./context.ts";
import { fitsHint, importance, important } from "./features.ts";
import { addPlaceVote, copyVotes, countryVotes, type Focus, focusBonus, type Shares, toFocus } from "./focus.ts";
import type { Candidate } from "./index.ts";
import type { Lexicon } from "./lexicon.ts";
import { looseKey, nameKey, splitFeatureHint } from "./normalize.ts";

export interface Mention extends Assessed {
  /** Index of the mention that names this one's container ("Bulacan" in "Pandi, Bulacan"). */
  container?: number;
}

/** What scoring needs of a mention's own name, worked out once per mention rather than once per candidate. */
interface MentionKeys {
  /** `nameKey` of the mention's text. */
  key: string;
  /** `nameKey` and `looseKey` of its text without a trailing feature word ("Latakia" of "Latakia Governorate"). */
  ownKey: string;
  ownLoose: string;
}

function mentionKeys(m: Mention): MentionKeys {
  const name = splitFeatureHint(m.text).name;
  return { key: nameKey(m.text), ownKey: nameKey(name), ownLoose: looseKey(name) };
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

/** Whether one of the mention's exact readings is a country ("Russia", "Palestine"). */
export function namesCountry(m: { candidates: readonly Candidate[] }): boolean {
  return m.candidates.some((c) => c.exact && c.place.feature === "PCLI");
}

/** A-priori strength of a reading: kind of place, population, fame, exact spelling. */
export function prior(c: Candidate): number {
  return importance(c) + (c.exact ? 0.3 : 0);
}

/** Population from which "eastern X" is a part of the city rather than of its province ("eastern Aleppo"). */
const CITY_PARTS_POPULATION = 1_000_000;

/**
 * Whether the mention names the place by its own GeoNames name (or one of the curated names of a country or a
 * supplement place) rather than by one of GeoNames' alternate names, which for small places are often
 * historical names, nicknames or names of something else nearby ("Cape Town" as an alternate name of a village).
 */
function ownName(c: Candidate, k: MentionKeys): boolean {
  if (!c.place.geonameid) return true;
  return nameKey(c.place.name) === k.ownKey || looseKey(c.place.name) === k.ownLoose;
}

/** Cost of reading a mention as a small place known by that name only as an alternate: less for famous places. */
function alternateNameCost(c: Candidate, k: MentionKeys): number {
  if (!minor(c) || ownName(c, k)) return 0;
  return Math.max(0, 0.8 - 0.8 * Math.log10(1 + c.alternates));
}

/**
 * A province named after its chief city ("Raqqa", "Homs", "New York"): the bare name is the city by
 * convention; "Raqqa province" and "east Homs" are the province.
 */
function namesItsCity(division: Candidate, m: Mention): boolean {
  return m.candidates.some(
    (x) =>
      x.place.feature.startsWith("PPL") &&
      x.admin1Code === division.admin1Code &&
      contains(division, x) &&
      important(x),
  );
}

function baseScore(c: Candidate, m: Mention, k: MentionKeys, focus: Focus, admin1: Shares): number {
  let s = prior(c) + focusBonus(focus, c.place.country, !minor(c)) + admin1Bonus(admin1, c);
  if (m.hint) s += fitsHint(c.place.feature, m.hint) ? 1.5 : -1;
  else if (c.exact && c.place.feature === "PCLI") s += 1.5;
  if (m.directionBefore !== undefined && c.place.feature === "ADM1") {
    const bigCity = m.candidates.some(
      (x) => x.place.feature.startsWith("PPL") && (x.place.population ?? 0) >= CITY_PARTS_POPULATION && contains(c, x),
    );
    if (!bigCity) s += 1.5;
  }
  if (nameKey(c.place.name) === k.key) s += 0.2; // the place's main name, not an alternate
  if (c.place.feature === "ADM1" && !m.hint && m.directionBefore === undefined && namesItsCity(c, m)) s -= 1;
  return s - alternateNameCost(c, k);
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

const NOT_MINOR = new Set(["PCLI", "ADM1", "PPLC"]);

function minor(c: Candidate): boolean {
  const p = c.place;
  return Boolean(p.geonameid) && (p.population ?? 0) < 100_000 && !NOT_MINOR.has(p.feature);
}

/**
 * `containers`: the containers named for this mention's sense ("Texas" of "Palestine, Texas", which also settles
 * a later bare "Palestine"); `contained`: the mentions whose container is this one, in text order. A reading
 * that no named container holds is the writer's explicit "not this one".
 */
function containerScore(c: Candidate, containers: Mention[], contained: Mention[]): number {
  let s = 0;
  if (containers.length) s += containers.some((o) => o.candidates.some((x) => contains(x, c))) ? 2.5 : -2;
  for (const other of contained) if (other.candidates.some((x) => contains(c, x))) s += 1;
  return s;
}

function proximityScore(c: Candidate, key: string, picks: { key: string; pick: Candidate }[]): number {
  if (c.place.feature === "PCLI") return 0;
  let best = 0;
  for (const p of picks) {
    if (p.key === key || p.pick.place.feature === "PCLI" || (p.pick.place.radiusKm ?? 0) > 150) continue;
    // another name of the same place says nothing of where this one is ("Mexico" beside "Mexico City")
    if (p.pick.row === c.row) continue;
    const d = haversineKm(c.place, p.pick.place);
    best = Math.max(best, d < 30 ? 1 : d < 100 ? 0.7 : d < 300 ? 0.3 : 0);
  }
  return best;
}

/** Same-sense groups larger than this sum their scores by total-minus-own (see `othersSum` in resolveAll). */
const LARGE_GROUP = 16;

/** How close two towns (or a town and a county's edge) of different mentions must be to support each other. */
const COLOCATED_KM = 25;
/** Grid cell of the co-location index, in degrees (~55 km: neighbouring cells cover COLOCATED_KM and counties). */
const CELL_DEG = 0.5;
/**
 * Two names with many readings each will have some next to each other by chance ("Madison" and "Warren" in New
 * Jersey): a pair of names counts fully up to this product of their numbers of readings, less beyond.
 */
const COINCIDENCE = 150;
/** Readings per name looked at for co-location (names like "Springfield" have dozens). */
const COLOCATION_READINGS = 40;

/** A reading that can lie next to another mention's: a town or a county, exact, fitting the mention's hint. */
function localReading(c: Candidate, m: Mention): boolean {
  const f = c.place.feature;
  return c.exact && (f.startsWith("PPL") || f === "ADM2") && (!m.hint || fitsHint(f, m.hint));
}

/**
 * Spatial minimality: for each sense and reading (`sense|row`), how many other names of the text have a reading
 * next to it ("Walker County" and "Huntsville" are the Texas ones together: Huntsville is the county's seat;
 * "Paris" and "Henry County" the Tennessee ones). Towns count within COLOCATED_KM, a county for the towns
 * inside it. Readings are put in a grid, so this is a few lookups per reading.
 */
function coLocations(mentions: Mention[], senses: string[]): Map<string, number> {
  const grid = new Map<number, { sense: string; c: Candidate }[]>();
  const cell = (lat: number, lon: number) => cellKey(Math.floor(lat / CELL_DEG), Math.floor(lon / CELL_DEG));
  const entries: { sense: string; c: Candidate }[] = [];
  const seen = new Set<string>();
  const readings = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (m.demonym || seen.has(senses[i])) return;
    seen.add(senses[i]);
    // A town named like a state or a country of its own country ("California, Pa.") is no evidence either way.
    const divisions = new Set(
      m.candidates.filter((x) => x.exact && ["ADM1", "PCLI"].includes(x.place.feature)).map((x) => x.place.country),
    );
    const local = m.candidates.filter((x) => localReading(x, m) && !divisions.has(x.place.country));
    readings.set(senses[i], local.length);
    for (const c of local.slice(0, COLOCATION_READINGS)) {
      const e = { sense: senses[i], c };
      entries.push(e);
      const k = cell(c.place.lat, c.place.lon);
      const list = grid.get(k);
      if (list) list.push(e);
      else grid.set(k, [e]);
    }
  });
  const out = new Map<string, number>();
  if (seen.size < 2) return out;
  for (const e of entries) {
    const near = new Map<string, number>();
    const n0 = readings.get(e.sense) ?? 1;
    const r0 = e.c.place.feature === "ADM2" ? (e.c.place.radiusKm ?? 0) : 0;
    const la = Math.floor(e.c.place.lat / CELL_DEG);
    const lo = Math.floor(e.c.place.lon / CELL_DEG);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const o of grid.get(cellKey(la + dy, lo + dx)) ?? []) {
          if (o.sense === e.sense || near.has(o.sense) || o.c.row === e.c.row) continue;
          const r1 = o.c.place.feature === "ADM2" ? (o.c.place.radiusKm ?? 0) : 0;
          if (r0 && r1) continue; // two counties: neighbours say little
          if (metropolis(o.c)) continue; // dozens of towns lie next to any metropolis
          if (haversineKm(e.c.place, o.c.place) <= Math.max(COLOCATED_KM, r0, r1))
            near.set(o.sense, Math.min(1, COINCIDENCE / (n0 * (readings.get(o.sense) ?? 1))));
        }
      }
    }
    if (near.size)
      out.set(
        `${e.sense}|${e.c.row}`,
        [...near.values()].reduce((a, b) => a + b, 0),
      );
  }
  return out;
}

/** A grid cell's key: one number per (row, column) pair, as latitudes and longitudes are bounded. */
function cellKey(row: number, column: number): number {
  return row * 4096 + column;
}

/** A capital or a city of a million: no evidence for the towns around it ("Bogota" near "New York City"). */
function metropolis(c: Candidate): boolean {
  return c.place.feature === "PPLC" || (c.place.population ?? 0) >= 1_000_000;
}

/** Bonus of a reading with `n` other names of the text next to it. */
function coLocationScore(n: number | undefined): number {
  return n ? 1.0 * Math.min(2, n) : 0;
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
  if (m.demonym || m.embedded) r -= 0.15;
  return r;
}

/** "US.GA": the first-order division of a reading, when known. */
function admin1Of(c: Candidate): string | null {
  return c.place.country && c.admin1Code && c.place.feature !== "PCLI" ? `${c.place.country}.${c.admin1Code}` : null;
}

/** One piece of evidence that a text is about a first-order division (a state, a province, a governorate). */
interface Admin1Vote {
  /** Sense key of the mention that gives it: a mention does not vote for its own reading. */
  sense: string;
  admin1: string;
  weight: number;
}

/**
 * Evidence from the text itself: a mention whose exact readings all lie in one first-order division votes for
 * it (1 for the division itself, "Texas" or "Ky.", 0.5 for an important place, 0.25 for a small one).
 */
function admin1Votes(mentions: Mention[], senses: string[]): Admin1Vote[] {
  const out: Admin1Vote[] = [];
  const seen = new Set<string>();
  mentions.forEach((m, i) => {
    if (m.demonym || m.ambiguous || seen.has(senses[i])) return;
    if (namesCountry(m)) return; // "Russia" is not Russia, Ohio
    const exact = m.candidates.filter((c) => c.exact);
    const codes = new Set(exact.map(admin1Of));
    if (!exact.length || codes.size !== 1 || codes.has(null)) return;
    seen.add(senses[i]);
    const weight = exact.some((c) => c.place.feature === "ADM1") ? 1 : exact.some(important) ? 0.5 : 0.25;
    out.push({ sense: senses[i], admin1: [...codes][0] as string, weight });
  });
  return out;
}

/** Shares of the admin1 evidence that does not come from the mention with sense `sense`. */
function admin1Shares(votes: Admin1Vote[], sense: string): Shares {
  const sums = new Map<string, number>();
  for (const v of votes) if (v.sense !== sense) sums.set(v.admin1, (sums.get(v.admin1) ?? 0) + v.weight);
  const max = Math.max(0, ...sums.values());
  const out: Shares = new Map();
  if (max > 0) for (const [k, v] of sums) out.set(k, v / max);
  return out;
}

/** A reading in the division the rest of the text is about: "Gainesville" in a text about Texas. */
function admin1Bonus(shares: Shares, c: Candidate): number {
  const key = admin1Of(c);
  return key ? 1.2 * Math.sqrt(shares.get(key) ?? 0) : 0;
}

/**
 * The sense of a mention: mentions with the same name, feature hint and compass prefix name the same place
 * (one sense per discourse), so that "Springfield, Ill." also settles a later bare "Springfield".
 */
function senseKey(m: Mention): string {
  return `${nameKey(m.text)}|${m.hint ?? ""}|${m.directionBefore !== undefined ? "dir" : ""}|${m.demonym ? "dem" : ""}`;
}

/**
 * A county that the gazetteer lacks (a county of another country, or a US one misspelt) or knows only through
 * a town of the same name elsewhere is read as the state the text is about, its smallest known container;
 * without such a state it is dropped rather than guessed. Undefined: resolve as usual (US counties and
 * parishes are in the gazetteer, `us-counties.tsv`).
 */
function countyFallback(
  scored: { c: Candidate; s: number }[],
  shares: Shares,
  division: (admin1: string) => Candidate | undefined,
): Resolution | undefined {
  // A county the gazetteer knows ("Walker County": Alabama, Georgia, Texas) is ranked like any other reading.
  if (scored.some(({ c }) => c.place.feature === "ADM2")) return undefined;
  const top = [...shares].filter(([, v]) => v >= 1).map(([k]) => k);
  const state = top.length === 1 ? division(top[0]) : undefined;
  const best = scored.length ? [...scored].sort((x, y) => y.s - x.s)[0].c : null;
  if (best && (!state || admin1Of(best) === top[0])) return undefined;
  if (state) return { candidate: state, confidence: 0.4 };
  return { candidate: null, confidence: 0, drop: true };
}

/**
 * The region a document comes from (its outlet's home), as the resolver uses it: a country and the `admin1Of`
 * key of a first-order division ("US.LA").
 */
export interface HomeRegion {
  country: string;
  admin1?: string;
}

/** A home region weighs like one mention of it: a division named once (admin1 vote 1), an important place (1). */
const HOME_WEIGHT = 1;

/** The resolver's form of a home: the division's key looked up by its name. */
export function homeRegion(
  home: { country: string; admin1?: string },
  named: (country: string, name: string) => Candidate | undefined,
): HomeRegion {
  const division = home.admin1 ? named(home.country, home.admin1) : undefined;
  const key = division ? admin1Of(division) : null;
  return key ? { country: home.country, admin1: key } : { country: home.country };
}

/** Resolves every mention to one candidate, or none (unknown or implausible), or drops it. */
export function resolveAll(
  mentions: Mention[],
  text: string,
  lex: Lexicon,
  division: (admin1: string) => Candidate | undefined = () => undefined,
  home?: HomeRegion,
): Resolution[] {
  const votes = countryVotes(mentions, text, lex);
  if (home) addPlaceVote(votes, home.country, HOME_WEIGHT);
  const mkeys = mentions.map(mentionKeys);
  const keys = mkeys.map((k) => k.key);
  const contained = mentions.map((m) =>
    mentions.filter((other) => other.container !== undefined && mentions[other.container] === m),
  );
  const senses = mentions.map(senseKey);
  const containersBySense = new Map<string, Mention[]>();
  mentions.forEach((m, i) => {
    if (m.container === undefined) return;
    const list = containersBySense.get(senses[i]);
    if (list) list.push(mentions[m.container]);
    else containersBySense.set(senses[i], [mentions[m.container]]);
  });
  const a1votes = admin1Votes(mentions, senses);
  if (home?.admin1) a1votes.push({ sense: "#home", admin1: home.admin1, weight: HOME_WEIGHT });
  const a1shares = new Map<string, Shares>();
  const sharesFor = (sense: string, extra: Admin1Vote[]) => {
    const k = `${sense}#${extra.length}`;
    let v = a1shares.get(k);
    if (!v) {
      v = admin1Shares([...a1votes, ...extra], sense);
      a1shares.set(k, v);
    }
    return v;
  };
  const near = coLocations(mentions, senses);
  const score = (
    m: Mention,
    i: number,
    focus: Focus,
    proximity: (c: Candidate, key: string) => number,
    extra: Admin1Vote[],
  ) => {
    const shares = sharesFor(senses[i], extra);
    return m.candidates.map((c) => ({
      c,
      s:
        baseScore(c, m, mkeys[i], focus, shares) +
        containerScore(c, containersBySense.get(senses[i]) ?? [], contained[i]) +
        proximity(c, keys[i]) +
        coLocationScore(near.get(`${senses[i]}|${c.row}`)),
    }));
  };
  // Pass 1: without proximity; pass 2: focus and proximity informed by pass 1's picks.
  const focus1 = toFocus(votes);
  const first = mentions.map((m, i) => (m.candidates.length ? rank(score(m, i, focus1, () => 0, [])).best : null));
  // Picks confirm a focus country; they do not create one (a misread place must not vote for itself), and
  // capitals do not count: "Washington" and "Moscow" are governments more often than places.
  const pickVotes: { sense: string; cc: string }[] = [];
  const extra: Admin1Vote[] = [];
  first.forEach((pick, i) => {
    const cc = pick?.place.country;
    if (!pick || !cc || mentions[i].demonym || ["PCLI", "PPLC"].includes(pick.place.feature)) return;
    if ((focus1.all.get(cc) ?? 0) < 0.2) return;
    pickVotes.push({ sense: senses[i], cc });
    const a1 = admin1Of(pick);
    if (a1) extra.push({ sense: senses[i], admin1: a1, weight: 0.3 });
  });
  // A pick does not vote for its own mention's reading (nor for same-sense mentions).
  const focusCache = new Map<string, Focus>();
  const focusFor = (sense: string): Focus => {
    let f = focusCache.get(sense);
    if (!f) {
      const v = copyVotes(votes);
      for (const p of pickVotes) if (p.sense !== sense) addPlaceVote(v, p.cc, 0.5);
      f = toFocus(v);
      focusCache.set(sense, f);
    }
    return f;
  };
  // one entry per (key, reading): proximityScore takes a maximum over picks, so repeats cannot change it
  const pickSeen = new Set<string>();
  const picks = first.flatMap((pick, i) => {
    if (!pick || mentions[i].demonym || implausible(pick, focus1)) return [];
    const k = `${keys[i]}|${pick.row}`;
    if (pickSeen.has(k)) return [];
    pickSeen.add(k);
    return [{ key: keys[i], pick }];
  });
  // proximityScore depends only on (reading, key): memoised, so a name said a thousand times in a long text is
  // not measured against every pick a thousand times
  const proximityMemo = new Map<string, number>();
  const proximity = (c: Candidate, key: string): number => {
    const k = `${key}|${c.row}`;
    let v = proximityMemo.get(k);
    if (v === undefined) {
      v = proximityScore(c, key, picks);
      proximityMemo.set(k, v);
    }
    return v;
  };
  // One sense per discourse: the readings of same-sense mentions are ranked on their summed scores.
  const scored = mentions.map((m, i) =>
    m.candidates.length ? score(m, i, focusFor(senses[i]), proximity, extra) : [],
  );
  const groups = new Map<string, number[]>();
  senses.forEach((k, i) => {
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  // Each mention's score by reading (the first when a row repeats), for the sums below.
  const byRow = new Map<number, Map<number, number>>();
  const scoresByRow = (j: number): Map<number, number> => {
    let rows = byRow.get(j);
    if (!rows) {
      rows = new Map();
      for (const x of scored[j]) if (!rows.has(x.c.row)) rows.set(x.c.row, x.s);
      byRow.set(j, rows);
    }
    return rows;
  };
  // The other same-sense mentions' scores for a reading. Summed in group order, as written; a long text's large
  // groups (a name said hundreds of times) take the group's total less the mention's own, which is the same sum
  // up to floating-point rounding and linear instead of quadratic in the group's size.
  const totals = new Map<number[], Map<number, number>>();
  const othersSum = (group: number[], i: number, row: number): number => {
    if (group.length <= LARGE_GROUP) {
      let sum = 0;
      for (const j of group) if (j !== i) sum += scoresByRow(j).get(row) ?? 0;
      return sum;
    }
    let byRowTotal = totals.get(group);
    if (!byRowTotal) {
      byRowTotal = new Map();
      totals.set(group, byRowTotal);
    }
    let total = byRowTotal.get(row);
    if (total === undefined) {
      total = 0;
      for (const j of group) total += scoresByRow(j).get(row) ?? 0;
      byRowTotal.set(row, total);
    }
    return total - (scoresByRow(i).get(row) ?? 0);
  };
  return mentions.map((m, i) => {
    if (m.hint === "adm2" && /\b(?:county|parish)$/i.test(m.text)) {
      const fallback = countyFallback(scored[i], sharesFor(senses[i], extra), division);
      if (fallback !== undefined) return fallback;
    }
    if (!m.candidates.length) return { candidate: null, confidence: m.cue === 2 ? 0.5 : 0.3 };
    const group = groups.get(senses[i]) ?? [i];
    const own = scored[i];
    const summed = group.length > 1 ? own.map(({ c, s }) => ({ c, s: s + othersSum(group, i, c.row) / 2 })) : own;
    const { best, p } = rank(summed.map((x) => ({ ...x })));
    if (!m.demonym && implausible(best, focusFor(senses[i]), m.roadName) && !containersBySense.has(senses[i])) {
      return m.cue === 2 ? { candidate: null, confidence: 0.35 } : { candidate: null, confidence: 0, drop: true };
    }
    const r = recognitionConfidence(m, best);
    const confidence = Math.round(Math.min(0.99, Math.max(0.05, r * (0.55 + 0.45 * p))) * 100) / 100;
    return { candidate: best, confidence };
  });
}
