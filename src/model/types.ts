// Every data type that flows through sitrep, in one place.
// A Document gains layers of annotations (mentions with UTF-16 spans into its text); assembly turns
// annotations into Events and ControlClaims; every emitted field can be traced back to a Span.

/** A half-open range [start, end) of UTF-16 code units in a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** One input text with its metadata. `id` is the input's own id, or a hash of the text. */
export interface Document {
  id: string;
  text: string;
  title?: string;
  url?: string;
  /** ISO date or date-time (YYYY-MM-DD[Thh:mm]) of publication, when known. */
  published?: string;
  outlet?: string;
  /**
   * The outlet's home region, when known: learned from the outlet's other documents (`learnOutletHomes`) or
   * given. Place resolution weighs it like one mention of that region ("Alexandria" in the Alexandria, Louisiana
   * paper). Never set by ingest itself.
   */
  home?: Home;
  /** Where the document came from, for messages: "file.jsonl:12", "feed.xml#3", "-". */
  origin: string;
  /** sha256 of the normalised text; two documents with the same text have the same hash. */
  contentHash: string;
}

/** A region a document is known to come from: a country and, when known, its first-order division (by name). */
export interface Home {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The division's name as places carry it in `admin1` ("Louisiana", "Homs"). */
  admin1?: string;
}

