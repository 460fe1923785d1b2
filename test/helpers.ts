// Test helper: an AnnotatedDocument with sentences and tokens filled, for testing one recogniser alone.
import { tokenize } from "../src/annotate/tokens.ts";
import type { AnnotatedDocument } from "../src/model/types.ts";

export function annotated(text: string, published?: string): AnnotatedDocument {
  const { sentences, tokens } = tokenize(text);
  return {
    doc: { id: "t", text, published, origin: "test", contentHash: "x" },
    sentences,
    tokens,
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
