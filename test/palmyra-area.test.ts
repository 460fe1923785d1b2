// The seed report and the FA-KES corpus ingested together (the real `sitrep ingest`), then read through the HTTP
// API the map uses: around Palmyra, the movements carry their origins (Jableh, the Latakia Governorate) so the map
// draws them as arrows; the planned offensive on the Hayyan gas fields is not coded as occurred; Palmyra has a
// control timeline. Skipped, saying so, without ../shared.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "../src/serve/http/server.ts";
import type { Store } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SEED = join(root, "../shared/acceptance/palmyra.txt");
const CORPUS = join(root, "../shared/corpus/fakes.jsonl");
const SKIP =
  existsSync(SEED) && existsSync(CORPUS)
    ? undefined
    : "../shared (the seed report and corpus/fakes.jsonl) is not beside the project";

const dir = mkdtempSync(join(tmpdir(), "sitrep-palmyra-"));
const db = join(dir, "palmyra.db");
let store: Store;
let server: RunningServer;

/** Distance in km between two points (equirectangular: enough at this scale). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = ((lon2 - lon1) * Math.PI * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180))) / 180;
  const y = ((lat2 - lat1) * Math.PI) / 180;
  return 6371 * Math.hypot(x, y);
}

interface Feature {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: Record<string, string | number | null>;
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, server.url));
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

describe("the Palmyra area, from the seed report and FA-KES together", { skip: SKIP }, () => {
  before(async () => {
    const seed = join(dir, "palmyra.jsonl");
    writeFileSync(
      seed,
      `${JSON.stringify({ id: "palmyra", published: "2017-01-16", outlet: "Al-Masdar News", text: readFileSync(SEED, "utf8") })}\n`,
    );
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/serve/cli/main.ts", "ingest", seed, CORPUS, "--db", db],
      { cwd: root, encoding: "utf8", timeout: 600_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    store = openSqliteStore(db);
    server = await startServer({ store, staticDir: "" });
  });
  after(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Located events within `radius` km of Palmyra. */
  async function nearPalmyra(radius: number): Promise<Feature[]> {
    const { features } = await get<{ features: Feature[] }>("api/events?bbox=36.5,33.5,40,35.6&limit=5000");
    return features.filter((f) => {
      const [lon, lat] = f.geometry.coordinates;
      return km(lat, lon, 34.56, 38.28) <= radius;
    });
  }

  test("movements into the western countryside carry their origins: Jableh and the Latakia Governorate", async () => {
    const moves = (await nearPalmyra(60)).filter((f) => f.properties.origin_lat !== null);
    const from = (lat: number, lon: number, within: number) =>
      moves.filter((f) => km(f.properties.origin_lat as number, f.properties.origin_lon as number, lat, lon) <= within);
    assert.ok(
      from(35.36, 35.93, 10).length >= 1,
      `a movement from Jableh: ${JSON.stringify(moves.map((m) => m.properties.origin))}`,
    );
    assert.ok(
      from(35.6, 36.0, 60).some((f) => f.properties.doc === "palmyra" && /latakia/i.test(String(f.properties.origin))),
    );
    for (const m of moves)
      assert.ok(m.properties.type === "MOBILIZE" || m.properties.type === "RETREAT" || m.properties.type === "ASSAULT");
  });

  test("the Hayyan offensive is planned or expected, shown apart from what occurred", async () => {
    const hayyan = (await nearPalmyra(80)).filter((f) => /hayyan/i.test(String(f.properties.location)));
    assert.ok(hayyan.length >= 1, "an event at the Hayyan gas fields");
    assert.ok(
      hayyan.some((f) => f.properties.modality === "planned" || f.properties.modality === "expected"),
      `modalities: ${hayyan.map((f) => f.properties.modality).join(", ")}`,
    );
    const occurredThere = hayyan.filter((f) => f.properties.doc === "palmyra" && f.properties.modality === "occurred");
    assert.deepEqual(occurredThere, [], "the seed report codes no Hayyan event as occurred");
  });

  test("Palmyra's control timeline holds the seed report's claims among others", async () => {
    const { claims } = await get<{ claims: { doc: string; holder: { name: string } }[] }>(
      "api/control?place=Palmyra&limit=500",
    );
    assert.ok(claims.length >= 2, `${claims.length} claims`);
    assert.ok(claims.some((c) => c.doc === "palmyra"));
    assert.ok(
      claims.some((c) => c.doc !== "palmyra"),
      "claims from FA-KES articles too",
    );
  });
  // Last: it blocks this process (and so the in-process server) while the CLI runs.
  test("sitrep events --fused and --min-sources read the fused events", () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/serve/cli/main.ts", "events", "--db", db, ...args], {
        cwd: root,
        encoding: "utf8",
      });
    const lines = (out: string) =>
      out
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; sources: number; members: unknown[] });
    const all = cli(["--fused", "--limit", "50"]);
    assert.equal(all.status, 0, all.stderr);
    const fused = lines(all.stdout);
    assert.ok(fused.length > 0 && fused.every((f) => f.id && f.members.length >= 1));
    const multi = cli(["--fused", "--min-sources", "2", "--limit", "50"]);
    assert.equal(multi.status, 0, multi.stderr);
    assert.ok(lines(multi.stdout).every((f) => f.sources >= 2));
    const geo = cli(["--fused", "--format", "geojson", "--limit", "20"]);
    assert.equal(JSON.parse(geo.stdout).type, "FeatureCollection");
    assert.equal(cli(["--fused", "--format", "acled-csv"]).status, 2, "--fused prints jsonl or geojson only");
    assert.equal(cli(["--min-sources", "0"]).status, 2);
  });
});
