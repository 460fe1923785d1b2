// The pool handler that runs sitrep's per-document pipeline in a worker thread: records for `extract` and
// `ingest`, place records for `places`, optionally with the time spent in each stage.
import { extractDocument, extractPlaces, placeRecords, type StageTimings } from "../extract.ts";
import { type DocumentRegions, documentRegions } from "../ground/outlets.ts";
import { documentFromText } from "../ingest/document.ts";
import type { Document, OutputRecord, PlaceRecord } from "../model/types.ts";

export interface ExtractOptions {
  /** `records`: events and control claims; `places`: place records. */
  task: "records" | "places";
  /** Return each document's stage timings (ms per recogniser and `assemble`). */
  timings?: boolean;
  /** `records` task: also return each document's outlet regions (`ExtractResult.regions`; `sitrep ingest`). */
  regions?: boolean;
  /** Run one short document at start-up, so that lexicons and the gazetteer are loaded before `ready`. */
  warm?: boolean;
}

export interface ExtractResult {
  records?: OutputRecord[];
  places?: PlaceRecord[];
  /**
   * `records` task, for a document with an outlet read without a home: what its places say of the outlet's home
   * (kept by `sitrep ingest`, see `Store.outletTallies`).
   */
  regions?: DocumentRegions;
  timings?: StageTimings;
}

const WARM_UP = "Rebels shelled a government checkpoint in Daraa on Monday, activists told Reuters.";

export function createHandler(o: ExtractOptions): (doc: Document) => ExtractResult {
  if (o.warm) extractDocument(documentFromText(WARM_UP, { origin: "warm-up", published: "2017-01-16" }));
  return (doc) => {
    const timings: StageTimings | undefined = o.timings ? {} : undefined;
    if (o.task === "places") return { places: placeRecords(extractPlaces(doc, timings)), timings };
    const { records, annotated } = extractDocument(doc, timings);
    if (!o.regions || !doc.outlet || doc.home) return { records, timings };
    return { records, regions: documentRegions(doc.outlet, placeRecords(annotated)), timings };
  };
}
