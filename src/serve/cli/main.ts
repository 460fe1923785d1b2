// sitrep's command line: parses the command and hands it to its module in ./commands.
// Exit codes: 0 all inputs processed; 1 some input failed (the rest was processed); 2 usage error; 3 fatal error.

import { UsageError } from "./args.ts";
import { COMMANDS, usage } from "./commands/index.ts";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    process.stdout.write("sitrep 0.1.0\n");
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0); // `sitrep … | head` closed the pipe: not an error
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`sitrep: ${e.message}\nRun "sitrep --help" for the commands.\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`sitrep: ${(e as Error).message}\n`);
    if (process.env.SITREP_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 3;
  },
);
