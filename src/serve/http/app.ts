// The hono app over a Store: security middleware, the /api routes by resource, the OpenAPI document and `/`.
import { Hono } from "hono";
import type { Store } from "../../store/interface.ts";
import { controlRoutes } from "./control.ts";
import { documentRoutes } from "./documents.ts";
import { errorHandler, jsonError } from "./errors.ts";
import { eventRoutes } from "./events.ts";
import { homeRoutes } from "./home.ts";
import { DEFAULT_INGEST_LIMITS, type Extractor, type IngestLimits, ingestRoutes } from "./ingest.ts";
import { openApiDocument } from "./openapi.ts";
import { allowedMethods, corsFor, DEFAULT_CSP, declaredBodyLimit, securityHeaders } from "./security.ts";

export interface AppOptions {
  /** Bearer token for POST /api/ingest; without it the server is read-only (403 on writes). */
  token?: string;
  /** Origins allowed by CORS ("https://map.example.org"); none by default, so no CORS header is sent. */
  allowOrigins?: string[];
  /** A built web app served at `/`; when absent, `/` lists the API endpoints. */
  staticDir?: string;
  /** Overrides the Content-Security-Policy header (default DEFAULT_CSP). */
  contentSecurityPolicy?: string;
  /** Ingest limits (defaults: 10 MB body, 1000 documents, 2 MB per document text). */
  limits?: Partial<IngestLimits>;
  /** How POST /api/ingest extracts a document (default: on the server's thread; `sitrep serve` uses a worker). */
  extract?: Extractor;
  /** Where unexpected errors (500) are reported; default: stderr. Responses never carry them. */
  log?: (err: unknown) => void;
}

const logToStderr = (err: unknown) => {
  process.stderr.write(`sitrep serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
};

export function createApp(store: Store, options: AppOptions = {}): Hono {
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
  const app = new Hono();
  app.onError(errorHandler(options.log ?? logToStderr));
  app.notFound((c) => jsonError(c, 404, "not found"));

  app.use("*", securityHeaders(options.contentSecurityPolicy ?? DEFAULT_CSP));
  const cors = corsFor(options.allowOrigins);
  if (cors) app.use("*", cors);
  app.use("*", allowedMethods());
  app.use("*", declaredBodyLimit(limits.maxBodyBytes));

  app.get("/api/health", async (c) => c.json({ ok: true, stats: await store.stats() }));
  eventRoutes(app, store);
  documentRoutes(app, store);
  controlRoutes(app, store);
  ingestRoutes(app, store, options.token || undefined, limits, options.extract);
  const openapi = openApiDocument(limits);
  app.get("/api/openapi.json", (c) => c.json(openapi));
  homeRoutes(app, options.staticDir);
  return app;
}
