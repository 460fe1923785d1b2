// Which reader a file goes to: by extension, else by its first characters.
import { looksLikeFeed } from "./feed.ts";

export type Format = "text" | "html" | "feed" | "jsonl";

const BY_EXTENSION: Record<string, Format> = {
  ".txt": "text",
  ".text": "text",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".xml": "feed",
  ".rss": "feed",
  ".atom": "feed",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

export function formatFromExtension(ext: string): Format | undefined {
  return BY_EXTENSION[ext.toLowerCase()];
}

/** Guesses the format of decoded text; `jsonl` only when allowed (stdin), since a .json file is not JSONL. */
export function sniffFormat(text: string, allowJsonl: boolean): Format {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (allowJsonl && head.startsWith("{")) return "jsonl";
  if (looksLikeFeed(head)) return "feed";
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype html|html)[\s>]/i.test(head)) return "html";
  return "text";
}
