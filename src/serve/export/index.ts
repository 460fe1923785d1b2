// One entry point for every export format: a streaming Writer per format, and formatRecords for a whole batch.
import type { Document, OutputRecord } from "../../model/types.ts";
import { acledHeader, acledLine } from "./acled-csv.ts";
import { geojsonWriter } from "./geojson.ts";
import { jsonWriter } from "./json.ts";
import { jsonlWriter } from "./jsonl.ts";
import { ploverWriter } from "./plover.ts";
import { type Writer, writeAll } from "./writer.ts";

export type Format = "jsonl" | "json" | "geojson" | "acled-csv" | "plover";
export const FORMATS: readonly Format[] = ["jsonl", "json", "geojson", "acled-csv", "plover"];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/**
 * A Writer for `format`: print header(), then row(record) for each record as it comes, then footer().
 * `docs` (by id) supplies outlet, title, url and publication date; it is read at each row, so it may grow.
 */
export function createWriter(format: Format, docs?: Map<string, Document>): Writer {
  switch (format) {
    case "jsonl":
      return jsonlWriter();
    case "json":
      return jsonWriter();
    case "geojson":
      return geojsonWriter(docs);
    case "acled-csv":
      return { header: acledHeader, row: (r) => acledLine(r, docs?.get(r.doc)), footer: () => "" };
    case "plover":
      return ploverWriter(docs);
  }
}

/** The whole output for a batch of records in `format`. */
export function formatRecords(records: OutputRecord[], format: Format, docs?: Map<string, Document>): string {
  return writeAll(createWriter(format, docs), records);
}

export type { Writer } from "./writer.ts";
