// Colours and classes shared by the map, the legend, the list and the panel.

/** PLOVER types with a colour each: material conflict in warm colours, cooperation in cool ones. */
export const TYPE_COLORS: Record<string, string> = {
  ASSAULT: "#d7191c",
  COERCE: "#f07c1f",
  MOBILIZE: "#7b3294",
  PROTEST: "#e7298a",
  SANCTION: "#8c510a",
  THREATEN: "#b8860b",
  REJECT: "#a6611a",
  ACCUSE: "#c2a5cf",
  REQUEST: "#80cdc1",
  RETREAT: "#01665e",
  CONCEDE: "#35978f",
  AID: "#1a9641",
  COOPERATE: "#2c7bb6",
  SUPPORT: "#5e9ed6",
  CONSULT: "#7fbf7b",
  AGREE: "#053061",
};
export const TYPES = Object.keys(TYPE_COLORS);
export const OTHER_COLOR = "#666666";

export const typeColor = (t: string | null | undefined) => (t && TYPE_COLORS[t]) || OTHER_COLOR;

export const MODALITIES = ["occurred", "ongoing", "planned", "expected", "speculative", "denied"] as const;

/** Said to have happened (drawn filled), said to be coming (hollow, dashed), said not to have happened (grey). */
export type Certainty = "fact" | "future" | "denied";

export function certainty(modality: string | null | undefined): Certainty {
  if (modality === "denied") return "denied";
  if (modality === "planned" || modality === "expected" || modality === "speculative") return "future";
  return "fact";
}

export const MODALITY_HELP: Record<string, string> = {
  occurred: "reported as having happened",
  ongoing: "reported as happening",
  planned: "announced or planned",
  expected: "expected by the source",
  speculative: "possible, speculated",
  denied: "denied by someone",
};

/** Movements: events whose origin is worth drawing. */
export const MOVEMENT_TYPES = new Set(["MOBILIZE", "RETREAT"]);

export const PRECISION_TEXT: Record<number, string> = {
  1: "the place itself",
  2: "near or part of the place",
  3: "somewhere in the region",
};
