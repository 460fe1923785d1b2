// GET /api/control: control claims (place, bbox, holder, from, to) as a timeline ordered by time.
import type { Hono } from "hono";
import type { ControlRecord } from "../../model/types.ts";
import type { ControlFilter, Store } from "../../store/interface.ts";
import { parseBBox, parsePaging, parseString, queryOf, validFilter } from "./query.ts";

/** Start of a claim's time, else its end; undated claims sort last (the store's order, made explicit). */
function timeKey(c: ControlRecord): string | null {
  return c.time.start ?? c.time.end;
}

export function byTime(a: ControlRecord, b: ControlRecord): number {
  const [x, y] = [timeKey(a), timeKey(b)];
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

export function controlRoutes(app: Hono, store: Store): void {
  app.get("/api/control", async (c) => {
    const q = queryOf(c.req.url);
    const place = parseString("place", q("place"));
    const paging = parsePaging(q);
    const filter: ControlFilter = {
      place,
      bbox: parseBBox(q("bbox")),
      holder: parseString("holder", q("holder")),
      from: q("from"),
      to: q("to"),
    };
    validFilter(filter);
    const rows = await store.queryControl({ ...filter, limit: paging.limit + 1, offset: paging.offset });
    const claims = rows.slice(0, paging.limit);
    // Array.prototype.sort is stable: equal times keep the store's (insertion) order.
    claims.sort(byTime);
    const more = rows.length > paging.limit;
    return c.json({
      place: place ?? null,
      claims,
      paging: {
        limit: paging.limit,
        offset: paging.offset,
        returned: claims.length,
        next: more ? paging.offset + claims.length : null,
      },
    });
  });
}
