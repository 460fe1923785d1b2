// The storage contract every backend implements (SQLite now, PostgreSQL later).
// Methods return promises so a networked backend fits the same shape; filters use plain values only.
import type { FuseCounts, FusedDetail, FusedEvent, FusedRef } from "../fuse/index.ts";
import type { DocumentRegions, OutletTally } from "../ground/outlets.ts";
import type { ControlRecord, Document, EventRecord, Modality, OutputRecord, PloverType } from "../model/types.ts";

/** [west, south, east, north] in degrees, WGS84. west > east means the box crosses the antimeridian. */
export type BBox = [west: number, south: number, east: number, north: number];

export interface EventFilter {
  bbox?: BBox;
  /** ISO date (or prefix: "2017", "2017-01"); keeps events whose time range overlaps [from, to]. */
  from?: string;
  to?: string;
  /** PLOVER types; an empty list means no constraint. */
  type?: (PloverType | string)[];
  /** ACLED event type or sub-event type, case-insensitive exact match. */
  acledType?: string;
  /** Case-insensitive substring of an actor's name or canonical name. */
  actor?: string;
  /** An empty list means no constraint. */
  modality?: (Modality | string)[];
  /**
   * Full-text search over evidence text and document title/text (a document match selects all its events).
   * Words are ANDed and stemmed (English Porter in SQLite); "word*" is a prefix, itself stemmed.
   */
  text?: string;
  /**
   * At least this many independent sources: those of the record's fused event for `queryEvents`, of the fused
   * event itself for `queryFused` (docs/fusion.md).
   */
  minSources?: number;
  limit?: number;
  offset?: number;
}

export interface ControlFilter {
  /** Case-insensitive substring of the place name. */
  place?: string;
  bbox?: BBox;
  /** Case-insensitive substring of the holder's name or canonical name. */
  holder?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface StoreStats {
  documents: number;
  events: number;
  controls: number;
}

export interface Store {
  /**
   * Stores a document with its records in one transaction. A document already stored (same id or same
   * contentHash) is left as it is and `inserted` is false. Every record's `doc` must equal `doc.id`. `regions`
   * (what the document's places say of its outlet's home, `documentRegions`) are kept with a new document.
   */
  putDocument(doc: Document, records: OutputRecord[], regions?: DocumentRegions): Promise<{ inserted: boolean }>;
  /**
   * Per outlet, how many stored documents were put with their regions (`putDocument`'s third argument) and how
   * many of them name each country and division: what `homesOf` learns outlets' homes from. Only `outlets` when
   * given.
   */
  outletTallies(outlets?: string[]): Promise<OutletTally[]>;
  /** Whether a document with this id or this content hash is stored. */
  hasDocument(idOrHash: string): Promise<boolean>;
  getDocument(id: string): Promise<Document | null>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** Events matching every given filter, ordered by start date (undated last), then insertion order. */
  queryEvents(filter?: EventFilter): Promise<EventRecord[]>;
  /** Control claims matching every given filter, in the same order as events. */
  queryControl(filter?: ControlFilter): Promise<ControlRecord[]>;
  /**
   * Fuses the event records stored since the last pass into the stored fused events (incrementally: new records
   * join existing clusters, whose ids never change, or start new ones; docs/fusion.md). Ingest calls it after
   * storing; `queryFused`, `getFused` and `minSources` call it first when records are waiting.
   */
  fuse(): Promise<FuseCounts>;
  /**
   * Fused events with at least one member record matching the filter (`minSources` counts the fused event's
   * independent sources), ordered by the fused event's time (undated last), then creation order.
   */
  queryFused(filter?: EventFilter): Promise<FusedEvent[]>;
  /** One fused event with its member records (in joining order), or null. */
  getFused(id: string): Promise<FusedDetail | null>;
  /** The fused event of each of these records (record id → its fused event), fusing what is waiting first. */
  fusedOf(recordIds: string[]): Promise<Map<string, FusedRef>>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Throws a RangeError unless the filter values are usable; shared by all backends. */
export function checkFilter(filter: EventFilter | ControlFilter): void {
  const { bbox, from, to, limit, offset } = filter;
  if (bbox) {
    if (bbox.length !== 4 || !bbox.every(Number.isFinite)) throw new RangeError("bbox must be 4 finite numbers");
    const [west, south, east, north] = bbox;
    if (south > north) throw new RangeError("bbox south must not exceed north");
    if (Math.abs(west) > 180 || Math.abs(east) > 180 || Math.abs(south) > 90 || Math.abs(north) > 90) {
      throw new RangeError("bbox out of range (lon ±180, lat ±90)");
    }
  }
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== undefined && !DATE_PREFIX.test(value)) throw new RangeError(`${name} must be an ISO date: ${value}`);
  }
  const minSources = "minSources" in filter ? filter.minSources : undefined;
  if (minSources !== undefined && !(Number.isInteger(minSources) && minSources >= 1)) {
    throw new RangeError("minSources must be a positive integer");
  }
  for (const [name, value] of [
    ["limit", limit],
    ["offset", offset],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`${name} must be a non-negative integer`);
    }
  }
}
