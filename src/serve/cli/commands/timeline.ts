// `sitrep timeline PLACE`: who controlled a place, claim by claim, from the stored control claims.
import { controlTimeline, whoHeld } from "../../../fuse/index.ts";
import type { DocMeta } from "../../../fuse/types.ts";
import { openStore } from "../../../store/open.ts";
import { parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

export const timeline: Command = {
  summary: "show who controlled a place over time (stored control claims, conflicts included)",
  help: `Usage: sitrep timeline PLACE [--db FILE|URL] [--on DATE] [--format text|json]

Lists the stored control claims about PLACE in date order, merged into periods per holder, with their
sources; claims naming another holder on the same dates are shown as conflicts, not hidden.
With --on DATE, answers who held PLACE on that date.

Examples:
  sitrep timeline Palmyra
  sitrep timeline Palmyra --on 2017-01-10
  sitrep timeline Manbij --format json
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: "string" },
      on: { type: "string" },
      format: { type: "string" },
    });
    const name = positionals.join(" ").trim();
    if (!name) throw new UsageError("timeline needs a PLACE");
    const format = str(values.format) ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError("--format must be text or json");
    const store = await openStore({ db: str(values.db) });
    try {
      const claims = await store.queryControl({ place: name, limit: 5000 });
      const docs = new Map<string, DocMeta>();
      for (const id of new Set(claims.map((c) => c.doc))) {
        const d = await store.getDocument(id);
        if (d) docs.set(id, { outlet: d.outlet, published: d.published });
      }
      const place = { name };
      const entries = controlTimeline(claims, place, docs);
      const on = str(values.on);
      const held = on ? whoHeld(claims, place, on, docs) : null;
      if (format === "json") {
        process.stdout.write(
          `${JSON.stringify({ place: name, timeline: entries, ...(held ? { on, held } : {}) }, null, 1)}\n`,
        );
        return 0;
      }
      const lines = [`${name}: ${claims.length} control claims`];
      for (const e of entries) {
        const when = e.from === null ? "undated" : e.from === e.to ? e.from : `${e.from} … ${e.to}`;
        const conflict = e.conflicts.length
          ? `  (conflicting: ${[...new Set(e.conflicts.map((c) => c.holder.name))].join(", ")})`
          : "";
        lines.push(
          `  ${when.padEnd(25)} ${e.holder.name} — ${e.claims.length} claim(s), sources: ${e.sources.join(", ") || "?"}${conflict}`,
        );
      }
      if (held && on)
        lines.push(
          `On ${on}: ${held.holder ? `${held.holder.name} (since ${held.since})` : "no claim at or before that date"}`,
        );
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
