// Starting `sitrep worker` in a child process (for the integration test and the benchmark): the command module
// run as the CLI runs it, with the given environment.
import { type ChildProcess, spawn } from "node:child_process";
import type { WorkerSummary } from "./worker.ts";

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker wrote on stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<number | string>;
  /** Resolves once the worker is connected and taking jobs (or when it exits without getting there). */
  ready: Promise<void>;
}

const COMMAND = new URL("../serve/cli/commands/worker.ts", import.meta.url).href;

/** `sitrep worker --queue QUEUE ARGS…` with `env` added to this process's environment. */
export function startWorkerProcess(queue: string, args: string[], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const code = `
    const { worker } = await import(process.argv[1]);
    process.exitCode = await worker.run(process.argv.slice(2));`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", code, COMMAND, "--queue", queue, ...args],
    { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let err = "";
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
    if (err.includes(`queue ${queue} on`)) markReady();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      markReady();
      resolve(code ?? signal ?? "?");
    }),
  );
  return { child, stderr: () => err, exited, ready };
}

/** The figures of a worker's closing line (formatSummary), or null when it printed none. */
export function parseSummary(stderr: string): Omit<WorkerSummary, "records" | "failedAttempts"> | null {
  const m =
    /(\d+) jobs done \((\d+) stored.*?(\d+) dead-lettered, in ([\d.]+) s \([\d.]+ jobs\/s, ([\d.]+) s CPU\); fused (\d+) records in (\d+) passes \(([\d.]+) s\)/.exec(
      stderr,
    );
  if (!m) return null;
  return {
    done: Number(m[1]),
    stored: Number(m[2]),
    dead: Number(m[3]),
    seconds: Number(m[4]),
    cpuSeconds: Number(m[5]),
    fused: Number(m[6]),
    fusePasses: Number(m[7]),
    fuseSeconds: Number(m[8]),
  };
}
