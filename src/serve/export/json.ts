// A JSON array of the records as they are, one record per line.
import type { OutputRecord } from "../../model/types.ts";
import { jsonArrayWriter, type Writer, writeAll } from "./writer.ts";

export function jsonWriter(): Writer {
  return jsonArrayWriter("[", "]", (record) => record);
}

export function toJson(records: OutputRecord[]): string {
  return writeAll(jsonWriter(), records);
}
