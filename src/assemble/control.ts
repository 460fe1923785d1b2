// Control claims: who holds which place. Stated ("the fall of X to Y", "X fell to Y", "X under Y control",
// "Y-held X") or implied by events (Y captured X → Y holds X; a planned retake of X from Y → Y holds X now).
import type {
  ActorMention,
  AnnotatedDocument,
  ControlRecord,
  EventRecord,
  LocationField,
  Modality,
  Span,
} from "../model/types.ts";
import { clauseAt, inside, startingIn } from "./context.ts";
import { haversine } from "./distance.ts";
import { evidenceFor, recordId, sourceFor } from "./fields.ts";
import { locationCandidates } from "./locations.ts";

const UNDER_CONTROL = /\bunder\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?(?:control\s+of\s+(?:the\s+)?)?/gi;
const HELD_BY = /\b(?:held|controlled|occupied|besieged)\s+by\s+(?:the\s+)?/gi;
const X_HELD = /-(?:held|controlled|occupied|run)\b/gi;

function holderOf(a: ActorMention): ControlRecord["holder"] {
  return { name: a.entry.label ?? a.text, canonical: a.entry.canonical, country: a.entry.country ?? null };
}

function claim(
  ad: AnnotatedDocument,
  at: Span,
  place: LocationField,
  holder: ControlRecord["holder"],
  modality: Modality,
  basis: string,
  end: string | null,
): ControlRecord {
  return {
    kind: "control",
    id: recordId("ctl", ad.doc.id, at, `${holder.canonical}|${place.name}`),
    doc: ad.doc.id,
    place,
    holder,
    modality,
    time: { text: null, start: null, end, precision: end ? "day" : null },
    basis,
    evidence: [evidenceFor(ad, at)],
    source: sourceFor(ad, at),
  };
}

