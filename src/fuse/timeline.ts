// Control timeline of one place: the claims about who holds it, by date, with runs of the same holder merged
// into periods and claims naming different holders on the same date flagged as conflicts (never dropped).
import type { ControlRecord } from "../model/types.ts";
import { haversineKm, words } from "./similarity.ts";
import type { ClaimRef, DocMeta, PlaceQuery, TimelineEntry, WhoHeld } from "./types.ts";

/** Claims that speak for who holds the place now; plans, forecasts and denials do not. */
const COUNTED = new Set(["occurred", "ongoing"]);
/** Slack when matching by distance, km. */
const SLACK_KM = 2;
/** Radius assumed for a place given by coordinates alone, km. */
const DEFAULT_RADIUS_KM = 5;

const sameName = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && words(a).join(" ") === words(b).join(" ");

/**
 * Whether a claim is about the place: same geonameid (of the place or of its anchor, for "the outskirts of X"),
 * else a point within the place's radius that is no larger than about the place itself, else the same name.
 */
export function claimIsAbout(c: ControlRecord, place: PlaceQuery): boolean {
  const p = c.place;
  if (place.geonameid !== undefined) {
    if (p.geonameid === place.geonameid || p.anchor?.geonameid === place.geonameid) return true;
  }
  if (place.lat !== undefined && place.lon !== undefined && p.lat !== null && p.lon !== null) {
    const r = place.radiusKm ?? DEFAULT_RADIUS_KM;
    const d = haversineKm({ lat: place.lat, lon: place.lon }, { lat: p.lat, lon: p.lon });
    return d <= r + SLACK_KM && p.radius_km <= 2 * r + SLACK_KM;
  }
  return sameName(place.name, p.name) || sameName(place.name, p.anchor?.name);
}

function claimDate(c: ControlRecord, docs?: Map<string, DocMeta>): string | null {
  const d = c.time.end ?? c.time.start ?? docs?.get(c.doc)?.published ?? null;
  return d ? d.slice(0, 10) : null;
}

function ref(c: ControlRecord, docs?: Map<string, DocMeta>): ClaimRef {
  return {
    id: c.id,
    doc: c.doc,
    date: claimDate(c, docs),
    holder: c.holder,
    modality: c.modality,
    place: c.place.name,
    basis: c.basis,
    outlet: c.source.outlet ?? docs?.get(c.doc)?.outlet ?? null,
    chain: c.source.chain,
    evidence: c.evidence,
  };
}

/** The counted claims about the place, dated ones by date, undated ones last. */
function relevantClaims(claims: ControlRecord[], place: PlaceQuery, docs?: Map<string, DocMeta>): ClaimRef[] {
  const refs = claims.filter((c) => COUNTED.has(c.modality) && claimIsAbout(c, place)).map((c) => ref(c, docs));
  return refs.sort((a, b) => {
    if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
    return a.holder.canonical < b.holder.canonical
      ? -1
      : a.holder.canonical > b.holder.canonical
        ? 1
        : a.id < b.id
          ? -1
          : 1;
  });
}

/**
 * Who held the place over time, according to the claims. Claims of one date are ordered so that the holder of
 * the period before comes first (a same-day conflict then breaks the run as little as possible). Periods are
 * runs of claims naming the same holder; `conflicts` lists claims of other holders on the period's dates.
 * `docs` supplies publication dates for claims without a date of their own.
 */
export function controlTimeline(
  claims: ControlRecord[],
  place: PlaceQuery,
  docs?: Map<string, DocMeta>,
): TimelineEntry[] {
  const refs = relevantClaims(claims, place, docs);
  const byDate = new Map<string | null, ClaimRef[]>();
  for (const r of refs) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  const out: TimelineEntry[] = [];
  for (const [date, group] of byDate) {
    const last = out.at(-1)?.holder.canonical;
    const ordered = [...group].sort(
      (a, b) => Number(b.holder.canonical === last) - Number(a.holder.canonical === last),
    );
    for (const c of ordered) {
      const cur = out.at(-1);
      if (cur && cur.holder.canonical === c.holder.canonical && (cur.to === null) === (date === null)) {
        cur.to = date;
        cur.claims.push(c);
      } else {
        out.push({ holder: c.holder, from: date, to: date, claims: [c], sources: [], evidence: [], conflicts: [] });
      }
    }
  }
  for (const e of out) {
    e.sources = [...new Set(e.claims.map((c) => c.outlet).filter((x): x is string => !!x))];
    e.evidence = e.claims.flatMap((c) => c.evidence);
    const dates = new Set(e.claims.map((c) => c.date).filter((d) => d !== null));
    e.conflicts = dates.size
      ? refs.filter((c) => c.date !== null && dates.has(c.date) && c.holder.canonical !== e.holder.canonical)
      : [];
  }
  return out;
}

/**
 * Who held the place on `date` (YYYY-MM-DD): the holder named by the latest claim at or before that date.
 * When several holders are claimed on that latest date, the one with more distinct outlets wins, then the one
 * that held it before; the others are `conflicting`.
 */
export function whoHeld(
  claims: ControlRecord[],
  place: PlaceQuery,
  date: string,
  docs?: Map<string, DocMeta>,
): WhoHeld {
  const day = date.slice(0, 10);
  const timeline = controlTimeline(claims, place, docs).filter((e) => e.from !== null && e.from <= day);
  if (!timeline.length) return { holder: null, since: null, claims: [], conflicting: [] };
  const upTo = timeline.map((e) => ({ ...e, claims: e.claims.filter((c) => c.date !== null && c.date <= day) }));
  const latest = upTo
    .map((e) => e.claims.at(-1)!.date!)
    .sort()
    .at(-1);
  const atLatest = upTo.filter((e) => e.claims.some((c) => c.date === latest));
  const outlets = (e: (typeof upTo)[number]) =>
    new Set(e.claims.filter((c) => c.date === latest).map((c) => c.outlet ?? c.doc)).size;
  // Stable sort: on equal support the holder of the run before (ordered first on that date) stays.
  const winner = [...atLatest].sort((a, b) => outlets(b) - outlets(a))[0];
  const conflicting = atLatest
    .filter((e) => e.holder.canonical !== winner.holder.canonical)
    .flatMap((e) => e.claims.filter((c) => c.date === latest));
  return { holder: winner.holder, since: winner.from, claims: winner.claims, conflicting };
}
