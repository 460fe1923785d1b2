// `sitrep eval geo|events`: scores sitrep on the shared gold corpora next to published systems.
import { UsageError } from "../args.ts";
import type { Command } from "./types.ts";

export const evalCommand: Command = {
  summary: "score sitrep on the gold corpora in ../shared/eval (geo, events)",
  help: `Usage: sitrep eval geo|events [--shared DIR]

  geo      recognition P/R/F1 and resolution Acc@161/AUC/km on LGL, GeoWebNews and GeoVirus, beside the
           published geoparsers' answers scored by the same code
  events   CASE 2021 (ACLED sub-types), PETRARCH2 unit tests, PLOVER gold, NGEC smoke tests

--shared DIR  where the shared material is (default: ../shared beside the project, or $SITREP_SHARED)
`,
  async run(args) {
    const [suite] = args;
    if (suite !== "geo" && suite !== "events") throw new UsageError('eval needs "geo" or "events"');
    throw new UsageError(`eval ${suite} is not wired yet`);
  },
};
