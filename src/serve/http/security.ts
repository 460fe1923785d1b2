// Security middleware: response headers (CSP, nosniff, no framing, no referrer), CORS closed unless origins are
// given, GET/HEAD/POST only, a Content-Length cap, and the bearer-token check for writes (constant time).
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { tooLarge } from "./body.ts";
import { HttpError } from "./errors.ts";

/** Same-origin only, plus what a map app needs: data:/blob: images, blob: workers, inline styles. */
export const DEFAULT_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

/** Sets the security headers on every response; a route may set its own (stricter) CSP. */
export function securityHeaders(csp: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", csp);
  };
}

/** CORS for the listed origins only; without origins no CORS header is ever sent (and OPTIONS is refused). */
export function corsFor(allowOrigins: string[] | undefined): MiddlewareHandler | undefined {
  if (!allowOrigins?.length) return undefined;
  return cors({
    origin: allowOrigins,
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
}

/** 405 for any method but GET, HEAD, POST (OPTIONS reaches here only when CORS did not answer it). */
export function allowedMethods(): MiddlewareHandler {
  return async (c, next) => {
    if (!ALLOWED_METHODS.includes(c.req.method)) {
      throw new HttpError(405, `method ${c.req.method} not allowed`, { Allow: ALLOWED_METHODS.join(", ") });
    }
    await next();
  };
}

/** 413 when the declared Content-Length exceeds `max` (routes that read a body also count while reading). */
export function declaredBodyLimit(max: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > max) throw tooLarge(max);
    await next();
  };
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Whether `given` equals `expected`, in time independent of where they differ (compares sha256 digests). */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Write access: 403 when the server has no token (read-only), 401 without `Authorization: Bearer <token>` or
 * with a wrong one.
 */
export function requireToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) throw new HttpError(403, "this server is read-only (no write token configured)");
    const m = /^Bearer +(\S+) *$/i.exec(c.req.header("authorization") ?? "");
    if (!m) {
      throw new HttpError(401, "missing bearer token", { "WWW-Authenticate": 'Bearer realm="sitrep"' });
    }
    if (!tokenMatches(m[1], token)) {
      throw new HttpError(401, "invalid token", { "WWW-Authenticate": 'Bearer realm="sitrep", error="invalid_token"' });
    }
    await next();
  };
}
