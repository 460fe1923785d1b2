#!/usr/bin/env node
// Entry point for the `sitrep` command: runs the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../src/serve/cli/main.ts");
