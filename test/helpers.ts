// Test helper: an AnnotatedDocument with sentences and tokens filled, for testing one recogniser alone.
import { emptyAnnotations } from "../src/annotate/pipeline.ts";
import { tokenize } from "../src/annotate/tokens.ts";
import type { AnnotatedDocument } from "../src/model/types.ts";

export function annotated(text: string, published?: string): AnnotatedDocument {
  const ad = emptyAnnotations({ id: "t", text, published, origin: "test", contentHash: "x" });
  Object.assign(ad, tokenize(text));
  return ad;
}
