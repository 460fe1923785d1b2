// Types of the fusion stage: clusters of event records that tell the same event (FusedEvent), the incremental
// state that holds them (FusionState), and the control timeline of a place (TimelineEntry, WhoHeld).
import type {
  AcledType,
  ControlRecord,
  EventRecord,
  Evidence,
  LocationField,
  Modality,
  PloverType,
} from "../model/types.ts";

/** What fusion knows about a document besides its records. */
export interface DocMeta {
  outlet?: string;
  /** ISO date (YYYY-MM-DD[Thh:mm]). */
  published?: string;
  /** The document text; its dateline ("BEIRUT (Reuters) -") names a wire agency. */
  text?: string;
}

/** One report of the event: which record, in which document, from which outlet, through which chain. */
export interface Report {
  record: string;
  doc: string;
  outlet: string | null;
  published: string | null;
  chain: string[];
  /** Wire agencies the report relays (from the chain, the outlet or the dateline): "reuters", "sana", … */
  agencies: string[];
  /** Index into FusedEvent.sourceGroups: reports in the same group are one source. */
  group: number;
}

/** A change of the cluster's modality, in the order the reports were added. */
export interface ModalityStep {
  modality: Modality;
  /** The record that brought the change. */
  record: string;
  doc: string;
  /** Publication date of that record's document, when known. */
  published: string | null;
}

/** Reports that disagree: several fatality counts, or an event said to occur and said not to. */
export interface Contradiction {
  kind: "fatalities" | "modality";
  /** Each value stated, with the records stating it. */
  claims: { value: number | Modality; records: string[] }[];
}

/** A cluster of event records, from different documents, that tell the same event. */
export interface FusedEvent {
  /** Stable: derived from the id of the first record that formed the cluster. */
  id: string;
  type: PloverType;
  acled: AcledType | null;
  /** Record ids, in the order they joined. */
  members: string[];
  /** Document ids, one per member (a cluster never holds two records of one document). */
  docs: string[];
  /** The best-located, most confident, most precisely dated member. */
  representative: EventRecord;
  modality: Modality;
  /** Every modality the cluster has had, first one first. */
  modalityHistory: ModalityStep[];
  /** Intersection of the members' dated windows (ISO dates), null when no member is dated. */
  time: { start: string; end: string } | null;
  location: LocationField | null;
  /** Distinct actor canonicals with their roles, over all members. */
  actors: { canonical: string; role: string }[];
  /** Largest fatality count reported, or null. */
  fatalities: number | null;
  evidence: Evidence[];
  reports: Report[];
  /** Number of independent sources: same outlet, same wire agency or near-identical text count once. */
  sources: number;
  /** Record ids grouped by independent source. */
  sourceGroups: string[][];
  outlets: string[];
  contradictions: Contradiction[];
}

export interface FusionStats {
  records: number;
  /** Records that joined an existing cluster only as a near-identical copy of a member's evidence. */
  wireJoins: number;
  /** Record-to-cluster compatibility checks done (the work measure of the scale test). */
  comparisons: number;
  /** Text-similarity computations done for source grouping and wire detection. */
  textComparisons: number;
  /** Index lookups (one per key probed). */
  probes: number;
}

export interface FuseOptions {
  /** Slack added to r1 + r2 when comparing locations, km (default 10). */
  slackKm?: number;
  /** Shingle Jaccard at or above which two evidence texts are one wire copy (default 0.8). */
  wireJaccard?: number;
  /** Days before publication an undated occurred event may lie (default 7). */
  undatedPastDays?: number;
  /** Days after publication an undated planned event may lie (default 90). */
  undatedFutureDays?: number;
  /** Most days between publications for a near-identical copy to join whatever its dates say (default 45). */
  wireMaxDays?: number;
}

/**
 * The incremental fusion state. `fuseEvents(records, docs, previous)` updates `previous` in place and returns
 * it: existing clusters keep their ids and members; new records join them or start new clusters.
 */
export interface FusionState {
  clusters: Map<string, FusedEvent>;
  /** Record id → cluster id. */
  membership: Map<string, string>;
  stats: FusionStats;
  options: Required<FuseOptions>;
  /** Internal: per-cluster matching summaries and the candidate index. */
  internal: FusionInternal;
}

/** A text's shingle set and its MinHash bands. */
export interface TextShingles {
  /** Hashed word shingles, sorted. */
  shingles: Uint32Array;
  /** Text-similarity index keys (MinHash bands). */
  bands: string[];
}

