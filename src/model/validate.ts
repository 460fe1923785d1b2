// Checks output records against the JSON Schemas in schema/ (event, control, place) and against their text.
// The validator implements the subset of JSON Schema 2020-12 those files use: type (with "integer" and "null"),
// enum, const, required, properties, additionalProperties, items, minItems, minimum, maximum, minLength,
// maxLength, pattern, anyOf, allOf and $ref (within a file, "#/$defs/x", or to a sibling, "common.json#/$defs/x").
// `spanProblems` adds what a schema cannot say: every offset inside the text and every span text equal to
// `text.slice(start, end)`.
import { readdirSync, readFileSync } from "node:fs";
import type { Evidence, LocationField, OutputRecord, PlaceRecord } from "./types.ts";

export interface Schema {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  allOf?: Schema[];
  [other: string]: unknown;
}

/** One problem: where (a JSON Pointer into the value, "" for the root) and what. */
export interface ValidationError {
  path: string;
  message: string;
}

/** Schemas by file name ("event.json"), for $ref between files. */
export type SchemaRegistry = Map<string, Schema>;

const SCHEMA_DIR = new URL("../../schema/", import.meta.url);
let loaded: SchemaRegistry | undefined;

/** Every schema/*.json, read once. */
export function schemas(): SchemaRegistry {
  if (!loaded) {
    loaded = new Map();
    for (const file of readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), "utf8")) as Schema;
      loaded.set(schema.$id ?? file, schema);
    }
  }
  return loaded;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function hasType(v: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return v === null;
    case "integer":
      return typeof v === "number" && Number.isSafeInteger(v);
    case "number": // JSON has no NaN or Infinity: JSON.stringify would print null
      return typeof v === "number" && Number.isFinite(v);
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return typeof v === type;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const pointer = (path: string, key: string | number) =>
  `${path}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};
const patterns = new Map<string, RegExp>();
const regex = (p: string) => {
  let r = patterns.get(p);
  if (!r) {
    r = new RegExp(p, "u");
    patterns.set(p, r);
  }
  return r;
};

/** The schema a `$ref` points at, and the file it is in (relative refs resolve against that file). */
function resolveRef(ref: string, base: string, registry: SchemaRegistry): { schema: Schema; base: string } {
  const [file, fragment = ""] = ref.split("#");
  const doc = file || base;
  let node: unknown = registry.get(doc);
  if (node === undefined) throw new Error(`$ref ${ref}: no schema ${doc}`);
  for (const part of fragment.split("/").filter(Boolean)) {
    node = (node as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    if (node === undefined) throw new Error(`$ref ${ref}: nothing at ${fragment} in ${doc}`);
  }
  return { schema: node as Schema, base: doc };
}

/** Validates `value` against `schema` (whose file is `base`), pushing every problem found into `out`. */
export function check(
  schema: Schema,
  value: unknown,
  base: string,
  registry: SchemaRegistry,
  path = "",
  out: ValidationError[] = [],
): ValidationError[] {
  const fail = (message: string) => out.push({ path, message });
  if (schema.$ref !== undefined) {
    const target = resolveRef(schema.$ref, base, registry);
    check(target.schema, value, target.base, registry, path, out);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) {
      fail(`expected ${types.join(" or ")}, got ${typeOf(value)}${typeof value === "number" ? ` ${value}` : ""}`);
      return out; // the keywords below assume the type
    }
  }
  if (schema.const !== undefined && !same(value, schema.const)) fail(`must be ${show(schema.const)}`);
  if (schema.enum && !schema.enum.some((e) => same(e, value))) {
    fail(`${show(value)} is not one of ${schema.enum.map(show).join(", ")}`);
  }
  if (schema.anyOf) {
    const branches = schema.anyOf.map((s) => check(s, value, base, registry, path, []));
    if (!branches.some((b) => b.length === 0)) {
      // report the branch of the value's own type (an object against the object branch, not against null)
      const wrongType = (b: ValidationError[]) => b.some((e) => e.path === path && e.message.startsWith("expected "));
      const ranked = [...branches].sort((a, b) => Number(wrongType(a)) - Number(wrongType(b)) || a.length - b.length);
      out.push(...ranked[0]);
    }
  }
  for (const s of schema.allOf ?? []) check(s, value, base, registry, path, out);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`${value} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`${value} is above ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      fail(`shorter than ${schema.minLength} characters`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      fail(`longer than ${schema.maxLength} characters`);
    }
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) {
      fail(`${show(value)} does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    const items = schema.items;
    if (items) for (const [i, v] of value.entries()) check(items, v, base, registry, pointer(path, i), out);
  }
  if (hasType(value, "object")) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) fail(`missing "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) check(sub, v, base, registry, pointer(path, key), out);
      else if (schema.additionalProperties === false) fail(`unexpected "${key}"`);
      else if (typeof schema.additionalProperties === "object") {
        check(schema.additionalProperties, v, base, registry, pointer(path, key), out);
      }
    }
  }
  return out;
}

export type RecordSchema = "event" | "control" | "place";

/** Problems of `value` against schema/NAME.json; empty when valid. */
export function validate(name: RecordSchema, value: unknown): ValidationError[] {
  const registry = schemas();
  const file = `${name}.json`;
  const schema = registry.get(file);
  if (!schema) throw new Error(`no schema ${file}`);
  return check(schema, value, file, registry);
}

/** An event or control record, by its `kind`. */
export function validateRecord(value: unknown): ValidationError[] {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === "event" || kind === "control") return validate(kind, value);
  return [{ path: "/kind", message: `must be "event" or "control", got ${show(kind)}` }];
}

/** "/actors/0/start: 12 is below 0": one line per problem. */
export function formatErrors(errors: ValidationError[]): string {
  return errors.map((e) => `${e.path || "/"}: ${e.message}`).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Offsets against the document text

/** Problems of the spans of an event, control or place record against the text of its document. */
export function spanProblems(record: OutputRecord | PlaceRecord, text: string): string[] {
  const problems: string[] = [];
  const range = (where: string, s: { start: number; end: number }) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end)) {
      problems.push(`${where}: bad range [${s.start}, ${s.end})`);
      return false;
    }
    if (s.end > text.length) {
      problems.push(`${where}: [${s.start}, ${s.end}) ends after the text (length ${text.length})`);
      return false;
    }
    return true;
  };
  /** The span must cover exactly `expected`. */
  const exact = (where: string, s: { start: number; end: number }, expected: string) => {
    if (range(where, s) && text.slice(s.start, s.end) !== expected) {
      problems.push(`${where}: text ${show(expected)} but the span covers ${show(text.slice(s.start, s.end))}`);
    }
  };
  const location = (where: string, l: LocationField | null | undefined) => {
    if (l) range(where, l);
  };
  const evidence = (list: Evidence[]) =>
    list.forEach((e, i) => {
      exact(`/evidence/${i}`, e, e.text);
      if (e.doc !== record.doc) problems.push(`/evidence/${i}: doc ${e.doc}, record doc ${record.doc}`);
    });
  if (!("kind" in record)) {
    exact("", record, record.text);
    return problems;
  }
  evidence(record.evidence);
  if (record.kind === "control") {
    location("/place", record.place);
    return problems;
  }
  exact("/trigger", record.trigger, record.trigger.text);
  record.actors.forEach((a, i) => {
    range(`/actors/${i}`, a);
  });
  location("/location", record.location);
  location("/origin", record.origin);
  record.locations?.forEach((l, i) => {
    location(`/locations/${i}`, l);
  });
  return problems;
}
