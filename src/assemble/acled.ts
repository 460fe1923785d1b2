// ACLED sub-types from who acted on whom and from the words around the event, as ACLED's codebook tells them
// apart: a protest is peaceful, met with intervention, met with excessive force, or turns into a riot; violence
// by a mob is mob violence; explosions with a chemical agent are chemical weapons; strikes from aircraft are air
// strikes; territory taken by state forces is regained, by others overtaken, without a fight transferred;
// an attack on a village or a market is violence against civilians. The cue words are data
// (data/lexicon/triggers.json, "context").
import type { AcledType, AnnotatedDocument, EventActor, Span, TriggerMention } from "../model/types.ts";
import { clauseAt, sentenceAt } from "./context.ts";
import { CUE } from "./cues.ts";

const type = (event_type: string, sub_event_type: string): AcledType => ({ event_type, sub_event_type });
const PEACEFUL = type("Protests", "Peaceful protest");
const INTERVENTION = type("Protests", "Protest with intervention");
const EXCESSIVE = type("Protests", "Excessive force against protesters");
const VIOLENT_DEMO = type("Riots", "Violent demonstration");
const MOB = type("Riots", "Mob violence");
const CLASH = type("Battles", "Armed clash");
const ATTACK = type("Violence against civilians", "Attack");
const GOV_REGAINS = type("Battles", "Government regains territory");
const NON_STATE = type("Battles", "Non-state actor overtakes territory");
const TRANSFER = type("Strategic developments", "Non-violent transfer of territory");
const CHEMICAL = type("Explosions/Remote violence", "Chemical weapon");
const AIR = type("Explosions/Remote violence", "Air/drone strike");
const CHANGE = type("Strategic developments", "Change to group/activity");

const PROTESTERS = 6;
const RIOTERS = 5;
const CIVILIANS = 7;
/** Sub-types that say more than the generic violence types and are not re-read from context. */
const KEEP = new Set(["Sexual violence", "Abduction/forced disappearance", "Suicide bomb"]);

/** Triggers that say how something was delivered or what it did: with a chemical agent, a chemical attack. */
const DELIVERY = new Set(["attack", "shell", "airstrike", "ied", "kill", "shoot", "operation", "clash"]);

/** What a protest is about ("over the shooting of …", "following the arrest of …", "to decry the violence"):
 * from such a phrase to the end of its clause. Its words say nothing about how the protest went. */
const GRIEVANCE =
  /\b(?:over|against|following|after|about|to (?:decry|denounce|condemn|protest|demand|mark)|in protest (?:at|against|over)|in (?:reaction|response) to|demand(?:ed|ing|s)?|call(?:ed|ing|s)? for|condemn(?:ed|ing|s)?|denounc(?:ed|ing|es)|angry (?:at|over)|outraged (?:at|by|over)|in the (?:death|killing) of)\b[^,.;:]*/gi;

/** The event's sentence with its neighbours, without grievances: a protest, its policing and its violence are
 * often told in separate sentences. */
function scene(ad: AnnotatedDocument, at: Span): string {
  const s = sentenceAt(ad, at.start);
  const i = ad.sentences.indexOf(s);
  const from = ad.sentences[Math.max(0, i - 1)] ?? s;
  const to = ad.sentences[Math.min(ad.sentences.length - 1, i + 1)] ?? s;
  return ad.doc.text.slice(Math.min(from.start, s.start), Math.max(to.end, s.end)).replace(GRIEVANCE, " ");
}

/** Whether `at` lies in a grievance phrase of its sentence ("protest over the shooting of …"). */
function inGrievance(ad: AnnotatedDocument, at: Span): boolean {
  const s = sentenceAt(ad, at.start);
  for (const m of ad.doc.text.slice(s.start, s.end).matchAll(GRIEVANCE)) {
    const start = s.start + (m.index ?? 0);
    if (at.start >= start && at.end <= start + m[0].length) return true;
  }
  return false;
}

/**
 * Whether the event belongs to a protest: it is one; or violence involving protesters or told in a sentence about a
 * protest (not as what the protest is about); or an arrest of protesters or at a protest.
 */
function inProtest(ad: AnnotatedDocument, trigger: TriggerMention, actors: EventActor[]): boolean {
  if (trigger.frame === "protest") return true;
  if (inGrievance(ad, trigger)) return false;
  const s = sentenceAt(ad, trigger.start);
  const protests = ad.triggers.filter((t) => t.frame === "protest" && t.start >= s.start && t.end <= s.end);
  if (trigger.frame === "arrest") {
    if (actors.some((a) => a.inter === PROTESTERS && a.role.endsWith("2"))) return true;
    return protests.some((p) =>
      /\b(?:during|at|amid|after|in)\s+(?:\S+\s+){0,3}$/i.test(ad.doc.text.slice(s.start, p.start)),
    );
  }
  return actors.some((a) => a.inter === PROTESTERS || a.inter === RIOTERS) || protests.length > 0;
}

/** ACLED's four ways a protest goes: violence by demonstrators, then lethal or injurious force, then intervention. */
function protestType(text: string, trigger: TriggerMention): AcledType {
  if (trigger.lemma === "riot" || trigger.lemma === "road-block" || CUE.protestViolence.test(text)) return VIOLENT_DEMO;
  if (CUE.protestForce.test(text)) return EXCESSIVE;
  if (trigger.frame === "arrest" || CUE.protestIntervention.test(text)) return INTERVENTION;
  return trigger.frame === "attack" ? EXCESSIVE : PEACEFUL;
}

