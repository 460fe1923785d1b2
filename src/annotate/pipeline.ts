// The annotation pipeline: an ordered list of recognisers, each adding one layer to the document
// (like chrono-node's parsers/refiners or spaCy's pipe_names). `PIPELINE.map(r => r.name)` shows the order.
import type { AnnotatedDocument, Document, Recognizer } from "../model/types.ts";
import { actorsRecognizer } from "./actors.ts";
import { attributionRecognizer } from "./attribution.ts";
import { datesRecognizer } from "./dates.ts";
import { modalityRecognizer } from "./modality.ts";
import { placesRecognizer } from "./places.ts";
import { quantitiesRecognizer } from "./quantities.ts";
import { relativePlacesRecognizer } from "./relative-places.ts";
import { tokenSpansRecognizer, tokensRecognizer } from "./tokens.ts";
import { triggersRecognizer } from "./triggers.ts";

export const PIPELINE: Recognizer[] = [
  tokensRecognizer,
  actorsRecognizer,
  placesRecognizer,
  relativePlacesRecognizer,
  datesRecognizer,
  quantitiesRecognizer,
  attributionRecognizer,
  modalityRecognizer,
  triggersRecognizer,
];

/**
 * What `sitrep places` needs: places read only tokens and sentences (not their tags: wink's tagger is skipped),
 * relative places only places, so the output is the same as after the whole pipeline, at a fraction of the cost
 * (`npm run bench:places`).
 */
export const PLACES_PIPELINE: Recognizer[] = [tokenSpansRecognizer, placesRecognizer, relativePlacesRecognizer];

export function emptyAnnotations(doc: Document): AnnotatedDocument {
  return {
    doc,
    sentences: [],
    tokens: [],
    places: [],
    relativePlaces: [],
    actors: [],
    times: [],
    quantities: [],
    attributions: [],
    modality: [],
    triggers: [],
  };
}

/** Runs every recogniser in order (or those named in `only`). */
export function annotate(doc: Document, pipeline: Recognizer[] = PIPELINE): AnnotatedDocument {
  const ad = emptyAnnotations(doc);
  for (const r of pipeline) r.run(ad);
  return ad;
}
