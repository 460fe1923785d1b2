// The web map in a real browser: `npm run build:web` into a temp dir, a real server (127.0.0.1, free port) over a
// temp store filled through POST /api/ingest, and Debian's Chromium driven by playwright-core. Checks that events
// render on the map and in the list, that a click opens the panel with the evidence in <mark>, that Escape closes
// it, that brushing the timeline changes the count, that the URL hash restores a view, and that no request
// leaves the machine: every browser request goes through a recording proxy (loopback bypass removed) that only
// forwards to loopback, and playwright's own request log is checked too. Screenshots go to out/web/.
// Skipped, with a message, when /usr/bin/chromium (or $SITREP_CHROMIUM) is absent; the build runs regardless.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { type RunningServer, startServer } from "../src/serve/http/server.ts";
import type { Store } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.SITREP_CHROMIUM || "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
/**
 * Debian's /usr/bin/chromium is a shell wrapper that adds Google API keys and remote extensions (and with them
 * background calls to Google); the binary behind it runs the same browser without them.
 */
const CHROMIUM_BINARY =
  !process.env.SITREP_CHROMIUM && existsSync("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium" : CHROMIUM;
/**
 * The browser's own services (component updates, which on-demand installs do despite --disable-component-update;
 * network time; Google account checks; optimization hints) are switched off or pointed at a dead loopback port,
 * so that the check below can be strict: not one request to a non-loopback host, from the page or the browser.
 */
const QUIET_BROWSER = [
  "--disable-background-networking",
  "--disable-component-update",
  "--component-updater=url-source=http://127.0.0.1:9/",
  "--gaia-url=http://127.0.0.1:9/",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--disable-sync",
  "--no-pings",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationHintsFetching," +
    "OptimizationGuideModelDownloading,Translate,MediaRouter,AutofillServerCommunication," +
    "CertificateTransparencyComponentUpdater",
];
const SEED = join(root, "../shared/acceptance/palmyra.txt");
const OUT = join(root, "out/web");
const TOKEN = "web-test-token-0123456789";

const tmp = mkdtempSync(join(tmpdir(), "sitrep-web-"));
const dist = join(tmp, "dist");

/** Small war reports spread over three months: located, dated, one planned, one movement, control claims. */
const DOCS = [
  {
    id: "w1",
    published: "2016-12-12",
    outlet: "Reuters",
    title: "Islamic State retakes Palmyra",
    text:
      "Islamic State fighters recaptured the city of Palmyra on Sunday despite Russian air strikes, activists told " +
      "Reuters. The militants shelled the airbase near Palmyra on Monday, a military source said.",
  },
  {
    id: "w2",
    published: "2017-03-03",
    outlet: "AP",
    title: "Army retakes Palmyra",
    text:
      "Syrian government forces retook Palmyra from Islamic State on Thursday, the Syrian army said in a statement. " +
      "Russian jets struck Islamic State positions east of Palmyra on Wednesday.",
  },
  {
    id: "w3",
    published: "2017-02-10",
    outlet: "Reuters",
    title: "Shelling near al-Bab <script>alert(1)</script>",
    text:
      "Turkish troops shelled the town of al-Bab on Friday, killing five civilians, a local source told Reuters. " +
      '<img src="https://example.com/x.png" onerror="alert(2)"> was found in the report.',
  },
  {
    id: "w4",
    published: "2017-01-05",
    outlet: "Al-Masdar News",
    title: "Offensive expected",
    text: "Syrian troops will launch an offensive on Deir ez-Zor next week, a military source told Al-Masdar News.",
  },
  {
    id: "w5",
    published: "2017-01-20",
    outlet: "SANA",
    title: "Convoy",
    text: "A convoy of Syrian troops arrived in Hama on Thursday after traveling from Aleppo, a military source told SANA.",
  },
];

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * An HTTP proxy that records every request the browser makes (plain requests and CONNECT tunnels) and forwards
 * only those to loopback; anything else gets 403 and never leaves the machine.
 */
function recordingProxy(seen: string[]): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? "";
    seen.push(`${req.method} ${url}`);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.protocol !== "http:" || !isLoopback(target.hostname)) {
      res.writeHead(403).end("blocked by the test proxy");
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

/** Host of a recorded request ("GET http://h:p/x", "CONNECT h:443", or a URL). */
function hostOf(entry: string): string | null {
  const s = entry.replace(/^[A-Z]+ /, "");
  if (/^(data|blob|about|chrome-extension|chrome):/.test(s)) return null;
  try {
    return new URL(s.includes("://") ? s : `https://${s}`).hostname;
  } catch {
    return s;
  }
}

describe("web map", () => {
  let store: Store | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let proxy: { server: http.Server; url: string } | undefined;
  const proxied: string[] = [];
  const requested: string[] = [];
  const problems: string[] = [];

  before(async () => {
    const build = spawnSync("npm", ["run", "-s", "build:web", "--", "--outDir", dist, "--emptyOutDir"], {
      cwd: root,
      encoding: "utf8",
      timeout: 240_000,
    });
    assert.equal(build.status, 0, `build:web failed:\n${build.stdout}\n${build.stderr}`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    proxy?.server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("npm run build:web builds the app with its own basemap", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    assert.match(html, /<script type="module"[^>]*src="\.\/assets\/[^"]+\.js"/);
    assert.doesNotMatch(html, /https?:\/\//, "index.html names no remote URL");
    for (const f of ["countries.geojson", "borders.geojson", "labels.geojson", "places.json"]) {
      assert.ok(statSync(join(dist, "basemap", f)).size > 1000, f);
    }
    const countries = JSON.parse(readFileSync(join(dist, "basemap/countries.geojson"), "utf8"));
    const syria = countries.features.find((f: { properties: { name: string } }) => f.properties.name === "Syria");
    assert.ok(syria, "Syria is in the basemap");
  });

  test("in Chromium: markers, panel with evidence, timeline brush, shared view, nothing leaves the machine", {
    skip: haveChromium ? false : `${CHROMIUM} not found: apt-get install chromium to run the browser test`,
    timeout: 180_000,
  }, async () => {
    store = openSqliteStore(join(tmp, "web.db"));
    server = await startServer({ store, port: 0, host: "127.0.0.1", token: TOKEN, staticDir: dist, log: () => {} });
    const docs: Record<string, string>[] = [...DOCS];
    if (existsSync(SEED)) {
      docs.push({ id: "palmyra", published: "2017-01-16", outlet: "Al-Masdar News", text: readFileSync(SEED, "utf8") });
    }
    const res = await fetch(new URL("/api/ingest", server.url), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ documents: docs }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const api = (await (await fetch(new URL("/api/events?limit=5000", server.url))).json()) as {
      features: { id: string; properties: { date: string | null } }[];
    };
    const dated = api.features.filter((f) => f.properties.date);
    assert.ok(dated.length >= 4, `enough located, dated events to brush (${api.features.length} located)`);

    proxy = await recordingProxy(proxied);
    browser = await chromium.launch({
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        // WebGL without a GPU: ANGLE on SwiftShader (software).
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        ...QUIET_BROWSER,
        `--proxy-server=${proxy.url}`,
        // Chromium never proxies loopback unless told: with this, the proxy sees every request, loopback too.
        "--proxy-bypass-list=<-loopback>",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: "block" });
    context.on("request", (r) => requested.push(r.url()));
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && problems.push(`worker: ${m.text()}`)));
    mkdirSync(OUT, { recursive: true });

    await page.goto(server.url);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    await mapIdle(page);

    // Markers: on the map (rendered features of the event and cluster layers) and in the list.
    const rendered = await page.evaluate(() => {
      const w = window as unknown as { sitrep: { map: import("maplibre-gl").Map } };
      const layers = ["clusters", "events-fact", "events-future", "events-denied"];
      return w.sitrep.map.queryRenderedFeatures({ layers }).length;
    });
    assert.ok(rendered > 0, "event circles or clusters are rendered on the map");
    // The movement is an arrow from its origin, drawn from the feature's origin_lat/origin_lon.
    const arrows = await page.evaluate(() => {
      const w = window as unknown as { sitrep: { map: import("maplibre-gl").Map } };
      return w.sitrep.map.querySourceFeatures("moves").filter((f) => f.geometry.type === "LineString").length;
    });
    assert.ok(arrows > 0, "movements are drawn as lines from their origin");
    const listed = await page.locator("#event-list button.ev").count();
    assert.equal(listed, api.features.length, "the list shows every located event");
    const total = Number(await page.locator("#count").getAttribute("data-count"));
    assert.equal(total, api.features.length);
    await page.screenshot({ path: join(OUT, "map.png") });
    const view = await page.evaluate(() => {
      const map = (window as unknown as { sitrep: { map: import("maplibre-gl").Map } }).sitrep.map;
      return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
    });

    // Open an event from the list with the keyboard: the panel shows the evidence highlighted; document markup
    // stays text.
    const first = page.locator("#event-list button.ev").first();
    await first.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('#panel[data-ready="true"]');
    const marks = page.locator("#panel .doc-text mark.current");
    assert.ok((await marks.count()) > 0, "the evidence is in <mark class=current>");
    assert.ok(((await marks.first().textContent()) ?? "").trim().length > 0);
    assert.equal(await page.locator("#panel .doc-text script, #panel .doc-text img").count(), 0);
    assert.match(await page.evaluate(() => location.hash), /event=/);
    await page.waitForSelector("#panel-control h3", { timeout: 10_000 });
    await page.screenshot({ path: join(OUT, "panel.png") });
    await page.keyboard.press("Escape");
    await page.waitForSelector("#panel", { state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("ev")), true, "focus returns");

    // Click an event circle on the map itself (zoomed in so that it is not clustered).
    const target = api.features[0];
    const at = await page.evaluate(async (id) => {
      const w = window as unknown as { sitrep: { map: import("maplibre-gl").Map } };
      const map = w.sitrep.map;
      const f = (await (await fetch("api/events?limit=5000")).json()).features.find((x: { id: string }) => x.id === id);
      map.jumpTo({ center: f.geometry.coordinates, zoom: 12 });
      await new Promise((r) => map.once("idle", r));
      const p = map.project(f.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, target.id);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#panel[data-ready="true"]');
    const opened = await page.locator("#panel").getAttribute("data-event");
    assert.ok(
      api.features.some((f) => f.id === opened),
      `a click on the map opened an event (${opened})`,
    );
    await page.keyboard.press("Escape");
    await page.evaluate((v) => {
      (window as unknown as { sitrep: { map: import("maplibre-gl").Map } }).sitrep.map.jumpTo(v);
    }, view);
    await mapIdle(page);

    // Brush the timeline: the count of events shown changes.
    const svg = page.locator(".timeline-svg");
    const box = (await svg.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 40, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 40 + (box.width - 52) * 0.3, y, { steps: 8 });
    await page.mouse.up();
    const brushed = Number(await page.locator("#count").getAttribute("data-count"));
    assert.notEqual(brushed, total, `brushing changes the count (${total} → ${brushed})`);
    assert.ok(brushed < total);
    // The hash follows the view (written a moment after a change).
    await page.waitForFunction(() => location.hash.includes("from="));
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: join(OUT, "brushed.png") });

    // The hash is the view: a new page with it shows the same selection.
    const shared = await context.newPage();
    await shared.goto(`${server.url}${await page.evaluate(() => location.hash)}`);
    await shared.waitForSelector('body[data-loaded="true"]');
    assert.equal(Number(await shared.locator("#count").getAttribute("data-count")), brushed);
    assert.equal(await shared.locator("#f-from").inputValue(), /from=([\d-]+)/.exec(hash)![1]);
    await shared.close();

    // Keyboard: the timeline is focusable and Delete clears the range.
    await svg.focus();
    await page.keyboard.press("Delete");
    assert.equal(Number(await page.locator("#count").getAttribute("data-count")), total);

    // Filters: full-text search and event types go to the server; "none" empties the map, "all" restores it.
    await page.fill("#f-q", "convoy");
    await page.waitForFunction((n) => Number(document.querySelector("#count")?.getAttribute("data-count")) < n, total);
    await page.waitForFunction(() => location.hash.includes("q=convoy"));
    await page.fill("#f-q", "");
    await page.waitForFunction(
      (n) => Number(document.querySelector("#count")?.getAttribute("data-count")) === n,
      total,
    );
    await page.click("#types-none");
    await page.waitForFunction(() => document.querySelector("#count")?.getAttribute("data-count") === "0");
    await page.click("#types-all");
    await page.waitForFunction(
      (n) => Number(document.querySelector("#count")?.getAttribute("data-count")) === n,
      total,
    );

    // Nothing left the machine.
    await page.close();
    const all = [...requested, ...proxied];
    assert.ok(proxied.length > 0, "the browser's requests went through the recording proxy");
    assert.ok(
      requested.some((u) => u.includes("/basemap/countries.geojson")),
      "the basemap came from the server",
    );
    const outside = all.filter((e) => {
      const host = hostOf(e);
      return host !== null && !isLoopback(host);
    });
    assert.deepEqual(outside, [], "no request to a non-loopback host");
    assert.deepEqual(problems, [], "no page errors, console errors or CSP violations");
  });
});

/** Waits until the map has loaded its style and sources and finished rendering. */
async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { sitrep?: { map: import("maplibre-gl").Map } };
      const map = w.sitrep?.map;
      return !!map && map.loaded() && map.isStyleLoaded() && !map.isMoving();
    },
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { sitrep: { map: import("maplibre-gl").Map } };
        const map = w.sitrep.map;
        map.once("idle", () => resolve());
        map.triggerRepaint();
      }),
  );
}
