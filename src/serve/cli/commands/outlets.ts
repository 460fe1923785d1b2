// `sitrep outlets`: the home region sitrep learned for each outlet from the documents stored with it, and what
// the home rests on, so that an analyst can see (and doubt) what `ingest --outlet-homes` reads documents with.
import { COUNTRY_SHARE, DIVISION_SHARE, type HomeReading, MIN_DOCUMENTS, readHome } from "../../../ground/outlets.ts";
import { openStore } from "../../../store/open.ts";
import { parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

export const outlets: Command = {
  summary: "list the home region learned for each outlet from its stored documents (ingest --outlet-homes)",
  help: `Usage: sitrep outlets [--db FILE|URL] [--format text|json]

Every "sitrep ingest" stores, with each document that names its outlet, the countries and first-order divisions
its confidently resolved places lie in. From those, an outlet with ${MIN_DOCUMENTS} or more documents has a home: the division
most of its documents name (in ${DIVISION_SHARE * 100} % of them or more), else the country (${COUNTRY_SHARE * 100} % or more). "sitrep ingest
--outlet-homes" reads the outlet's documents with that home, which settles names like "Alexandria" in a local
paper. This lists each outlet, how many of its documents were counted, its home if any, and what it rests on.

Examples:
  sitrep outlets
  sitrep outlets --db war.db --format json
`,
  async run(args) {
    const { values, positionals } = parse(args, { db: { type: "string" }, format: { type: "string" } });
    if (positionals.length) throw new UsageError("outlets takes no arguments");
    const format = str(values.format) ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError("--format must be text or json");
    const store = await openStore({ db: str(values.db) });
    try {
      const readings = (await store.outletTallies())
        .map(readHome)
        .sort((a, b) => b.documents - a.documents || a.outlet.localeCompare(b.outlet));
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(readings, null, 1)}\n`);
        return 0;
      }
      if (!readings.length) {
        process.stdout.write("no outlet has documents with regions stored yet (sitrep ingest stores them)\n");
        return 0;
      }
      const width = Math.max(6, ...readings.map((r) => r.outlet.length));
      const lines = [`${"outlet".padEnd(width)}  docs  home                      rests on`];
      for (const r of readings)
        lines.push(`${r.outlet.padEnd(width)}  ${String(r.documents).padStart(4)}  ${describe(r)}`);
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** "US / Louisiana            4 of 5 documents name places in Louisiana (US)". */
function describe(r: HomeReading): string {
  const home = r.home ? (r.home.admin1 ? `${r.home.country} / ${r.home.admin1}` : r.home.country) : "none";
  const parts: string[] = [];
  if (r.division) parts.push(`${r.division.documents} name places in ${r.division.admin1} (${r.division.country})`);
  if (r.country) parts.push(`${r.country.documents} in ${r.country.country}`);
  const why = r.documents < MIN_DOCUMENTS ? `; too few documents (${MIN_DOCUMENTS} needed)` : "";
  return `${home.padEnd(24)}  of ${r.documents}: ${parts.join(", ") || "no confident places"}${why}`;
}
