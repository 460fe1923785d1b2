// Drops repeated documents: two inputs with the same normalised text (same contentHash) are one document.
import type { Document } from "../model/types.ts";

/** 128 bits of the hash as a 16-character string: a third of the memory of the hex digest, no real collisions. */
function key(contentHash: string): string {
  return /^[0-9a-f]{32}/.test(contentHash)
    ? Buffer.from(contentHash.slice(0, 32), "hex").toString("latin1")
    : contentHash;
}

export class Deduper {
  private readonly first = new Map<string, string | undefined>();

  /** `keepOrigins: false` saves memory on very large batches; `firstOrigin` then answers undefined. */
  constructor(private readonly keepOrigins = true) {}

  /** True when a document with this text was seen before; otherwise remembers it and returns false. */
  seen(doc: Document): boolean {
    const k = key(doc.contentHash);
    if (this.first.has(k)) return true;
    this.first.set(k, this.keepOrigins ? doc.origin : undefined);
    return false;
  }

  /** Origin of the first document seen with this hash. */
  firstOrigin(contentHash: string): string | undefined {
    return this.first.get(key(contentHash));
  }

  get size(): number {
    return this.first.size;
  }
}
