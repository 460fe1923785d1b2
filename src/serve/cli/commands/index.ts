// The command table and the top-level --help.
import { PIPELINE } from "../../../annotate/pipeline.ts";
import { demo } from "./demo.ts";
import { evalCommand } from "./eval.ts";
import { extract, places } from "./extract.ts";
import { events, ingest } from "./ingest.ts";
import { outlets } from "./outlets.ts";
import { serve } from "./serve.ts";
import { timeline } from "./timeline.ts";
import type { Command } from "./types.ts";
import { worker } from "./worker.ts";

export const COMMANDS: Record<string, Command> = {
  extract,
  places,
  ingest,
  events,
  serve,
  worker,
  timeline,
  outlets,
  eval: evalCommand,
  demo,
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `sitrep — turns war and crisis reporting into located, dated, source-attributed events

Usage: sitrep COMMAND [options]   (sitrep COMMAND --help for each)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join("\n")}

Inputs: .txt, .html/.htm, RSS/Atom feeds, .jsonl (one {"id","text",…} per line), - for stdin.
Pipeline: ${PIPELINE.map((r) => r.name).join(" → ")} → assemble → store
Exit status: 0 ok; 1 some input failed (the rest was processed); 2 usage error; 3 fatal error.
`;
}
