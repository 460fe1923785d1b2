// Who did what to whom: picks the initiator side (actor1/assoc1) and the target side (actor2/assoc2) of a
// trigger from the actors around it — subject before an active verb, "by"-agent after a passive one,
// "X fell to Y", helpers ("help Syrian forces retake"), coordination and compounds, and pronouns
// ("they", "the group") resolved to the most recent actor before them.
import countries from "i18n-iso-countries";
import type { ActorMention, AnnotatedDocument, EventActor, Span, TriggerMention } from "../model/types.ts";
import { clauseAt, covering, lastStartingIn, sameSpan, sentenceAt, startingIn } from "./context.ts";

const PRONOUN =
  /(?<![\w-])(?:they|them|their|he|she|it|the group|the militants|the rebels|the jihadists|the fighters|these (?:soldiers|units|forces|troops|fighters))(?![\w-])/gi;
const HELP =
  /\b(?:help|helps|helped|helping|assist|assists|assisted|assisting|support|supports|supported|supporting|back|backed|backing|advise|advising|join|joined)\s+(?:the\s+)?$/i;
const PREPOSED =
  /\b(?:on|against|with|of|by|for|from|to|at|in|into|near|between|among|targeting|including)\s+(?:(?:the|a|an|its|their|several|some|\w+ian|\w+ese)\s+)?$/i;
const LINK =
  /^\s*(?:,|\/|-|&|and|or|nor|,\s*and|,\s*or|as well as|along with|together with|backed by)\s*(?:the\s+)?(?:(?:allied|affiliated|loyalist|local|other|supporting|pro-government)\s+)?$/i;

const isBareComma = (link: string) => /^\s*,\s*(?:the\s+)?(?:\w+\s+)?$/.test(link) && !/\b(?:and|or|nor)\b/i.test(link);

/** What may stand between a verb and its object: a few words, but no verb of another clause or punctuation. */
const OBJECT_GAP = /^(?![\s\S]*\b(?:was|were|is|are|has|have|had|be|to|that|which|who)\b)[^,;.:]{0,40}$/i;

export interface Sides {
  side1: ActorMention[];
  side2: ActorMention[];
}

const pools = new WeakMap<AnnotatedDocument, { actors: ActorMention[]; pool: ActorMention[] }>();

/** The actors that may take part in events: not those that only say who reports ("activists said"). */
function participants(ad: AnnotatedDocument): ActorMention[] {
  const cached = pools.get(ad);
  if (cached?.actors === ad.actors) return cached.pool;
  const speakers = ad.attributions.flatMap((a) => a.sources);
  const pool = ad.actors.filter((a) => !speakers.some((s) => a.start >= s.start && a.end <= s.end));
  pools.set(ad, { actors: ad.actors, pool });
  return pool;
}

/** The nearest actor that ends before `at` within [from, at), resolving a closer pronoun to an earlier actor. */
function subjectBefore(ad: AnnotatedDocument, from: number, at: number): ActorMention[] {
  const text = ad.doc.text;
  const actors = participants(ad);
  const candidates = startingIn(actors, from, at);
  const nearest = candidates.at(-1);
  // A pronoun between the nearest actor and the trigger stands for the actor the text last named.
  let pronoun: Span | null = null;
  for (const m of text.slice(from, at).matchAll(PRONOUN)) {
    const start = from + (m.index ?? 0);
    if (!nearest || start >= nearest.end) pronoun = { start, end: start + m[0].length };
  }
  if (pronoun) {
    const p = pronoun;
    const antecedent = lastStartingIn(actors, 0, p.start + 1, (a) => a.end <= p.start && a.entry.kind !== "civilians");
    if (antecedent) return sameSpan(actors, antecedent);
  }
  if (!nearest) return [];
  // a subject is not the object of a preposition ("X, backed by Y, attacked", "in a crackdown on Y, X retook"):
  // take the nearest actor that is not, when there is one
  const free = candidates.filter((a) => !PREPOSED.test(text.slice(Math.max(from, a.start - 25), a.start))).at(-1);
  if (free && free !== nearest) return subjectBefore(ad, from, free.end);
  // the whole compound or coordination the nearest actor belongs to ("Mordor, Rohan and Bree"; a bare comma
  // links only inside a list that ends in "and"/"or": "In a raid on ISIS, Iraqi forces …" is no list)
  const group = candidates.filter((a) => a.start === nearest.start && a.end === nearest.end);
  let head = nearest;
  let listed = false;
  for (let i = candidates.indexOf(nearest) - 1; i >= 0; i--) {
    const prev = candidates[i];
    if (prev.start === head.start) continue;
    const link = text.slice(prev.end, head.start);
    if (!LINK.test(link) || (isBareComma(link) && !listed)) break;
    listed ||= !isBareComma(link);
    group.unshift(...candidates.filter((a) => a.start === prev.start && a.end === prev.end));
    head = prev;
  }
  // "Russian forces … help Syrian forces retake X": the helper joins the initiator side
  if (HELP.test(text.slice(Math.max(from, head.start - 40), head.start))) {
    const helper = candidates.filter((a) => a.end <= head.start - 1).at(-1);
    if (helper) group.push(...candidates.filter((a) => a.start === helper.start && a.end === helper.end));
  }
  return group;
}

