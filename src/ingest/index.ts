// Public API of the ingest stage: readInputs turns paths (or "-" for stdin) into Documents and InputErrors.
import type { Document, InputError } from "../model/types.ts";
import { Deduper } from "./dedupe.ts";
import { inputError, isInputError, normalisePublished } from "./document.ts";
import { type Limits, resolveLimits, textLimitProblem } from "./limits.ts";
import { readPath, readStream } from "./source.ts";

export { Deduper } from "./dedupe.ts";
export { type DocumentMeta, documentFromText, formatInputError, isInputError, normalisePublished } from "./document.ts";
export { DEFAULT_LIMITS, type Limits, textLimitProblem } from "./limits.ts";

export interface IngestStats {
  documents: number;
  errors: number;
  /** Documents skipped because an earlier input had the same text. */
  duplicates: number;
}

export interface ReadOptions {
  /** Publication date for documents that lack one (YYYY-MM-DD[Thh:mm], or any date the normaliser reads). */
  published?: string;
  limits?: Partial<Limits>;
  /** What "-" reads; process.stdin when absent. */
  stdin?: NodeJS.ReadableStream;
  /** Skip documents whose text was already read (default true). */
  dedupe?: boolean;
  /** Called for each skipped duplicate with the origin of the first copy. */
  onDuplicate?: (doc: Document, firstOrigin: string) => void;
  /** Counters, updated as the batch goes. */
  stats?: IngestStats;
}

export function newStats(): IngestStats {
  return { documents: 0, errors: 0, duplicates: 0 };
}

function overLimit(doc: Document, limits: Limits): InputError | undefined {
  const problem = textLimitProblem(doc.text, limits);
  return problem === undefined ? undefined : inputError(doc.origin, problem);
}

function errorMessage(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);
}

/**
 * Reads every input in order and yields its documents and errors. Never throws for bad input: a bad file or
 * line is an InputError and the batch goes on. Repeated texts are skipped (counted in `stats.duplicates`).
 */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<Document | InputError> {
  const limits = resolveLimits(opts.limits);
  const stats = opts.stats ?? newStats();
  const deduper = new Deduper(opts.onDuplicate !== undefined);
  let published: string | undefined;
  if (opts.published !== undefined) {
    published = normalisePublished(opts.published);
    if (!published) {
      stats.errors++;
      yield inputError("--published", `not a date: "${opts.published}", ignored`);
    }
  }
  for (const path of paths) {
    const source = path === "-" ? readStream(opts.stdin ?? process.stdin, "-", limits) : readPath(path, limits);
    try {
      for await (const item of source) {
        const out = isInputError(item) ? item : (overLimit(item, limits) ?? item);
        if (isInputError(out)) {
          stats.errors++;
          yield out;
          continue;
        }
        if (published && !out.published) out.published = published;
        if (opts.dedupe !== false && deduper.seen(out)) {
          stats.duplicates++;
          opts.onDuplicate?.(out, deduper.firstOrigin(out.contentHash) ?? "");
          continue;
        }
        stats.documents++;
        yield out;
      }
    } catch (e) {
      stats.errors++;
      yield inputError(path, `cannot read (${errorMessage(e)})`);
    }
  }
}
