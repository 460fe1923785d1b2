// The OpenAPI 3.1 description of the HTTP API, written by hand; test/http.test.ts checks it lists every route.
import { PLOVER_TYPES } from "../../model/types.ts";
import { MODALITIES } from "./events.ts";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "./ingest.ts";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./query.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const query = (name: string, description: string, schema: object = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const idParam = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `${what} id`,
  schema: { type: "string" },
});

const paging = [
  query("limit", `page size (default ${DEFAULT_LIMIT})`, { type: "integer", minimum: 1, maximum: MAX_LIMIT }),
  query("offset", "matching records to skip (default 0)", { type: "integer", minimum: 0 }),
];
const dates = [
  query("from", "ISO date or prefix (2017, 2017-01); keeps records whose time range overlaps [from, to]"),
  query("to", "ISO date or prefix; see from"),
];
const bbox = query("bbox", "west,south,east,north in degrees (WGS84); west > east crosses the antimeridian");

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`);

/** The description for a server with these ingest limits. */
export function openApiDocument(limits: IngestLimits = DEFAULT_INGEST_LIMITS, version = "0.1.0") {
  const { maxDocuments, maxBodyBytes, maxTextBytes } = limits;
  return {
    openapi: "3.1.0",
    info: {
      title: "sitrep",
      version,
      description:
        "Events and territorial-control claims extracted from war reporting. Reads are open; POST /api/ingest " +
        "needs the bearer token the server was started with (SITREP_TOKEN) and is refused (403) when it has none.",
    },
    paths: {
      "/api/health": {
        get: {
          summary: "Liveness and store counts",
          responses: {
            "200": {
              description: "ok",
              content: json({
                type: "object",
                required: ["ok", "stats"],
                properties: { ok: { const: true }, stats: ref("Stats") },
              }),
            },
          },
        },
      },
      "/api/events": {
        get: {
          summary: "Events (or fused events) as a GeoJSON FeatureCollection",
          description:
            "Matching events in time order (undated last), one Point feature per located event, with the " +
            "properties of `sitrep events --format geojson` (origin_lat/origin_lon included) and the event's " +
            "fused event (fused_id, fused_members, fused_sources). Paging counts " +
            "events: `paging.returned` events were read, of which `paging.unlocated` had no coordinates and " +
            "therefore no feature. With `fused=true`, one feature per fused event (reports of one event from " +
            "different documents) that has a member matching the filters: `kind: fused`, `members`, `sources`, " +
            "`record_ids`, `outlets`, `contradictions`, at its representative report's place; paging then " +
            "counts fused events.",
          parameters: [
            bbox,
            ...dates,
            query("type", "comma list of PLOVER types", { type: "string", examples: ["ASSAULT,COERCE"] }),
            query("acled", "ACLED event type or sub-event type (case-insensitive exact match)"),
            query("actor", "substring of an actor's name or canonical name (case-insensitive)"),
            query("modality", `comma list of ${MODALITIES.join(", ")}`),
            query("q", "full-text search over evidence and document title/text; words ANDed, word* is a prefix"),
            query(
              "min_sources",
              "at least this many independent sources in the event's fused event (reports from the same " +
                "outlet, relaying the same wire agency or copying the same text count once)",
              { type: "integer", minimum: 1, maximum: 100 },
            ),
            query("fused", "true: one feature per fused event instead of one per record", {
              type: "boolean",
              default: false,
            }),
            ...paging,
          ],
          responses: {
            "200": { description: "GeoJSON", content: { "application/geo+json": { schema: ref("EventCollection") } } },
            "400": error("a bad filter value"),
          },
        },
      },
      "/api/events/{id}": {
        get: {
          summary: "One event record with its evidence",
          parameters: [idParam("event")],
          responses: {
            "200": { description: "the record", content: json(ref("EventRecord")) },
            "404": error("no such event"),
          },
        },
      },
      "/api/fused/{id}": {
        get: {
          summary: "One fused event with all its evidence and member records",
          description:
            "The cluster (src/fuse FusedEvent: members, reports with their outlets and attribution chains, " +
            "independent sources and their groups, modality and its history, time, location, actors, " +
            "fatalities, evidence of every member, contradictions) and `records`: the member event records.",
          parameters: [idParam("fused event")],
          responses: {
            "200": { description: "the fused event", content: json(ref("FusedEvent")) },
            "404": error("no such fused event"),
          },
        },
      },
      "/api/documents/{id}": {
        get: {
          summary: "A document with its text and the evidence spans of its records",
          parameters: [
            idParam("document"),
            query("format", "json (default) or html: the text with evidence spans in <mark>, all text escaped", {
              enum: ["json", "html"],
            }),
          ],
          responses: {
            "200": {
              description: "the document",
              content: { ...json(ref("DocumentWithSpans")), "text/html": { schema: { type: "string" } } },
            },
            "400": error("bad format"),
            "404": error("no such document"),
          },
        },
      },
      "/api/control": {
        get: {
          summary: "Control claims as a timeline",
          parameters: [
            query("place", "substring of the place name (case-insensitive)"),
            bbox,
            query("holder", "substring of the holder's name or canonical name (case-insensitive)"),
            ...dates,
            ...paging,
          ],
          responses: {
            "200": {
              description: "claims ordered by time (undated last)",
              content: json({
                type: "object",
                required: ["place", "claims", "paging"],
                properties: {
                  place: { type: ["string", "null"] },
                  claims: { type: "array", items: ref("ControlRecord") },
                  paging: ref("Paging"),
                },
              }),
            },
            "400": error("a bad filter value"),
          },
        },
      },
      "/api/ingest": {
        post: {
          summary: "Extract and store documents",
          description:
            `At most ${maxDocuments} documents and ${size(maxBodyBytes)} per request. A document already stored (same id or same text) ` +
            "is skipped. Problems with single documents are reported in `errors` by their 0-based index " +
            "(for NDJSON, the index among non-blank lines); the others are still stored.",
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("IngestRequest") },
              "application/x-ndjson": { schema: { type: "string", description: "one IngestDocument per line" } },
            },
          },
          responses: {
            "200": { description: "done", content: json(ref("IngestResult")) },
            "400": error("body is not valid JSON/UTF-8 or has no documents array"),
            "401": error("missing or invalid bearer token"),
            "403": error("the server is read-only (no token configured)"),
            "413": error(`body over ${size(maxBodyBytes)} or more than ${maxDocuments} documents`),
            "415": error("unsupported Content-Type"),
          },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This description",
          responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
        Stats: {
          type: "object",
          properties: { documents: { type: "integer" }, events: { type: "integer" }, controls: { type: "integer" } },
        },
        Paging: {
          type: "object",
          required: ["limit", "offset", "returned", "next"],
          properties: {
            limit: { type: "integer" },
            offset: { type: "integer" },
            returned: { type: "integer", description: "records in this page" },
            unlocated: { type: "integer", description: "events in this page without coordinates (no feature)" },
            next: { type: ["integer", "null"], description: "offset of the next page; null on the last page" },
          },
        },
        EventCollection: {
          type: "object",
          required: ["type", "features", "paging"],
          properties: {
            type: { const: "FeatureCollection" },
            features: {
              type: "array",
              items: {
                type: "object",
                required: ["type", "id", "geometry", "properties"],
                properties: {
                  type: { const: "Feature" },
                  id: { type: "string" },
                  geometry: {
                    type: "object",
                    properties: {
                      type: { const: "Point" },
                      coordinates: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
                    },
                  },
                  properties: {
                    type: "object",
                    additionalProperties: {
                      type: ["string", "number", "array", "null"],
                      description: "arrays only in fused features (record_ids, outlets)",
                    },
                  },
                },
              },
            },
            paging: ref("Paging"),
          },
        },
        Evidence: {
          type: "object",
          properties: {
            doc: { type: "string" },
            start: { type: "integer" },
            end: { type: "integer" },
            text: { type: "string" },
          },
        },
        EventRecord: {
          type: "object",
          required: ["kind", "id", "doc", "type", "modality", "evidence"],
          properties: {
            kind: { const: "event" },
            id: { type: "string" },
            doc: { type: "string" },
            type: { enum: [...PLOVER_TYPES] },
            modality: { enum: MODALITIES },
            acled: { type: ["object", "null"] },
            actors: { type: "array", items: { type: "object" } },
            location: { type: ["object", "null"] },
            origin: { type: ["object", "null"] },
            time: { type: "object" },
            size: { type: ["object", "null"] },
            fatalities: { type: ["integer", "null"] },
            source: { type: "object" },
            evidence: { type: "array", items: ref("Evidence") },
            confidence: { type: "number" },
            trigger: { type: "object" },
          },
        },
        FusedEvent: {
          type: "object",
          required: ["id", "type", "members", "sources", "modality", "reports", "evidence", "records"],
          properties: {
            id: { type: "string", description: "stable: fus- and a hash of the first member's id" },
            type: { enum: [...PLOVER_TYPES] },
            acled: { type: ["object", "null"] },
            members: { type: "array", items: { type: "string" }, description: "record ids, in joining order" },
            docs: { type: "array", items: { type: "string" } },
            representative: ref("EventRecord"),
            modality: { enum: MODALITIES },
            modalityHistory: { type: "array", items: { type: "object" } },
            time: { type: ["object", "null"], description: "the members' common window" },
            location: { type: ["object", "null"] },
            actors: { type: "array", items: { type: "object" } },
            fatalities: { type: ["integer", "null"], description: "the largest count reported" },
            evidence: { type: "array", items: ref("Evidence") },
            reports: { type: "array", items: { type: "object" } },
            sources: { type: "integer", description: "independent sources" },
            sourceGroups: { type: "array", items: { type: "array", items: { type: "string" } } },
            outlets: { type: "array", items: { type: "string" } },
            contradictions: { type: "array", items: { type: "object" } },
            records: { type: "array", items: ref("EventRecord") },
          },
        },
        ControlRecord: {
          type: "object",
          required: ["kind", "id", "doc", "place", "holder", "modality", "time", "evidence"],
          properties: {
            kind: { const: "control" },
            id: { type: "string" },
            doc: { type: "string" },
            place: { type: "object" },
            holder: { type: "object" },
            modality: { enum: MODALITIES },
            time: { type: "object" },
            basis: { type: "string" },
            evidence: { type: "array", items: ref("Evidence") },
            source: { type: "object" },
          },
        },
        DocumentWithSpans: {
          type: "object",
          required: ["id", "text", "spans"],
          properties: {
            id: { type: "string" },
            text: { type: "string" },
            title: { type: "string" },
            url: { type: "string" },
            published: { type: "string" },
            outlet: { type: "string" },
            origin: { type: "string" },
            contentHash: { type: "string" },
            spans: {
              type: "array",
              items: {
                type: "object",
                required: ["start", "end", "kind", "record"],
                properties: {
                  start: { type: "integer", description: "UTF-16 offset into text" },
                  end: { type: "integer" },
                  kind: { enum: ["event", "control"] },
                  record: { type: "string", description: "record id" },
                },
              },
            },
          },
        },
        IngestDocument: {
          type: "object",
          required: ["text"],
          properties: {
            id: { type: "string" },
            text: { type: "string", description: `at most ${size(maxTextBytes)} (UTF-8)` },
            title: { type: "string" },
            url: { type: "string" },
            published: { type: "string", description: "publication date (YYYY-MM-DD[Thh:mm] or RFC 822)" },
            outlet: { type: "string" },
          },
        },
        IngestRequest: {
          type: "object",
          required: ["documents"],
          properties: { documents: { type: "array", maxItems: maxDocuments, items: ref("IngestDocument") } },
        },
        IngestResult: {
          type: "object",
          required: ["stored", "skipped", "errors"],
          properties: {
            stored: { type: "integer" },
            skipped: { type: "integer" },
            errors: {
              type: "array",
              items: {
                type: "object",
                required: ["index", "message"],
                properties: { index: { type: "integer" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}
