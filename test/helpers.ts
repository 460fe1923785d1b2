// Test helpers: an AnnotatedDocument with sentences and tokens filled, for testing one recogniser alone; the
// command line run as a user runs it.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emptyAnnotations } from "../src/annotate/pipeline.ts";
import { tokenize } from "../src/annotate/tokens.ts";
import type { AnnotatedDocument } from "../src/model/types.ts";

export function annotated(text: string, published?: string): AnnotatedDocument {
  const ad = emptyAnnotations({ id: "t", text, published, origin: "test", contentHash: "x" });
  Object.assign(ad, tokenize(text));
  return ad;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `sitrep ARGS…` from the project root and returns its exit status and output. */
export function sitrepCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/serve/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
