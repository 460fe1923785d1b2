// Size limits for ingest, with their defaults. Every limit is in bytes (UTF-8 for document text).

export interface Limits {
  /** Largest non-JSONL file read into memory (checked with stat before reading). */
  maxFileBytes: number;
  /** Largest document text, after extraction. */
  maxTextBytes: number;
  /** Longest JSONL line. */
  maxLineBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileBytes: 50 * MB,
  maxTextBytes: 2 * MB,
  maxLineBytes: 4 * MB,
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
