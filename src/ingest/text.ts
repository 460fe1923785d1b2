// Plain-text reader: a whole file is one document; a short first line followed by more text is its title.
import type { Document, InputError } from "../model/types.ts";
import { documentFromText, inputError, normaliseText } from "./document.ts";

const MAX_TITLE = 150;

export function readText(text: string, origin: string): Document | InputError {
  const norm = normaliseText(text);
  if (!norm) return inputError(origin, "empty file");
  const nl = norm.indexOf("\n");
  const first = nl < 0 ? "" : norm.slice(0, nl).trim();
  const title = first.length > 0 && first.length <= MAX_TITLE ? first : undefined;
  return documentFromText(norm, { origin, title });
}
