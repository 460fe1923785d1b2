// Time to first render of the web map: a fresh headless Chromium context opens the served map and waits until
// event circles or clusters are drawn (MapLibre's rendered features of the event layers, as test/web.test.ts
// checks them). Measured from navigation start, in ms.
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Map as MapLibreMap } from "maplibre-gl";
import { type Browser, chromium } from "playwright-core";

/** Debian's /usr/bin/chromium is a wrapper that adds Google API keys; its binary is used when present. */
export function chromiumBinary(): string | null {
  const wanted = process.env.SITREP_CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(wanted)) return null;
  return !process.env.SITREP_CHROMIUM && existsSync("/usr/lib/chromium/chromium")
    ? "/usr/lib/chromium/chromium"
    : wanted;
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      // WebGL without a GPU (ANGLE on SwiftShader), as in test/web.test.ts.
      "--disable-gpu",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}

export interface RenderTiming {
  /** Navigation start → first event circle or cluster drawn. */
  firstMarkersMs: number;
  /** Navigation start → every event page loaded (body[data-loaded]). */
  loadedMs: number;
  /** Event features drawn at that moment (clusters count once). */
  rendered: number;
}

const LAYERS = ["clusters", "events-fact", "events-future", "events-denied"];

export async function timeFirstRender(browser: Browser, url: string): Promise<RenderTiming> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    const loaded = page.waitForSelector('body[data-loaded="true"]', { timeout: 600_000 }).then(() => performance.now());
    const drawn = await page.waitForFunction(
      (layers) => {
        const map = (window as unknown as { sitrep?: { map: MapLibreMap } }).sitrep?.map;
        if (!map?.isStyleLoaded()) return 0;
        try {
          return map.queryRenderedFeatures({ layers }).length;
        } catch {
          return 0; // layers not added yet
        }
      },
      LAYERS,
      { timeout: 600_000, polling: "raf" },
    );
    const firstMarkersMs = performance.now() - t0;
    const rendered = (await drawn.jsonValue()) as number;
    return { firstMarkersMs, loadedMs: (await loaded) - t0, rendered };
  } finally {
    await context.close();
  }
}
