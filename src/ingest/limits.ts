// Limits for ingest, with their defaults: sizes in bytes (UTF-8 for document text), HTML nesting in elements and
// word length in characters. Each one refuses an input (or one document) with a message; the batch goes on.

export interface Limits {
  /** Largest non-JSONL file read into memory (checked with stat before reading). */
  maxFileBytes: number;
  /** Largest document text, after extraction. */
  maxTextBytes: number;
  /** Longest JSONL line. */
  maxLineBytes: number;
  /**
   * Deepest element nesting in an HTML page or feed item. Parsing and main-text extraction grow faster than
   * linearly with depth (1,000 nested divs take over a minute), and real pages stay far below 100.
   */
  maxHtmlDepth: number;
  /**
   * Longest run of Latin letters, digits and punctuation without a space. The tokenizer slows down more than
   * quadratically on such runs (a 100 KB "word" takes hours); prose, and URLs, stay far below it.
   */
  maxWordChars: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileBytes: 50 * MB,
  maxTextBytes: 2 * MB,
  maxLineBytes: 4 * MB,
  maxHtmlDepth: 256,
  maxWordChars: 2000,
};

export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(out) as (keyof Limits)[]) {
    const v = partial[key];
    if (typeof v === "number" && v > 0) out[key] = v;
  }
  return out;
}

/** "51.0 MB", "2 MB", "812 KB", "17 bytes": a size for messages. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${Number.isInteger(n / MB) ? n / MB : (n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Whether a UTF-16 code unit belongs to a "word" for `maxWordChars`: ASCII or Latin, not a space. */
function latinNonSpace(c: number): boolean {
  if (c <= 0x20) return false;
  if (c < 0x7f) return true;
  return c >= 0xa1 && c <= 0x24f;
}

/** Length of the longest run of characters without a space among ASCII/Latin ones (a linear scan). */
export function longestWord(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (latinNonSpace(text.charCodeAt(i))) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

/** Why a document text breaks the text limits (size, word length), or undefined when it does not. */
export function textLimitProblem(
  text: string,
  limits: Pick<Limits, "maxTextBytes" | "maxWordChars">,
): string | undefined {
  // cheap first: UTF-8 needs at most 3 bytes per UTF-16 unit
  const bytes = text.length * 3 <= limits.maxTextBytes ? 0 : Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxTextBytes) {
    return `text too large (${formatBytes(bytes)}, limit ${formatBytes(limits.maxTextBytes)}), skipped`;
  }
  const word = longestWord(text);
  if (word > limits.maxWordChars) {
    return `text has a ${word}-character run without a space (limit ${limits.maxWordChars}): not prose, skipped`;
  }
  return undefined;
}
