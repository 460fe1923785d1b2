// Assembly: annotated document → event records and control claims.
import type { AnnotatedDocument, OutputRecord } from "../model/types.ts";
import { assembleControl } from "./control.ts";
import { assembleEvents } from "./events.ts";
import { mergeEvents } from "./merge.ts";

export function assemble(ad: AnnotatedDocument): OutputRecord[] {
  const drafts = assembleEvents(ad);
  const controls = assembleControl(ad, drafts);
  const events = mergeEvents(drafts);
  return [...events, ...controls];
}
