// Flat views of a record shared by the tabular and map exports: actors by ACLED role, source line, evidence text.
import type { Document, EventActor, EventRecord, OutputRecord } from "../../model/types.ts";

export interface ActorColumns {
  actor1: EventActor | null;
  assoc1: EventActor[];
  actor2: EventActor | null;
  assoc2: EventActor[];
}

/** The first `actor1`/`actor2` lead their side; further ones of the same role join the associates, as ACLED does. */
export function actorColumns(event: EventRecord): ActorColumns {
  const side = (lead: EventActor["role"], assoc: EventActor["role"]) => {
    const leads = event.actors.filter((a) => a.role === lead);
    const rest = [...leads.slice(1), ...event.actors.filter((a) => a.role === assoc)];
    return [leads[0] ?? null, rest] as const;
  };
  const [actor1, assoc1] = side("actor1", "assoc1");
  const [actor2, assoc2] = side("actor2", "assoc2");
  return { actor1, assoc1, actor2, assoc2 };
}

/** ACLED-style actor label: the canonical name, or the text when there is none. */
export function actorLabel(actor: EventActor | null): string {
  return actor ? actor.canonical || actor.name : "";
}

/** Several actors as one cell: distinct labels joined by "; ". */
export function actorList(actors: EventActor[]): string {
  return unique(actors.map(actorLabel)).join("; ");
}

/** The attribution chain then the outlet (from the record, else its document), distinct, joined by "; ". */
export function sourceText(record: OutputRecord, doc?: Document): string {
  return unique([...record.source.chain, record.source.outlet ?? doc?.outlet ?? ""]).join("; ");
}

/** The evidence texts, distinct, joined by a space. */
export function evidenceText(record: OutputRecord): string {
  return unique(record.evidence.map((e) => e.text)).join(" ");
}

export function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ""))];
}

/** Date part (YYYY-MM-DD) of an ISO date or date-time. */
export function datePart(iso: string | null | undefined): string | null {
  return iso ? iso.slice(0, 10) : null;
}