/** Claims stated in so many words. */
function statedClaims(ad: AnnotatedDocument, events: EventRecord[]): ControlRecord[] {
  const text = ad.doc.text;
  const asOf = ad.doc.published?.slice(0, 10) ?? null;
  const candidates = locationCandidates(ad);
  const out: ControlRecord[] = [];
  const placeBefore = (at: number) => {
    const clause = clauseAt(ad, at);
    // c.start <= c.end <= at: only candidates starting in [clause start, at] can qualify
    return startingIn(candidates, clause.start, at + 1)
      .filter((c) => inside(c, clause) && c.end <= at && at - c.end < 40)
      .at(-1);
  };
  // "X under Y control", "under the control of Y"
  for (const m of text.matchAll(UNDER_CONTROL)) {
    const from = (m.index ?? 0) + m[0].length;
    const actor = startingIn(ad.actors, from, from + 5)[0];
    if (!actor) continue;
    const rest = text.slice(actor.end, actor.end + 20);
    if (!/control/i.test(m[0]) && !/^\s*(?:'s\s+)?control\b/i.test(rest)) continue;
    const place = placeBefore(m.index ?? 0);
    if (place)
      out.push(
        claim(
          ad,
          { start: place.start, end: actor.end },
          place.location,
          holderOf(actor),
          "occurred",
          "under control",
          asOf,
        ),
      );
  }
  // "held by Y" after a place; "Y-held X"
  for (const m of text.matchAll(HELD_BY)) {
    const from = (m.index ?? 0) + m[0].length;
    const actor = startingIn(ad.actors, from, from + 3)[0];
    const place = placeBefore(m.index ?? 0);
    if (actor && place)
      out.push(
        claim(ad, { start: place.start, end: actor.end }, place.location, holderOf(actor), "occurred", "held by", asOf),
      );
  }
  for (const m of text.matchAll(X_HELD)) {
    const at = m.index ?? 0;
    const actor = ad.actors.find((a) => a.end === at);
    const place = startingIn(candidates, at + 1, at + 40)[0];
    if (actor && place)
      out.push(
        claim(
          ad,
          { start: actor.start, end: place.end },
          place.location,
          holderOf(actor),
          "occurred",
          `${m[0].slice(1)} by`,
          asOf,
        ),
      );
  }
  // "the fall of X to Y" / "X fell to Y": the fall event's actor1 holds its location
  for (const e of events) {
    if (!/^fall/i.test(e.trigger.text) || !e.location) continue;
    const winner = e.actors.find((a) => a.role === "actor1");
    const mention = winner && mentionOf(ad, winner);
    if (!mention || (e.modality !== "occurred" && e.modality !== "ongoing")) continue;
    out.push(claim(ad, e.trigger, e.location, holderOf(mention), e.modality, "fell to", e.time.end ?? asOf));
  }
  return out;
}

/** Mentions behind an event actor. */
const mentionOf = (ad: AnnotatedDocument, a: { start: number; canonical: string }) =>
  startingIn(ad.actors, a.start, a.start + 1).find((m) => m.entry.canonical === a.canonical);

/** Claims implied by capture events. */
function impliedClaims(ad: AnnotatedDocument, events: EventRecord[]): ControlRecord[] {
  const asOf = ad.doc.published?.slice(0, 10) ?? null;
  const out: ControlRecord[] = [];
  for (const e of events) {
    if (e.type !== "ASSAULT" || !e.location || /^fall/i.test(e.trigger.text) || !isCapture(e)) continue;
    const a1 = e.actors.find((a) => a.role === "actor1");
    const a2 = e.actors.find((a) => a.role === "actor2");
    if (e.modality === "occurred" && a1) {
      const m = mentionOf(ad, a1);
      if (m)
        out.push(
          claim(ad, e.trigger, e.location, holderOf(m), "occurred", `${e.trigger.text} (capture)`, e.time.end ?? asOf),
        );
    } else if ((e.modality === "planned" || e.modality === "expected") && a2) {
      const m = mentionOf(ad, a2);
      if (m)
        out.push(
          claim(
            ad,
            e.trigger,
            e.location,
            holderOf(m),
            "occurred",
            `${e.trigger.text} (implies the other side holds it)`,
            asOf,
          ),
        );
    }
  }
  return out;
}

const isCapture = (e: EventRecord) =>
  (e.acled?.event_type === "Battles" && e.acled.sub_event_type !== "Armed clash") ||
  /^(?:re)?tak|retook|captur|seiz|liberat|regain|overr|kick|driv|drove|expel|oust|push/i.test(e.trigger.text);

/** A capture without a named target is aimed at whoever holds the place (per this document's claims). */
export function inferTargets(ad: AnnotatedDocument, events: EventRecord[], claims: ControlRecord[]): void {
  for (const e of events) {
    if (e.type !== "ASSAULT" || !e.location || e.location.lat === null || !isCapture(e)) continue;
    if (e.actors.some((a) => a.role === "actor2")) continue;
    const side1 = new Set(e.actors.filter((a) => a.role.endsWith("1")).map((a) => a.canonical));
    const loc = e.location;
    const holder = claims.find((c) => {
      if (c.place.lat === null || c.place.lon === null || side1.has(c.holder.canonical)) return false;
      const same =
        (c.place.geonameid !== undefined && c.place.geonameid === (loc.geonameid ?? loc.anchor?.geonameid)) ||
        (loc.anchor?.geonameid !== undefined &&
          loc.anchor.geonameid === (c.place.geonameid ?? c.place.anchor?.geonameid));
      const km = haversine({ lat: c.place.lat, lon: c.place.lon }, { lat: loc.lat as number, lon: loc.lon as number });
      return same || km <= c.place.radius_km + loc.radius_km + 25;
    });
    if (!holder) continue;
    const mention = ad.actors.find((a) => a.entry.canonical === holder.holder.canonical);
    e.actors.push({
      name: holder.holder.name,
      canonical: holder.holder.canonical,
      country: holder.holder.country,
      inter: mention?.entry.inter ?? 2,
      role: "actor2",
      start: mention?.start ?? e.trigger.start,
      end: mention?.end ?? e.trigger.end,
    });
  }
}

/** All control claims of a document: stated ones, then those implied by events. */
export function assembleControl(ad: AnnotatedDocument, events: EventRecord[]): ControlRecord[] {
  const stated = statedClaims(ad, events);
  inferTargets(ad, events, stated);
  const all = [...stated, ...impliedClaims(ad, events)];
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = `${c.holder.canonical}|${c.place.name}|${c.place.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
