// The seed report, scored by the analyst's own checker in ../shared/acceptance (skipped where shared/ is absent).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const checker = join(process.env.SITREP_SHARED ?? join(root, "../shared"), "acceptance/check.mjs");

test("palmyra.txt: every must and should holds, no forbid is hit", (t) => {
  if (!existsSync(checker)) {
    t.skip("../shared/acceptance not found");
    return;
  }
  let out = "";
  try {
    out = execFileSync(process.execPath, [checker], { cwd: root, encoding: "utf8", timeout: 120_000 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? String(e);
    assert.fail(`check.mjs failed:\n${out}`);
  }
  assert.match(out, /0 failed/);
  assert.doesNotMatch(out, /^FAIL/m, out);
});
