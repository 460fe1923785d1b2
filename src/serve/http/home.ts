// `/`: a built web app from `staticDir` when there is one, else a small HTML page listing the API endpoints.
import { existsSync, statSync } from "node:fs";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import { escapeHtml } from "./html.ts";

export const ENDPOINTS: [method: string, path: string, what: string][] = [
  ["GET", "/api/health", "liveness and store counts"],
  [
    "GET",
    "/api/events",
    "events as GeoJSON (bbox, from, to, type, acled, actor, modality, q, min_sources, limit, offset)",
  ],
  ["GET", "/api/events/{id}", "one event with its evidence"],
  ["GET", "/api/documents/{id}", "a document with its evidence spans (?format=html to read it highlighted)"],
  ["GET", "/api/control", "control claims as a timeline (place, bbox, holder, from, to)"],
  ["POST", "/api/ingest", "extract and store documents (bearer token)"],
  ["GET", "/api/openapi.json", "OpenAPI 3.1 description"],
];

export function indexPage(): string {
  const items = ENDPOINTS.map(([m, p, what]) => {
    const path = m === "GET" && !p.includes("{") ? `<a href="${escapeHtml(p)}">${escapeHtml(p)}</a>` : escapeHtml(p);
    return `<li><code>${m} ${path}</code> — ${escapeHtml(what)}</li>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>sitrep API</title></head>
<body>
<h1>sitrep API</h1>
<ul>
${items.join("\n")}
</ul>
</body>
</html>
`;
}

/** Serves `staticDir` (when it is a directory) for non-API paths, then the index page at `/` if nothing matched. */
export function homeRoutes(app: Hono, staticDir: string | undefined): void {
  if (staticDir && existsSync(staticDir) && statSync(staticDir).isDirectory()) {
    const files = serveStatic({ root: staticDir });
    app.get("*", async (c, next) => (c.req.path.startsWith("/api/") ? next() : files(c, next)));
  }
  app.get("/", (c) => c.html(indexPage()));
}