/** The first actor after `at` within [at, to), allowing a preposition or article before it, with the actors
 * coordinated with it ("clashed with ISIS and the Nusra Front", "between the army, the SDF and ISIS"). */
function objectAfter(ad: AnnotatedDocument, at: number, to: number): ActorMention[] {
  const actors = participants(ad);
  const first = startingIn(actors, at, to)[0];
  if (!first) return [];
  const gap = ad.doc.text.slice(at, first.start);
  if (!OBJECT_GAP.test(gap)) return [];
  const out = sameSpan(actors, first);
  // a bare comma links only inside a list that ends in "and"/"or" ("with ISIS, HTS and Jaish al-Islam")
  let confirmed = out.length;
  let last = first;
  for (const next of startingIn(actors, first.start, to)) {
    if (next.start < last.end || next.start >= to || next.start === last.start) continue;
    const link = ad.doc.text.slice(last.end, next.start);
    if (!LINK.test(link)) break;
    out.push(...sameSpan(actors, next));
    if (!isBareComma(link)) confirmed = out.length;
    last = next;
  }
  return out.slice(0, confirmed);
}

/** A noun trigger inside a prepositional phrase ("killed in airstrikes", "died during shelling"): the start of
 * the phrase, whose actors (if any, "in regime shelling") are the initiators; null otherwise. */
function phraseStart(ad: AnnotatedDocument, trigger: TriggerMention, from: number): number | null {
  if (!trigger.nominal && !/^\w+ing\b/i.test(trigger.text)) return null;
  const lead = ad.doc.text.slice(from, trigger.start);
  const m = lead.match(
    /\b(?:in|during|by|after|from|amid|amidst|following|since|under|despite|before|with|through)\s+(?:(?:the|a|an|its|their|his|her|renewed|heavy|fresh|new|intense|\d+|[\w-]+(?:'s|s'))\s+)*(?:[\w-]+\s+){0,2}$/i,
  );
  if (m?.index === undefined) return null;
  // "tasked with advising": a bare verb after the preposition is a gerund complement, not a noun phrase
  if (!trigger.nominal && /^\s*\w+\s+$/.test(m[0])) return null;
  return from + m.index;
}

/** A verb joined to an earlier verb of its clause by "and"/"then" ("stormed the town and killed …") shares that
 * verb's subject: the offset of the earlier verb, or null. */
function coordinatedVerb(ad: AnnotatedDocument, trigger: TriggerMention, from: number): number | null {
  if (trigger.nominal) return null;
  const lead = ad.doc.text.slice(from, trigger.start);
  const m = lead.match(/(?:,\s*|\s)(?:and|then|and then|but)\s+(?:(?:also|later|then|\w+ly)\s+)?$/i);
  if (!m || m.index === undefined) return null;
  const cut = from + m.index;
  // the earlier verb: the last verb token between the clause start and the conjunction
  const verb = lastStartingIn(ad.tokens, from, cut + 1, (t) => t.end <= cut && t.pos === "VERB");
  if (!verb) return null;
  // no actor may stand between the conjunction and the trigger (that would be a new subject)
  if (startingIn(participants(ad), cut, trigger.start + 1).some((a) => a.end <= trigger.start)) return null;
  return verb.start;
}

