// The ACLED and PLOVER taxonomies and the default mapping between them, loaded from data/taxonomy/*.json.
// The files are validated when this module loads; a malformed file throws with the file name and the problem.
import { readFileSync } from "node:fs";
import { type AcledType, PLOVER_TYPES, type PloverType } from "./types.ts";

const DATA_DIR = new URL("../../data/taxonomy/", import.meta.url);

// ---------------------------------------------------------------------------------------------
// Types

export interface AcledSubTypeInfo {
  /** ACLED sub-event type, exact spelling ("Shelling/artillery/missile attack"). */
  name: string;
  eventType: string;
  /** "Political violence", "Demonstrations", "Strategic developments" or "Political violence; Demonstrations". */
  disorderType: string;
  /** The CASE 2021 Task 2 label code ("ART_MISS_ATTACK"). */
  case2021: string;
}

export interface PloverModeInfo {
  name: string;
  gloss: string;
  /** "manual": in the PLOVER manual's mode tables; "later": used by later PLOVER data only. */
  from: "manual" | "later";
}

export interface PloverTypeInfo {
  name: PloverType;
  quad: "verbal cooperation" | "material cooperation" | "verbal conflict" | "material conflict";
  /** Conflict-cooperation score (-10 … +10). */
  score: number;
  recipientRequired: boolean;
  description: string;
  modes: PloverModeInfo[];
}

export interface PloverAcledRule {
  type: PloverType;
  mode?: string;
  acled: string | null;
  note?: string;
}

export interface AcledPloverEntry {
  acled: string;
  type: PloverType | null;
  mode: string | null;
}

// ---------------------------------------------------------------------------------------------
// Loading and validation

function load(file: string): Record<string, unknown> {
  const url = new URL(file, DATA_DIR);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, "utf8"));
  } catch (e) {
    throw new Error(`data/taxonomy/${file}: ${(e as Error).message}`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error(`data/taxonomy/${file}: not an object`);
  return data as Record<string, unknown>;
}

function fail(file: string, msg: string): never {
  throw new Error(`data/taxonomy/${file}: ${msg}`);
}

function strings(file: string, v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || !x)) fail(file, `${what} must be a list of strings`);
  if (new Set(v).size !== v.length) fail(file, `${what} has duplicates`);
  return v as string[];
}

function loadAcled() {
  const f = "acled.json";
  const raw = load(f);
  const eventTypes = strings(f, raw.eventTypes, "eventTypes");
  const disorderTypes = strings(f, raw.disorderTypes, "disorderTypes");
  if (eventTypes.length !== 6) fail(f, `expected 6 event types, found ${eventTypes.length}`);
  if (!Array.isArray(raw.subTypes)) fail(f, "subTypes must be a list");
  const subTypes: AcledSubTypeInfo[] = [];
  for (const s of raw.subTypes as Record<string, unknown>[]) {
    const { name, eventType, disorderType, case2021 } = s;
    if (typeof name !== "string" || typeof eventType !== "string" || typeof disorderType !== "string")
      fail(f, `bad sub-type entry ${JSON.stringify(s)}`);
    if (typeof case2021 !== "string") fail(f, `sub-type ${name} lacks its case2021 code`);
    if (!eventTypes.includes(eventType)) fail(f, `sub-type ${name}: unknown event type ${eventType}`);
    if (!disorderType.split("; ").every((d) => disorderTypes.includes(d)))
      fail(f, `sub-type ${name}: unknown disorder type ${disorderType}`);
    subTypes.push({ name, eventType, disorderType, case2021 });
  }
  if (subTypes.length !== 25) fail(f, `expected 25 sub-types, found ${subTypes.length}`);
  if (new Set(subTypes.map((s) => s.name)).size !== 25) fail(f, "duplicate sub-type names");
  if (new Set(subTypes.map((s) => s.case2021)).size !== 25) fail(f, "duplicate case2021 codes");
  for (const e of eventTypes) if (!subTypes.some((s) => s.eventType === e)) fail(f, `event type ${e} has no sub-type`);
  const nonAcled = raw.case2021NonAcled as Record<string, string> | undefined;
  if (!nonAcled || typeof nonAcled !== "object") fail(f, "case2021NonAcled must be an object");
  return { eventTypes, disorderTypes, subTypes, nonAcled };
}

