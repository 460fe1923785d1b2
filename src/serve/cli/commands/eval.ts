// `sitrep eval geo|events`: scores sitrep on the shared gold corpora next to published systems.

import { resolveSpans } from "../../../annotate/place-spans.ts";
import { findShared } from "../../../eval/geo/corpora.ts";
import { formatGeoEval, runGeoEval } from "../../../eval/geo/run.ts";
import { extractPlaces, placeRecord, placeRecords } from "../../../extract.ts";
import { documentFromText } from "../../../ingest/index.ts";
import { list, parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

const places = (text: string) => placeRecords(extractPlaces(documentFromText(text, { origin: "eval" })));
const resolve = (text: string, spans: { start: number; end: number }[]) =>
  resolveSpans(text, spans).map((m) => (m ? placeRecord("-", m) : null));

export const evalCommand: Command = {
  summary: "score sitrep on the gold corpora in ../shared/eval (geo, events)",
  help: `Usage: sitrep eval geo|events [--shared DIR] [--corpora lgl,geowebnews,geovirus] [--limit N]
                              [--gold-spans] [--corrections]

  geo      recognition P/R/F1 (exact and overlapping spans) and resolution Acc@161, AUC, mean and median km
           on LGL, GeoWebNews and GeoVirus, beside the published geoparsers' answers scored by the same code
  events   CASE 2021 (ACLED sub-types), PETRARCH2 unit tests, PLOVER gold, NGEC smoke tests: sitrep's coder
           beside a trivial baseline, with the published figures and the targets

Options:
  --shared DIR   the shared material (default: $SITREP_SHARED, else ../shared beside the project)
  --corpora L    geo only: which corpora (default all three)
  --limit N      only the first N articles of each corpus (quick runs)
  --gold-spans   geo only: resolution alone: sitrep resolves the gold toponym spans (in the context of its own
                 reading of the text) and is scored on all of them; the published systems keep their own spans
  --corrections  geo only: score against LGL and GeoVirus gold with the coordinate corrections of Kulkarni et
                 al. (2020) in ../shared/eval/geo/corrections (Wikidata points for toponyms the gold put wrong)
  --suites L     events only: which suites (default case2021,petrarch,plover,ngec)

Examples:
  sitrep eval geo
  sitrep eval geo --corpora lgl --limit 50
  sitrep eval geo --gold-spans --corpora geovirus
  sitrep eval events --suites case2021,plover
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      shared: { type: "string" },
      corpora: { type: "string" },
      limit: { type: "string" },
      suites: { type: "string" },
      "gold-spans": { type: "boolean" },
      corrections: { type: "boolean" },
    });
    const [suite] = positionals;
    if (suite !== "geo" && suite !== "events") throw new UsageError('eval needs "geo" or "events"');
    const shared = str(values.shared) ?? findShared();
    if (!shared) throw new UsageError("the shared material (../shared) was not found; pass --shared DIR");
    const limit = str(values.limit) ? Number(str(values.limit)) : undefined;
    if (suite === "geo") {
      const corpora = list(values.corpora) as ("lgl" | "geowebnews" | "geovirus")[] | undefined;
      const goldSpans = values["gold-spans"] === true;
      const corrections = values.corrections === true;
      const result = await runGeoEval({ shared, places, resolve, goldSpans, corrections, corpora, limit });
      process.stdout.write(formatGeoEval(result));
      return 0;
    }
    const { runEventsCli } = await import("../../../eval/events/run.ts");
    const { sitrepSystem } = await import("../../../eval/events/sitrep-system.ts");
    const suites = str(values.suites);
    return runEventsCli(["--shared", shared, ...(suites ? ["--suites", suites] : [])], sitrepSystem);
  },
};
