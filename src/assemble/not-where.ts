// Places a text names that are not where anything happened, whichever event is being placed: modifiers,
// possessors, states that act, legal status, the far side of a border, a sea before its coast. The event assembler
// (locations.ts) leaves them out of the candidates for an event's location; they stay place mentions.
import { haversineKm } from "../ground/geo.ts";
import type { AnnotatedDocument, PlaceMention, Token } from "../model/types.ts";
import { firstStartingAt } from "./context.ts";

/** Seas and gulfs, and the words after one that make it a modifier ("the Mediterranean coastal city of X"). */
const WATERS = /^(?:OCN|SEA|GULF|BAY)$/;
const SHORE_AFTER =
  /^\s+(?:coast|coastal|coastline|coasts|shore|shores|seaboard|littoral|port|ports|island|islands)\b/i;

/** An apostrophe's possessive right after a name ("Syria's", "Homs'"). */
const POSSESSIVE_AFTER = /^['’]s?(?![\p{L}\p{N}])/u;
/** Up to three lower-case words between a possessor and the place it holds ("Syria's rebel-held northern Idlib"). */
const HELD_BETWEEN = /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,3}$/u;

/** Whether a resolved mention is in the possessive: "Syria's", "Homs'", or "Syrias" where the apostrophe was lost. */
function possessive(m: PlaceMention, text: string): boolean {
  const name = m.place?.name ?? "";
  if (/s$/.test(m.text) && !/s$/i.test(name) && !/s$/i.test(m.text.slice(0, -1))) return true;
  return POSSESSIVE_AFTER.test(text.slice(m.end, m.end + 3));
}

/**
 * The country most of the document's place mentions lie in (demonyms count; a country named only as a modifier
 * does not), or null.
 */
function focusCountry(ad: AnnotatedDocument, modifiers: Set<PlaceMention>): string | null {
  const counts = new Map<string, number>();
  for (const m of ad.places) {
    const country = m.place?.country;
    if (country && !modifiers.has(m)) counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [c, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = c;
  return best;
}

/**
 * Whether `m` is a container in the possessive before the place it holds: "Syria's Idlib province", "Iraq's
 * Mosul", "Aleppo's Sukkari district" (and "Syrias Idlib", as copied text without its apostrophes writes it). Such
 * a name says where the next place is, not where the event was: the next place is the more precise location. The
 * next place must lie in the container: the same country, and for a place narrower than a country its first-order
 * division or within its radius.
 */
function possessorOf(m: PlaceMention, next: PlaceMention | undefined, text: string): boolean {
  const p = m.place;
  const q = next?.place;
  if (!next || !p || !q || next.demonym || next.start - m.end > 40 || p.country !== q.country) return false;
  if (!possessive(m, text)) return false;
  if (!HELD_BETWEEN.test(text.slice(m.end, next.start))) return false;
  if (/^PCL/.test(p.feature)) return true;
  return (!!p.admin1 && p.admin1 === q.admin1) || haversineKm(p, q) <= (p.radiusKm ?? 10) * 1.5 + 10;
}

/** The token right after a mention and one space ("US airstrike", "Moscow denied"), with its wink tag; or none. */
function wordAfter(m: PlaceMention, ad: AnnotatedDocument): Token | undefined {
  if (ad.doc.text[m.end] !== " ") return undefined;
  const next = ad.tokens[firstStartingAt(ad.tokens, m.end + 1)];
  return next?.start === m.end + 1 ? next : undefined;
}

/** A country joined by a hyphen to the word after or before it: "US-led", "U.S.-backed", "US-Russian", "Russian-US". */
const HYPHEN_AFTER = /^[-‐‑]\p{L}/u;
const HYPHEN_BEFORE = /\p{L}[-‐‑]$/u;
/** Words before a name that make it where something is: "in Syria last week" is a place, "a US airstrike" is not. */
const LOCATIVE_BEFORE =
  /\b(?:in|into|inside|across|throughout|within|to|from|at|near|over|outside|around|toward|towards)\s+(?:the\s+)?$/i;

/**
 * Whether a country's name is used as a modifier, like a demonym ("a suspected US airstrike", "the US-backed
 * Syrian Democratic Forces", "a US-Russian brokered ceasefire"): joined by a hyphen, or right before a lower-case
 * noun or adjective (wink's tags) and not after a locative word ("an airstrike in Syria last week" stays Syria).
 * It says whose, not where. Possessives are left alone ("Syria's war has killed…" stays in Syria).
 */
function countryModifier(m: PlaceMention, ad: AnnotatedDocument): boolean {
  if (!/^PCL/.test(m.place?.feature ?? "")) return false;
  const text = ad.doc.text;
  if (possessive(m, text)) return false;
  if (
    HYPHEN_AFTER.test(text.slice(m.end, m.end + 2)) ||
    HYPHEN_BEFORE.test(text.slice(Math.max(0, m.start - 2), m.start))
  )
    return true;
  if (LOCATIVE_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start))) return false;
  const next = wordAfter(m, ad);
  return !!next && /^\p{Ll}/u.test(next.text) && (next.pos === "NOUN" || next.pos === "ADJ");
}