/** The sentence after the one at `at` ("" at the end of the text). */
function nextSentence(ad: AnnotatedDocument, at: Span): string {
  const i = ad.sentences.indexOf(sentenceAt(ad, at.start));
  const next = i >= 0 ? ad.sentences[i + 1] : undefined;
  return next ? ad.doc.text.slice(next.start, next.end) : "";
}

/** A chemical agent in the event's clause, or in the next sentence as what the munitions carried ("rebels fired
 * shells … The authorities suspect the shells contained poisonous gas"). */
function chemicalDelivery(ad: AnnotatedDocument, at: Span): boolean {
  const clause = clauseAt(ad, at.start);
  if (CUE.chemical.test(ad.doc.text.slice(clause.start, clause.end))) return true;
  const next = nextSentence(ad, at);
  return CUE.chemicalPayload.test(next) && CUE.chemical.test(next);
}

/** Whether the initiators are state forces: by the dictionary, else by the words of the subject. */
function byState(ad: AnnotatedDocument, trigger: TriggerMention, actors: EventActor[]): boolean | null {
  const side1 = actors.filter((a) => a.role.endsWith("1"));
  if (
    side1.some((a) => a.inter === 1 || (a.inter === 8 && /^(?:Military|Police) Forces|^Government/.test(a.canonical)))
  )
    return true;
  if (side1.length) return side1.some((a) => CUE.stateForces.test(a.name));
  if (trigger.passive) return null; // the subject of "was retaken" is the loser
  const clause = clauseAt(ad, trigger.start);
  const before = ad.doc.text.slice(clause.start, trigger.start);
  if (CUE.nonState.test(before)) return false;
  if (CUE.stateForces.test(before)) return true;
  return null;
}

/** The ACLED type of the event announced by `trigger`, refined from its actors and context. */
export function refineAcled(ad: AnnotatedDocument, trigger: TriggerMention, actors: EventActor[]): AcledType | null {
  const base = trigger.acled;
  if (!base || KEEP.has(base.sub_event_type)) return base;
  const text = ad.doc.text;
  const sentence = sentenceAt(ad, trigger.start);
  const sentenceText = text.slice(sentence.start, sentence.end);
  const a1 = actors.find((a) => a.role === "actor1");
  const a2 = actors.find((a) => a.role === "actor2");
  const violent = trigger.frame === "attack" || trigger.frame === "arrest" || trigger.frame === "protest";

  if (trigger.lemma === "mob") return MOB;
  if (violent && inProtest(ad, trigger, actors)) return protestType(scene(ad, trigger), trigger);

  if (trigger.frame === "capture" || trigger.frame === "movement") {
    if (CUE.nonViolent.test(sentenceText)) return TRANSFER;
    if (trigger.frame === "movement") return base;
    const state = byState(ad, trigger, actors);
    return state === null ? base : state ? GOV_REGAINS : NON_STATE;
  }
  // a withdrawal is a transfer of territory when someone takes what was left ("leaving it in the hands of",
  // "in the face of an advance", "then entered"); alone it is a relocation of forces (ACLED: change to activity)
  if (trigger.lemma === "withdraw" && base.sub_event_type === TRANSFER.sub_event_type) {
    const i = ad.sentences.indexOf(sentence);
    const from = ad.sentences[Math.max(0, i - 1)] ?? sentence;
    const to = ad.sentences[Math.min(ad.sentences.length - 1, i + 1)] ?? sentence;
    return CUE.withdrawalTaker.test(text.slice(from.start, to.end)) || CUE.nonViolent.test(sentenceText)
      ? base
      : CHANGE;
  }
  if (trigger.frame !== "attack") return base;

  // violence by rioters or by civilians against each other is mob violence
  if (a1?.inter === RIOTERS) return MOB;
  const civilianFight = a2 ? a2.inter === CIVILIANS : trigger.lemma === "clash" && !trigger.nominal;
  if (a1?.inter === CIVILIANS && civilianFight && base.event_type === "Battles") return MOB;
  const clause = clauseAt(ad, trigger.start);
  if (DELIVERY.has(trigger.lemma) && chemicalDelivery(ad, trigger)) return CHEMICAL;
  const remote = base.event_type === "Explosions/Remote violence" || base.event_type === "Battles";
  if (remote && base.sub_event_type !== "Remote explosive/landmine/IED" && base.sub_event_type !== "Grenade") {
    const lead = text.slice(Math.max(clause.start, trigger.start - 80), trigger.start);
    const by = text.slice(trigger.end, Math.min(clause.end, trigger.end + 50)).match(/^\s+(?:\S+\s+){0,3}?by\s+(.*)$/i);
    if ((a1 && CUE.aircraft.test(a1.name)) || CUE.aircraft.test(lead) || (by && CUE.aircraft.test(by[1]))) return AIR;
  }
  if (trigger.lemma === "kill") return a2 && a2.inter !== CIVILIANS ? CLASH : base;
  if (base.event_type === "Battles") {
    if (a2?.inter === CIVILIANS) return ATTACK;
    if (!a2 && CUE.civilianTarget.test(text.slice(trigger.end, trigger.end + 60))) return ATTACK;
  }
  return base;
}