/** A problem with one input (a file or one line of it). The batch goes on. */
export interface InputError {
  origin: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Annotations

export interface Sentence extends Span {
  index: number;
}

export interface Token extends Span {
  text: string;
  /** Universal POS tag from wink-nlp (NOUN, VERB, PROPN, ADP, …). */
  pos: string;
  lemma: string;
  sentence: number;
}

/** A gazetteer entry. */
export interface Place {
  name: string;
  lat: number;
  lon: number;
  geonameid?: number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  admin1?: string;
  /** GeoNames feature code (PPL, PPLA, ADM1, OILF, AIRB, …). */
  feature: string;
  population?: number;
  /** How far from the point the place extends, in km (a city ~5, a province ~80). */
  radiusKm?: number;
}

/** Where something is said to be; what `location`, `origin` and control `place` carry. */
export interface Location extends Span {
  /** The text as written ("western countryside of Palmyra"). */
  name: string;
  lat: number | null;
  lon: number | null;
  /** 1 = the place itself, 2 = near or part of it, 3 = the province or region. */
  precision: 1 | 2 | 3;
  radiusKm: number;
  geonameid?: number;
  country?: string;
  admin1?: string;
  feature?: string;
  /** For relative places: the place the expression is relative to. */
  anchor?: { name: string; geonameid?: number; lat: number; lon: number };
  bearingDeg?: number;
  distanceKm?: number;
}

/** A toponym in the text with its resolution (place null when unresolved). */
export interface PlaceMention extends Span {
  text: string;
  place: Place | null;
  confidence: number;
  /** Set when the recogniser believes the mention is a place only in some readings (e.g. "Jordan"). */
  ambiguous?: boolean;
  /** Set on a demonym ("Syrian", "Americans") read as its country: a place for geoparsing, never an event's location. */
  demonym?: boolean;
  /**
   * Set on a street-level toponym ("Main Street", "Highway 19", "Tahrir Square"), which has no point of its own:
   * `locality` is the mention of the town (else the text's focus) it is placed within, or null. `place` then
   * carries that locality's point and radius with feature "STRT" — never a precise point: the relative-place
   * recogniser turns it into a "within" expression (precision 2, the locality's radius) and the event assembler
   * takes a street as a location only through that expression.
   */
  street?: { locality: PlaceMention | null };
}

export type RelativeKind = "distance" | "countryside" | "outskirts" | "near" | "part" | "between" | "within";

/** A relative place expression ("some 40km west of Palmyra", "east Homs") built on an anchor mention. */
export interface RelativePlaceMention extends Span {
  text: string;
  kind: RelativeKind;
  anchor: PlaceMention;
  location: Location;
}

export type ActorKind = "state" | "rebel" | "militia" | "identity" | "civilians" | "external" | "protesters" | "other";

/** An entry of the actor dictionary (data/actors/*.json). */
export interface ActorEntry {
  id: string;
  /** ACLED-style canonical name: "Military Forces of Syria (2000-)". */
  canonical: string;
  aliases: string[];
  /** ISO 3166-1 alpha-3 country of the actor, when it has one. */
  country?: string;
  /** ACLED inter code: 1 state forces … 8 external/other forces. */
  inter: number;
  kind: ActorKind;
  /** Short label for output ("ISIS", "Syrian Arab Army"). */
  label?: string;
  /** Parent organisation id (a unit's army). */
  parent?: string;
  /** Nationality adjectives that, before a force noun ("Russian special forces"), name this actor. */
  demonyms?: string[];
  /** For governments: the country's name as written ("Syria"), which names the actor when it acts. */
  countryName?: string;
}

export interface ActorMention extends Span {
  text: string;
  entry: ActorEntry;
  /** A compound mention ("Russian/Syrian/Iranian forces") yields one mention per actor sharing a span. */
  compound?: boolean;
}

export type TimePrecision = "hour" | "day" | "range" | "week" | "month" | "year";

export interface TimeMention extends Span {
  text: string;
  /** ISO dates, null when the text has no anchor (no publication date). */
  startDate: string | null;
  endDate: string | null;
  precision: TimePrecision;
  /** Whether the expression points before, at, or after publication. */
  direction: "past" | "present" | "future" | "unknown";
}

export type QuantityKind = "size" | "fatalities" | "injuries" | "other";

export interface QuantityMention extends Span {
  text: string;
  kind: QuantityKind;
  min: number | null;
  max: number | null;
  /** The counted noun ("personnel", "soldiers", "people", "vehicles"). */
  unit: string;
}

/** "a military source in east Homs told Al-Masdar News": chain from the original source to the outlet. */
export interface AttributionMention extends Span {
  text: string;
  chain: string[];
  /** Sentence this attribution is stated in; it covers that sentence, and later ones that say "the same source". */
  sentence: number;
  /** Span(s) of the source phrase(s), for evidence. */
  sources: Span[];
}

export type ModalityCueKind =
  | "future"
  | "expectation"
  | "plan"
  | "intention"
  | "conditional"
  | "hypothesis"
  | "negation"
  | "denial"
  | "speculation"
  | "ongoing"
  | "past-habitual";

export interface ModalityCue extends Span {
  text: string;
  cue: ModalityCueKind;
}

export const PLOVER_TYPES = [
  "AGREE",
  "CONSULT",
  "SUPPORT",
  "CONCEDE",
  "COOPERATE",
  "AID",
  "RETREAT",
  "REQUEST",
  "ACCUSE",
  "REJECT",
  "THREATEN",
  "PROTEST",
  "SANCTION",
  "MOBILIZE",
  "COERCE",
  "ASSAULT",
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export interface AcledType {
  event_type: string;
  sub_event_type: string;
}

/** A word or phrase that announces an event ("arrived", "retake", "the fall of"). */
export interface TriggerMention extends Span {
  text: string;
  /** The lexicon entry's lemma / key. */
  lemma: string;
  plover: PloverType;
  acled: AcledType | null;
  /** What the trigger implies for assembly. */
  frame: "movement" | "attack" | "capture" | "control-loss" | "aid" | "protest" | "agreement" | "arrest" | "other";
  /** Passive construction ("was shelled by"): the grammatical subject is the target. */
  passive?: boolean;
  /** Noun trigger ("the fall of", "airstrike on"). */
  nominal?: boolean;
}

/** A document with all its annotation layers. Recognisers add to the arrays in pipeline order. */
export interface AnnotatedDocument {
  doc: Document;
  sentences: Sentence[];
  tokens: Token[];
  places: PlaceMention[];
  relativePlaces: RelativePlaceMention[];
  actors: ActorMention[];
  times: TimeMention[];
  quantities: QuantityMention[];
  attributions: AttributionMention[];
  modality: ModalityCue[];
  triggers: TriggerMention[];
}

/** One recogniser: a named step that reads earlier layers and adds its own. */
export interface Recognizer {
  name: string;
  run(ad: AnnotatedDocument): void;
}

// ---------------------------------------------------------------------------------------------
// Output records (see ../shared/contract.md)

export type Modality = "occurred" | "ongoing" | "planned" | "expected" | "speculative" | "denied";

export type ActorRole = "actor1" | "assoc1" | "actor2" | "assoc2";

export interface EventActor {
  name: string;
  canonical: string;
  country: string | null;
  inter: number;
  role: ActorRole;
  start: number;
  end: number;
}

export interface Evidence {
  doc: string;
  start: number;
  end: number;
  text: string;
}

export interface TimeField {
  text: string | null;
  start: string | null;
  end: string | null;
  precision: TimePrecision | null;
}

export interface LocationField {
  name: string;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  precision: 1 | 2 | 3;
  geonameid?: number;
  anchor?: { name: string; geonameid?: number; lat: number; lon: number };
  bearing_deg?: number;
  country?: string;
  admin1?: string;
  start: number;
  end: number;
}

export interface EventRecord {
  kind: "event";
  id: string;
  doc: string;
  type: PloverType;
  modality: Modality;
  acled: AcledType | null;
  actors: EventActor[];
  location: LocationField | null;
  /** Extra locations of a multi-location event. */
  locations?: LocationField[];
  origin: LocationField | null;
  time: TimeField;
  size: { min: number | null; max: number | null; unit: string; text: string } | null;
  fatalities: number | null;
  source: { outlet: string | null; chain: string[] };
  evidence: Evidence[];
  confidence: number;
  /** The trigger words, for debugging and evaluation. */
  trigger: { text: string; start: number; end: number };
}

export interface ControlRecord {
  kind: "control";
  id: string;
  doc: string;
  place: LocationField;
  holder: { name: string; canonical: string; country: string | null };
  modality: Modality;
  time: TimeField;
  /** How the claim was stated: "fall of X to Y", "under Y control", "liberate X" (implied). */
  basis: string;
  evidence: Evidence[];
  source: { outlet: string | null; chain: string[] };
}

export type OutputRecord = EventRecord | ControlRecord;

/** One record of `sitrep places`. */
export interface PlaceRecord {
  doc: string;
  text: string;
  start: number;
  end: number;
  name: string | null;
  lat: number | null;
  lon: number | null;
  geonameid: number | null;
  country: string | null;
  admin1: string | null;
  feature: string | null;
  confidence: number;
  /** Present on relative places. */
  relative?: { kind: RelativeKind; radius_km: number; precision: 1 | 2 | 3; anchor: string; bearing_deg?: number };
}