function loadPlover() {
  const f = "plover.json";
  const raw = load(f);
  if (!Array.isArray(raw.types)) fail(f, "types must be a list");
  const quads = strings(f, raw.quads, "quads");
  const types: PloverTypeInfo[] = [];
  for (const t of raw.types as Record<string, unknown>[]) {
    const name = t.name as PloverType;
    if (!(PLOVER_TYPES as readonly string[]).includes(name)) fail(f, `unknown PLOVER type ${String(name)}`);
    if (typeof t.quad !== "string" || !quads.includes(t.quad)) fail(f, `${name}: bad quad ${String(t.quad)}`);
    if (typeof t.score !== "number") fail(f, `${name}: score must be a number`);
    if (typeof t.recipientRequired !== "boolean") fail(f, `${name}: recipientRequired must be a boolean`);
    if (!Array.isArray(t.modes)) fail(f, `${name}: modes must be a list`);
    const modes = t.modes as PloverModeInfo[];
    for (const m of modes)
      if (typeof m.name !== "string" || (m.from !== "manual" && m.from !== "later"))
        fail(f, `${name}: bad mode ${JSON.stringify(m)}`);
    if (new Set(modes.map((m) => m.name)).size !== modes.length) fail(f, `${name}: duplicate modes`);
    types.push({ ...(t as unknown as PloverTypeInfo), name, modes });
  }
  const names = types.map((t) => t.name);
  if (names.length !== PLOVER_TYPES.length || names.some((n, i) => n !== PLOVER_TYPES[i]))
    fail(f, "types must list the 16 PLOVER_TYPES of src/model/types.ts in the same order");
  const contexts = strings(f, raw.contexts, "contexts");
  const temporalContexts = strings(f, raw.temporalContexts, "temporalContexts");
  const legacyNames = raw.legacyNames as Record<string, string>;
  for (const [k, v] of Object.entries(legacyNames ?? {}))
    if (!names.includes(v as PloverType)) fail(f, `legacy name ${k} maps to unknown type ${v}`);
  const modeAliases = (raw.modeAliases ?? {}) as Record<string, string>;
  return { types, contexts, temporalContexts, legacyNames: legacyNames ?? {}, modeAliases };
}

const acled = loadAcled();
const plover = loadPlover();

function loadMapping() {
  const f = "plover-acled.json";
  const raw = load(f);
  const subNames = new Set(acled.subTypes.map((s) => s.name));
  const typeInfo = new Map(plover.types.map((t) => [t.name, t]));
  if (!Array.isArray(raw.ploverToAcled)) fail(f, "ploverToAcled must be a list");
  const rules: PloverAcledRule[] = [];
  for (const r of raw.ploverToAcled as Record<string, unknown>[]) {
    const t = typeInfo.get(r.type as PloverType);
    if (!t) fail(f, `unknown PLOVER type ${String(r.type)}`);
    if (r.mode !== undefined && !t.modes.some((m) => m.name === r.mode))
      fail(f, `${t.name} has no mode ${String(r.mode)}`);
    if (r.acled !== null && !subNames.has(r.acled as string)) fail(f, `unknown ACLED sub-type ${String(r.acled)}`);
    rules.push(r as unknown as PloverAcledRule);
  }
  for (const t of PLOVER_TYPES)
    if (!rules.some((r) => r.type === t && r.mode === undefined)) fail(f, `no default (mode-less) rule for ${t}`);
  if (!Array.isArray(raw.acledToPlover)) fail(f, "acledToPlover must be a list");
  const reverse = new Map<string, AcledPloverEntry>();
  for (const e of raw.acledToPlover as AcledPloverEntry[]) {
    if (!subNames.has(e.acled)) fail(f, `unknown ACLED sub-type ${e.acled}`);
    if (reverse.has(e.acled)) fail(f, `duplicate entry for ${e.acled}`);
    if (e.type !== null) {
      const t = typeInfo.get(e.type);
      if (!t) fail(f, `${e.acled}: unknown PLOVER type ${e.type}`);
      if (e.mode !== null && !t.modes.some((m) => m.name === e.mode))
        fail(f, `${e.acled}: ${e.type} has no mode ${e.mode}`);
    }
    reverse.set(e.acled, { acled: e.acled, type: e.type, mode: e.mode ?? null });
  }
  if (reverse.size !== 25) fail(f, `acledToPlover must cover the 25 sub-types (has ${reverse.size})`);
  return { rules, reverse };
}

const mapping = loadMapping();

// ---------------------------------------------------------------------------------------------
// ACLED

export const acledEventTypes: readonly string[] = Object.freeze([...acled.eventTypes]);
export const acledDisorderTypes: readonly string[] = Object.freeze([...acled.disorderTypes]);
/** The 25 ACLED sub-event types, in codebook order. */
export const acledSubTypes: readonly string[] = Object.freeze(acled.subTypes.map((s) => s.name));
export const acledSubTypeInfos: readonly AcledSubTypeInfo[] = Object.freeze(acled.subTypes.map((s) => ({ ...s })));
/** The 25 CASE 2021 codes of the ACLED sub-types, in the same order as acledSubTypes. */
export const case2021AcledCodes: readonly string[] = Object.freeze(acled.subTypes.map((s) => s.case2021));
/** CASE 2021 labels that are not ACLED sub-types (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB). */
export const case2021NonAcledCodes: readonly string[] = Object.freeze(Object.keys(acled.nonAcled));

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const byName = new Map(acled.subTypes.map((s) => [s.name, s]));
const byFolded = new Map(acled.subTypes.map((s) => [fold(s.name), s]));
const byCode = new Map(acled.subTypes.map((s) => [s.case2021, s]));