/** What matching needs to know about one record, computed once. */
export interface RecordFeatures {
  id: string;
  doc: string;
  type: PloverType;
  acledEventType: string | null;
  acledSubType: string | null;
  /** Day window (days since epoch), null when undated. `dated` false when the window comes from publication. */
  window: { start: number; end: number; dated: boolean } | null;
  point: { lat: number; lon: number; radiusKm: number; precision: 1 | 2 | 3 } | null;
  /** Side key of the first actor1 (see actorKey): state forces of one country are one side; generic actors are null. */
  actor1: string | null;
  /** Side keys on the initiator side (actor1, assoc1) and the target side (actor2, assoc2). */
  initiators: string[];
  targets: string[];
  /** The evidence text's shingles and bands, one object shared by every record of the same text. */
  text: TextShingles;
  outlet: string | null;
  agencies: string[];
  published: string | null;
  publishedDay: number | null;
}

/** Per-cluster summary used to test a new record against the cluster in O(1) plus its distinct places. */
export interface ClusterSummary {
  id: string;
  type: PloverType;
  acledEventType: string | null;
  /** ACLED sub-event types of the members. */
  subTypes: Set<string>;
  /** Latest start and earliest end over dated members (days since epoch). */
  maxStart: number | null;
  minEnd: number | null;
  /** Whether at least one member is dated and every dated member is dated to within a week. */
  sharp: boolean;
  /** Earliest and latest publication day of the members. */
  minPublished: number | null;
  maxPublished: number | null;
  /** Same over undated members' publication windows. */
  looseMaxStart: number | null;
  looseMinEnd: number | null;
  /** Distinct member locations. */
  points: { lat: number; lon: number; radiusKm: number; precision: 1 | 2 | 3 }[];
  actor1: string | null;
  initiators: Set<string>;
  targets: Set<string>;
  docs: Set<string>;
  /** Per source group: its outlets, agencies, text bands and up to a few sample shingle sets. */
  groups: {
    outlets: Set<string>;
    agencies: Set<string>;
    bands: Set<string>;
    samples: Uint32Array[];
    records: string[];
  }[];
  /** Shingle sets of members with their MinHash bands, for wire-copy matching (capped); all members' bands. */
  texts: TextShingles[];
  bands: Set<string>;
  /** Fatality count → records stating it; records saying the event occurred, and saying it did not. */
  deaths: Map<number, string[]>;
  said: string[];
  denied: string[];
}

export interface FusionInternal {
  summaries: Map<string, ClusterSummary>;
  /** Index key → cluster ids. */
  index: Map<string, string[]>;
  /** Records that joined as a copy whose dates were not folded into the cluster's time (see addMember). */
  timeNotFolded: Set<string>;
  /** Shingle sets by content, shared by the records whose texts have them (features.ts `TextPool`). */
  texts: Map<string, TextShingles[]>;
}

// ---------------------------------------------------------------------------------------------
// Control timeline

/** The place a timeline is asked about. */
export interface PlaceQuery {
  name?: string;
  lat?: number;
  lon?: number;
  radiusKm?: number;
  geonameid?: number;
}

/** One control claim as a timeline shows it. */
export interface ClaimRef {
  id: string;
  doc: string;
  /** The date the claim speaks for (claim time end, else start, else publication), null when unknown. */
  date: string | null;
  holder: ControlRecord["holder"];
  modality: Modality;
  place: string;
  basis: string;
  outlet: string | null;
  chain: string[];
  evidence: Evidence[];
}

/** A period during which claims agree on one holder. */
export interface TimelineEntry {
  holder: ControlRecord["holder"];
  /** First and last claim dates of the period (null for undated claims, listed last). */
  from: string | null;
  to: string | null;
  claims: ClaimRef[];
  /** Distinct outlets of the period's claims. */
  sources: string[];
  evidence: Evidence[];
  /** Claims naming another holder on any date of this period's claims. */
  conflicts: ClaimRef[];
}

export interface WhoHeld {
  holder: ControlRecord["holder"] | null;
  /** Date of the latest claim at or before the asked date. */
  since: string | null;
  /** Claims for the holder at that latest date and earlier in the same period. */
  claims: ClaimRef[];
  /** Claims naming another holder at that latest date. */
  conflicting: ClaimRef[];
}

// ---------------------------------------------------------------------------------------------
// Persistence: what a store keeps of the fusion state, and what one incremental pass changed

/** A stored record's cluster, listed in joining order: enough to rebuild the state without matching again. */
export interface StoredMember {
  record: EventRecord;
  cluster: string;
  /** False when the record joined as a copy whose dates were not folded into the cluster's time. */
  foldTime: boolean;
}

/** What one incremental pass over newly stored records did. */
export interface FusionUpdate {
  /** The new members, in joining order. */
  members: { record: string; cluster: string; foldTime: boolean }[];
  /** Clusters created or changed by the pass, as they are now. */
  clusters: FusedEvent[];
}

/** A fused event with its member records, in joining order. */
export interface FusedDetail {
  fused: FusedEvent;
  records: EventRecord[];
}

/** The fused event a record belongs to, in brief. */
export interface FusedRef {
  id: string;
  members: number;
  sources: number;
}

/** What a store's fusion pass reports: records fused, clusters created or changed. */
export interface FuseCounts {
  records: number;
  clusters: number;
}
