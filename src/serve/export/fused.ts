// A fused event (src/fuse) as one GeoJSON Point feature: at its representative's place, with the cluster's
// counts (member records, independent sources), the member record ids and outlets, and the representative's
// flat fields, so that a map can draw clusters the way it draws single records.
import type { FusedEvent, FusedRef } from "../../fuse/index.ts";
import { actorColumns, actorLabel, datePart, unique } from "./fields.ts";
import type { PointFeature } from "./geojson.ts";

export interface FusedFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, string | number | string[] | null>;
}

/** A Point feature for a located fused event, else null. */
export function fusedFeature(ev: FusedEvent): FusedFeature | null {
  const place = ev.location;
  if (!place || place.lat === null || place.lon === null) return null;
  const rep = ev.representative;
  const { actor1, actor2 } = actorColumns(rep);
  const start = ev.time?.start ?? rep.time.start;
  const end = ev.time?.end ?? rep.time.end;
  return {
    type: "Feature",
    id: ev.id,
    geometry: { type: "Point", coordinates: [place.lon, place.lat] },
    properties: {
      kind: "fused",
      fused_id: ev.id,
      type: ev.type,
      modality: ev.modality,
      modality_history: ev.modalityHistory.map((s) => s.modality).join(" → "),
      acled_event_type: ev.acled?.event_type ?? null,
      acled_sub_event_type: ev.acled?.sub_event_type ?? null,
      actor1: actorLabel(actor1) || null,
      actor2: actorLabel(actor2) || null,
      location: place.name,
      precision: place.precision,
      radius_km: place.radius_km,
      country: place.country ?? null,
      origin_lat: rep.origin?.lat ?? null,
      origin_lon: rep.origin?.lon ?? null,
      date: datePart(start ?? end),
      time_start: start,
      time_end: end,
      fatalities: ev.fatalities,
      members: ev.members.length,
      sources: ev.sources,
      documents: unique(ev.docs).length,
      contradictions: ev.contradictions.length,
      outlets: ev.outlets,
      record_ids: ev.members,
      representative: rep.id,
      evidence_text: rep.evidence[0]?.text ?? null,
    },
  };
}

/** A record's feature with its fused event: `fused_id`, `fused_members`, `fused_sources` (null when not fused). */
export function withFusedRef(feature: PointFeature, ref: FusedRef | undefined): PointFeature {
  Object.assign(feature.properties, {
    fused_id: ref?.id ?? null,
    fused_members: ref?.members ?? null,
    fused_sources: ref?.sources ?? null,
  });
  return feature;
}