/** Picks both sides of the event announced by `trigger`. */
export function sidesOf(ad: AnnotatedDocument, trigger: TriggerMention): Sides {
  const text = ad.doc.text;
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  const after = text.slice(trigger.end, clause.end);
  // actors whose span holds the trigger ("Russian-American operations") are the initiators
  const holding = covering(participants(ad), trigger);
  if (trigger.lemma === "fall") {
    const to = after.match(/^(?:\s+\S+){0,6}?\s+to\s+/);
    const side1 = to ? objectAfter(ad, trigger.end + to[0].length, clause.end) : [];
    return { side1, side2: [] };
  }
  if (trigger.passive) {
    // "was shelled by government artillery", "were killed in Russian airstrikes"
    const by = after.match(/^\s+(?:\S+\s+){0,4}?(?:by|in|during)\s+/);
    const side1 = by ? objectAfter(ad, trigger.end + by[0].length, clause.end) : [];
    const side2 = subjectBefore(ad, clause.start, trigger.start);
    return { side1, side2 };
  }
  const shared = holding.length ? null : coordinatedVerb(ad, trigger, sentence.start);
  const pp = holding.length ? null : phraseStart(ad, trigger, clause.start);
  let side1 = holding;
  if (!side1.length && pp !== null) side1 = subjectBefore(ad, pp, trigger.start);
  else if (!side1.length) {
    side1 = subjectBefore(ad, shared === null ? clause.start : sentence.start, shared ?? trigger.start);
    if (!side1.length) side1 = subjectBefore(ad, sentence.start, trigger.start);
  }
  if (!side1.length && trigger.nominal) {
    const by = after.match(/^\s+(?:\S+\s+){0,3}?by\s+/);
    if (by) side1 = objectAfter(ad, trigger.end + by[0].length, clause.end);
  }
  // "killed in Syrian regime air strikes", "wounded by Russian jets": what follows is the initiator
  const instrument = after.match(/^\s+(?:\S+\s+){0,3}?(?:in|by|during|from)\s+(?:an?\s+|the\s+)?(?=\S)/i);
  if (trigger.frame === "attack" && !trigger.nominal && instrument) {
    const agent = objectAfter(ad, trigger.end + instrument[0].length, clause.end);
    if (agent.length && agent[0].start - trigger.end < 50) {
      if (!side1.length) side1 = agent;
      return { side1, side2: [] };
    }
  }
  let side2: ActorMention[] = [];
  if (trigger.frame !== "movement") {
    const prep = after.match(/^\s+(?:on|against|with|at|to|of)?\s*/);
    side2 = objectAfter(ad, trigger.end + (prep?.[0].length ?? 0), clause.end);
    if (!side2.length) {
      const against = after.match(/^.{0,40}?\b(?:against|on|targeting)\s+/);
      if (against) side2 = objectAfter(ad, trigger.end + against[0].length, clause.end);
    }
  }
  const ids = new Set(side1.map((a) => a.entry.canonical));
  return { side1, side2: side2.filter((a) => !ids.has(a.entry.canonical)) };
}

/** Turns the two sides into output actors: the first of each side is actor1/actor2, the rest assoc. */
export function eventActors(sides: Sides, eventCountry: string | undefined): EventActor[] {
  const out: EventActor[] = [];
  const seen = new Set<string>();
  const add = (list: ActorMention[], lead: "actor1" | "actor2", assoc: "assoc1" | "assoc2") => {
    let first = true;
    for (const a of list) {
      const key = `${a.entry.canonical}|${a.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        name: a.compound ? compoundName(a) : a.text,
        canonical: a.entry.canonical,
        country: a.entry.country ?? null,
        inter: interOf(a, eventCountry),
        role: first ? lead : assoc,
        start: a.start,
        end: a.end,
      });
      first = false;
    }
  };
  add(sides.side1, "actor1", "assoc1");
  add(sides.side2, "actor2", "assoc2");
  return out;
}

/** One member of a compound mention: "Russian/Syrian/Iranian military" → "Syrian military". */
function compoundName(a: ActorMention): string {
  const head = a.text.split(/\s+/).at(-1) ?? "";
  const demonym = a.entry.demonyms?.find((d) => new RegExp(`(?<![\\w])${d}(?![\\w])`, "i").test(a.text));
  return demonym ? `${demonym} ${head}` : a.text;
}

/** ACLED codes a state's forces acting outside its own country as external forces (8). */
function interOf(a: ActorMention, eventCountry: string | undefined): number {
  if (a.entry.kind !== "state" || !eventCountry || !a.entry.country) return a.entry.inter;
  return countries.alpha3ToAlpha2(a.entry.country) === eventCountry ? 1 : 8;
}
