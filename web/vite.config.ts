// The sitrep web map: a static app (relative paths, so it can be served from any directory) that talks to the
// sitrep HTTP API on the same origin. `npm run build:web` builds it into web/dist; `sitrep serve` serves that.
// Development: `npx vite --config web/vite.config.ts` with a `sitrep serve` on SITREP_API (default
// http://127.0.0.1:8080) proxied at /api.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: "public",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // MapLibre GL alone is ~800 kB minified; the app is one page, so one chunk is fine.
    chunkSizeWarningLimit: 1400,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": process.env.SITREP_API ?? "http://127.0.0.1:8080" },
  },
});
