// `sitrep eval geo|events`: scores sitrep on the shared gold corpora next to published systems.

import { resolveSpans } from "../../../annotate/place-spans.ts";
import { CORPUS_NAMES, type Corpus, type CorpusName, findShared, loadCorpus } from "../../../eval/geo/corpora.ts";
import { type ArticleMeta, formatGeoEval, runGeoEval } from "../../../eval/geo/run.ts";
import { extractPlaces, placeRecord, placeRecords } from "../../../extract.ts";
import { learnOutletHomes, withHome } from "../../../ground/outlets.ts";
import { documentFromText } from "../../../ingest/index.ts";
import type { Document, Home, PlaceRecord } from "../../../model/types.ts";
import { list, parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

/** The document sitrep reads for an article: its outlet, and the outlet's learned home when there is one. */
function articleDocument(text: string, article: ArticleMeta, homes: Map<string, Home>): Document {
  return withHome(documentFromText(text, { origin: "eval", id: article.id, outlet: article.outlet }), homes);
}

/**
 * What sitrep knows of the outlets of the corpora's articles (LGL gives each article's site): their homes,
 * learned from a first reading of every article of each outlet, without the gold.
 */
function outletHomes(shared: string, corpora: CorpusName[] | undefined, limit?: number): Map<string, Home> {
  const read: { outlet?: string; places: PlaceRecord[] }[] = [];
  for (const name of corpora ?? CORPUS_NAMES) {
    let corpus: Corpus;
    try {
      corpus = loadCorpus(shared, name);
    } catch {
      continue; // a missing corpus is reported by the evaluation itself
    }
    for (const a of corpus.articles.slice(0, limit)) {
      if (!a.outlet) continue;
      read.push({ outlet: a.outlet, places: placeRecords(extractPlaces(articleDocument(a.text, a, new Map()))) });
    }
  }
  return learnOutletHomes(read);
}

export const evalCommand: Command = {
  summary: "score sitrep on the gold corpora in ../shared/eval (geo, events)",
  help: `Usage: sitrep eval geo|events [--shared DIR] [--corpora lgl,geowebnews,geovirus] [--limit N]
                              [--gold-spans] [--corrections] [--no-outlet-homes]

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
  --no-outlet-homes
                 geo only: read each article alone; by default sitrep first reads every article of an outlet
                 (LGL gives each article's site) and learns the outlet's home region from its own answers
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
      "no-outlet-homes": { type: "boolean" },
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
      const homes = values["no-outlet-homes"] === true ? new Map<string, Home>() : outletHomes(shared, corpora, limit);
      const places = (text: string, article: ArticleMeta) =>
        placeRecords(extractPlaces(articleDocument(text, article, homes)));
      const resolve = (text: string, spans: { start: number; end: number }[], article: ArticleMeta) => {
        const home = article.outlet ? homes.get(article.outlet) : undefined;
        return resolveSpans(text, spans, home).map((m) => (m ? placeRecord(article.id, m) : null));
      };
      const result = await runGeoEval({ shared, places, resolve, goldSpans, corrections, corpora, limit });
      process.stdout.write(formatGeoEval(result));
      process.stdout.write(
        values["no-outlet-homes"] === true
          ? "\nsitrep read each article without its outlet's home (--no-outlet-homes).\n"
          : `\nsitrep used the home regions it learned for ${homes.size} outlets from its own first reading of their articles ` +
              '(LGL gives each article\'s site; the other corpora give none): docs/geoparser.md, "Outlet homes".\n',
      );
      return 0;
    }
    const { runEventsCli } = await import("../../../eval/events/run.ts");
    const { sitrepSystem } = await import("../../../eval/events/sitrep-system.ts");
    const suites = str(values.suites);
    return runEventsCli(["--shared", shared, ...(suites ? ["--suites", suites] : [])], sitrepSystem);
  },
};