/**
 * "backed by Moscow", "a truce agreed by Russia and the United States", "agreed by Turkey Russia and Iran": a state
 * (or its capital) after "by", alone or in a list of names, is an agent.
 */
const AGENT_BEFORE = /\bby\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*(?:\s+|\s*,\s*)(?:and\s+)?(?:the\s+)?){0,4}$/u;
/** "the Islamic State (banned in Russia)": a group's legal status somewhere, not where anything happened. */
const STATUS_BEFORE = /\b(?:banned|outlawed|prohibited|proscribed|illegal)\s+in\s+(?:the\s+)?$/i;

/**
 * Whether a country or a capital is named as a state that acts, not as a place: after "by" ("backed by Moscow"),
 * or as the subject of a verb ("Moscow denied bombing hospitals", "the US launched a cruise missile attack") when
 * the text is not about that country ("Damascus has been the scene of heavy fighting" stays Damascus).
 */
function stateAsActor(m: PlaceMention, ad: AnnotatedDocument, focus: string | null): boolean {
  const text = ad.doc.text;
  if (!/^(?:PCL|PPLC)/.test(m.place?.feature ?? "") || possessive(m, text)) return false; // "by Syria's rebels"
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  if (AGENT_BEFORE.test(before)) return true;
  if (m.place?.country === focus || LOCATIVE_BEFORE.test(before)) return false;
  const next = wordAfter(m, ad);
  return next?.pos === "VERB" || next?.pos === "AUX";
}

/** "on the Syrian side of the border with Iraq": the country after "border with" is across it, not where. */
const ACROSS_BORDER = /\b(?:border|borders|frontier|boundary)(?:\s+crossings?)?\s+with\s+(?:the\s+)?$/i;

/**
 * The place mentions among `named` (the document's toponyms, demonyms left out) that are named but are not where
 * anything happened, whatever the event: a sea before "coast" ("the Mediterranean coastal city of Tartus"), a
 * container in the possessive before a place in it ("Syria's Idlib province"), a country as a modifier ("a US
 * airstrike") or as a state that acts ("backed by Moscow"), a place after "banned in", a country across a border.
 */
export function namedNotWhere(ad: AnnotatedDocument, named: PlaceMention[]): Set<PlaceMention> {
  const text = ad.doc.text;
  // "a US airstrike" is whose, not where, unless the text is about that country ("the Syria war")
  const modifiers = new Set(named.filter((m) => countryModifier(m, ad)));
  const focus = focusCountry(ad, modifiers);
  const out = new Set<PlaceMention>();
  for (let i = 0; i < named.length; i++) {
    const m = named[i];
    const feature = m.place?.feature ?? "";
    const before = (n: number) => text.slice(Math.max(0, m.start - n), m.start);
    if (
      possessorOf(m, named[i + 1], text) ||
      (modifiers.has(m) && m.place?.country !== focus) ||
      stateAsActor(m, ad, focus) ||
      STATUS_BEFORE.test(before(30)) ||
      (/^PCL/.test(feature) && ACROSS_BORDER.test(before(40))) ||
      (WATERS.test(feature) && SHORE_AFTER.test(text.slice(m.end, m.end + 20)))
    )
      out.add(m);
  }
  return out;
}
