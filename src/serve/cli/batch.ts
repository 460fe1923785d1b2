// Runs a batch of inputs through a per-document step, reporting bad inputs on stderr without stopping.
import { formatInputError, isInputError, newStats, readInputs } from "../../ingest/index.ts";
import type { Document } from "../../model/types.ts";
import { Progress } from "./progress.ts";

export interface BatchResult {
  documents: number;
  failed: number;
  duplicates: number;
}

/** Reads `paths`, calls `step` per document; an error in one input or one document is reported and skipped. */
export async function runBatch(
  paths: string[],
  published: string | undefined,
  step: (doc: Document) => void | Promise<void>,
): Promise<BatchResult> {
  const stats = newStats();
  const progress = new Progress("reading");
  let failed = 0;
  let ok = 0;
  for await (const item of readInputs(paths, { published, stats })) {
    if (isInputError(item)) {
      failed++;
      progress.tick(false);
      process.stderr.write(`sitrep: ${formatInputError(item)}\n`);
      continue;
    }
    try {
      await step(item);
      ok++;
      progress.tick(true);
    } catch (e) {
      failed++;
      progress.tick(false);
      process.stderr.write(`sitrep: ${item.origin}: could not process this document: ${(e as Error).message}\n`);
      if (process.env.SITREP_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    }
  }
  progress.done();
  return { documents: ok, failed, duplicates: stats.duplicates };
}