/** The canonical sub-type name for a name in any case/spacing, or for a CASE 2021 code; null when unknown. */
export function normalizeAcledSubType(nameOrCode: string): string | null {
  return (byFolded.get(fold(nameOrCode)) ?? byCode.get(nameOrCode.trim().toUpperCase()))?.name ?? null;
}

export function isAcledSubType(name: string): boolean {
  return byName.has(name);
}

export function acledSubTypeInfo(subType: string): AcledSubTypeInfo | null {
  const s = byName.get(subType) ?? byFolded.get(fold(subType));
  return s ? { ...s } : null;
}

/** The ACLED event type of a sub-event type ("Grenade" → "Explosions/Remote violence"); null when unknown. */
export function eventTypeOf(subType: string): string | null {
  return acledSubTypeInfo(subType)?.eventType ?? null;
}

/** The ACLED disorder type of a sub-event type; null when unknown. */
export function disorderTypeOf(subType: string): string | null {
  return acledSubTypeInfo(subType)?.disorderType ?? null;
}

/** The sub-event types of an event type, in codebook order. */
export function subTypesOf(eventType: string): string[] {
  return acled.subTypes.filter((s) => s.eventType === eventType).map((s) => s.name);
}

/** {event_type, sub_event_type} as EventRecord.acled carries it; null when the sub-type is unknown. */
export function acledType(subType: string): AcledType | null {
  const s = acledSubTypeInfo(subType);
  return s ? { event_type: s.eventType, sub_event_type: s.name } : null;
}

/** CASE 2021 code of a sub-type ("Air/drone strike" → "AIR_STRIKE"); null when unknown. */
export function case2021CodeOf(subType: string): string | null {
  return acledSubTypeInfo(subType)?.case2021 ?? null;
}

/** Sub-type of a CASE 2021 code; null for the non-ACLED labels and unknown codes. */
export function subTypeOfCase2021Code(code: string): string | null {
  return byCode.get(code)?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// PLOVER

export const ploverTypeInfos: readonly PloverTypeInfo[] = Object.freeze(plover.types);
/** The 16 PLOVER types, same order as PLOVER_TYPES in types.ts. */
export const ploverTypes: readonly PloverType[] = Object.freeze(plover.types.map((t) => t.name));
export const ploverContexts: readonly string[] = Object.freeze([...plover.contexts]);
export const ploverTemporalContexts: readonly string[] = Object.freeze([...plover.temporalContexts]);
/** v0.5 names → current names: DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT. */
export const ploverLegacyNames: Readonly<Record<string, PloverType>> = Object.freeze(
  plover.legacyNames as Record<string, PloverType>,
);

const ploverByName = new Map(plover.types.map((t) => [t.name as string, t]));

export function ploverTypeInfo(type: string): PloverTypeInfo | null {
  return ploverByName.get(type) ?? null;
}

/** A PLOVER type from a current or v0.5 name in any case; null when unknown (e.g. "DOCUMENT"). */
export function normalizePloverType(name: string): PloverType | null {
  const up = name.trim().toUpperCase();
  if (ploverByName.has(up)) return up as PloverType;
  return ploverLegacyNames[up] ?? null;
}

/** Mode names of a type (manual and later ones). */
export function ploverModes(type: PloverType): string[] {
  return ploverByName.get(type)?.modes.map((m) => m.name) ?? [];
}

/** Lower-cases a mode and applies known aliases (v0.5 "riot-spon" → "riot", NGEC "SIEZE" → "seize"). */
export function normalizePloverMode(mode: string): string {
  const m = mode.trim().toLowerCase();
  return plover.modeAliases[m] ?? m;
}

export function isPloverMode(type: PloverType, mode: string): boolean {
  return ploverModes(type).includes(normalizePloverMode(mode));
}

// ---------------------------------------------------------------------------------------------
// PLOVER ↔ ACLED defaults

export const ploverAcledRules: readonly PloverAcledRule[] = Object.freeze(mapping.rules);

/** Default ACLED type for a PLOVER type and mode (first matching rule); null when ACLED has no such event. */
export function acledForPlover(type: PloverType, mode?: string | null): AcledType | null {
  const m = mode ? normalizePloverMode(mode) : undefined;
  const rule =
    mapping.rules.find((r) => r.type === type && r.mode !== undefined && r.mode === m) ??
    mapping.rules.find((r) => r.type === type && r.mode === undefined);
  return rule?.acled ? acledType(rule.acled) : null;
}

/** Default PLOVER type and mode for an ACLED sub-type; null when the sub-type is unknown. */
export function ploverForAcled(subType: string): { type: PloverType | null; mode: string | null } | null {
  const name = normalizeAcledSubType(subType);
  const e = name ? mapping.reverse.get(name) : undefined;
  return e ? { type: e.type, mode: e.mode } : null;
}
