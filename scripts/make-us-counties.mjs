// Regenerates data/gazetteer/us-counties.tsv: US counties and Louisiana parishes (Census Bureau cartographic
// boundaries, public domain, as packaged in us-atlas 3.0.1 counties-10m.json) → name, state, FIPS, area centroid,
// radius. us-atlas is not a dependency: `npm i --no-save us-atlas@3.0.1`, then
//   node scripts/make-us-counties.mjs [path/to/counties-10m.json] > data/gazetteer/us-counties.tsv
// (the two comment lines at the top of the .tsv are written by hand).
import { readFileSync } from "node:fs";

const t = JSON.parse(readFileSync(process.argv[2] ?? "node_modules/us-atlas/counties-10m.json", "utf8"));
const [sx, sy] = t.transform.scale,
  [tx, ty] = t.transform.translate;
const arcs = t.arcs.map((a) => {
  let x = 0,
    y = 0;
  return a.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});
const ring = (ids) => {
  const pts = [];
  for (const i of ids) {
    const a = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  return pts;
};
const FIPS = {
  "01": "AL",
  "02": "AK",
  "04": "AZ",
  "05": "AR",
  "06": "CA",
  "08": "CO",
  "09": "CT",
  10: "DE",
  11: "DC",
  12: "FL",
  13: "GA",
  15: "HI",
  16: "ID",
  17: "IL",
  18: "IN",
  19: "IA",
  20: "KS",
  21: "KY",
  22: "LA",
  23: "ME",
  24: "MD",
  25: "MA",
  26: "MI",
  27: "MN",
  28: "MS",
  29: "MO",
  30: "MT",
  31: "NE",
  32: "NV",
  33: "NH",
  34: "NJ",
  35: "NM",
  36: "NY",
  37: "NC",
  38: "ND",
  39: "OH",
  40: "OK",
  41: "OR",
  42: "PA",
  44: "RI",
  45: "SC",
  46: "SD",
  47: "TN",
  48: "TX",
  49: "UT",
  50: "VT",
  51: "VA",
  53: "WA",
  54: "WV",
  55: "WI",
  56: "WY",
};
const rows = [];
for (const g of t.objects.counties.geometries) {
  const st = FIPS[g.id.slice(0, 2)];
  if (!st || st === "AK" || st === "DC") continue;
  const code = Number(g.id.slice(2));
  if (code >= 500 && ["VA", "MD", "MO", "NV"].includes(st)) continue; // independent cities
  const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  let A = 0,
    cx = 0,
    cy = 0;
  const _lat0 = 0;
  for (const p of polys)
    for (const r of p) {
      const pts = ring(r);
      for (let k = 0; k < pts.length - 1; k++) {
        const [x0, y0] = pts[k],
          [x1, y1] = pts[k + 1];
        const c = x0 * y1 - x1 * y0;
        A += c;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
      }
    }
  if (!A) continue;
  A /= 2;
  cx /= 6 * A;
  cy /= 6 * A;
  const areaKm2 = Math.abs(A) * 111.32 * 111.32 * Math.cos((cy * Math.PI) / 180);
  const kind = st === "LA" ? "Parish" : "County";
  const name = `${g.properties.name} ${kind}`;
  rows.push([name, cy.toFixed(4), cx.toFixed(4), st, g.id, Math.round(Math.sqrt(areaKm2 / Math.PI))].join("\t"));
}
rows.sort();
console.log(["name", "lat", "lon", "admin1", "fips", "radius_km"].join("\t"));
console.log(rows.join("\n"));
