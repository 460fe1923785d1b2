// JSON Lines: one record per line, exactly as the output contract (shared/contract.md) defines it.
import type { OutputRecord } from "../../model/types.ts";
import type { Writer } from "./writer.ts";

export function jsonlLine(record: OutputRecord): string {
  return `${JSON.stringify(record)}\n`;
}

export function jsonlWriter(): Writer {
  return { header: () => "", row: jsonlLine, footer: () => "" };
}

export function toJsonl(records: OutputRecord[]): string {
  return records.map(jsonlLine).join("");
}
