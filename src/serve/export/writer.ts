// A Writer turns records into text piece by piece, so the CLI can print while it reads:
// header() once, row() per record ("" for records the format skips), footer() once.
import type { Document, OutputRecord } from "../../model/types.ts";

export interface Writer {
  header(): string;
  row(record: OutputRecord): string;
  footer(): string;
}

/** Documents by id, looked up when each row is written (so a caller may fill it as it goes). */
export type DocLookup = Map<string, Document> | undefined;

/**
 * A JSON text `open … items … close` with one item per line: `toItem` maps a record to a JSON value or null
 * (skipped). Streams, yet the whole output is one valid JSON document.
 */
export function jsonArrayWriter(open: string, close: string, toItem: (record: OutputRecord) => unknown): Writer {
  let first = true;
  return {
    header: () => {
      first = true;
      return open;
    },
    row: (record) => {
      const item = toItem(record);
      if (item === null || item === undefined) return "";
      const text = `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
      first = false;
      return text;
    },
    footer: () => `${first ? "" : "\n"}${close}\n`,
  };
}

/** Runs a writer over a whole batch. */
export function writeAll(writer: Writer, records: OutputRecord[]): string {
  return writer.header() + records.map((r) => writer.row(r)).join("") + writer.footer();
}
