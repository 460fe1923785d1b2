// Measures fusion compares records with: great-circle distance, day numbers, word-shingle sets of evidence text
// (Jaccard, MinHash bands for lookup), and the wire agencies a report relays.

const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Days since 1970-01-01 of an ISO date or date-time ("2017-01-14", "2017-01-14T10:00"); null when unreadable. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

/** The ISO date of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Lower-case words of a text, letters and digits only (any script). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed word 3-shingles of a text, sorted and distinct (unigrams for texts under 3 words). */
export function shingles(text: string): Uint32Array {
  const w = words(text);
  const n = w.length < 3 ? 1 : 3;
  const set = new Set<number>();
  for (let i = 0; i + n <= w.length; i++) set.add(fnv1a(w.slice(i, i + n).join(" ")));
  return Uint32Array.from(set).sort();
}

/** Jaccard similarity of two sorted distinct hash arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length || !b.length) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** Fewest shingles a text needs before its similarity means "copied" rather than "short". */
export const MIN_WIRE_SHINGLES = 5;

const BANDS = 6;
const ROWS = 4;
/** Odd 32-bit multipliers, one per MinHash function (BANDS × ROWS). */
const MINHASH_SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * MinHash band keys of a shingle set (6 bands of 4 hashes): two texts with Jaccard 0.8 share a band with
 * probability ≈ 0.96, with Jaccard 0.5 ≈ 0.32, with Jaccard 0.3 ≈ 0.05. Texts too short to be a fingerprint
 * get none.
 */
export function minhashBands(sh: Uint32Array): string[] {
  if (sh.length < MIN_WIRE_SHINGLES) return [];
  const mins = MINHASH_SEEDS.map((seed) => {
    let m = 0xffffffff;
    for (const s of sh) {
      const v = mix(s, seed);
      if (v < m) m = v;
    }
    return m;
  });
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++)
    out.push(
      `${b}:${mins
        .slice(b * ROWS, (b + 1) * ROWS)
        .map((m) => m.toString(36))
        .join(".")}`,
    );
  return out;
}

/** Whether two shingle sets are copies of one text. */
export function isWireCopy(a: Uint32Array, b: Uint32Array, threshold: number): boolean {
  if (a.length < MIN_WIRE_SHINGLES || b.length < MIN_WIRE_SHINGLES) return false;
  const small = Math.min(a.length, b.length);
  const large = Math.max(a.length, b.length);
  if (small / large < threshold) return false; // Jaccard ≤ |small| / |large|
  return jaccard(a, b) >= threshold;
}

// ---------------------------------------------------------------------------------------------
// Wire agencies

const AGENCIES: [string, RegExp][] = [
  ["reuters", /\breuters\b/i],
  ["afp", /\bafp\b|\bagence france[- ]presse\b/i],
  ["ap", /\bassociated press\b|\bAP\b/],
  ["sana", /\bsana\b|\bsyrian arab news agency\b/i],
  ["anadolu", /\banadolu\b/i],
  ["tass", /\btass\b/i],
  ["ria", /\bria novosti\b|\bRIA\b/],
  ["sputnik", /\bsputnik\b/i],
  ["xinhua", /\bxinhua\b/i],
  ["dpa", /\bdpa\b|\bdeutsche presse[- ]agentur\b/i],
  ["efe", /\bEFE\b/],
  ["irna", /\birna\b|\bislamic republic news agency\b/i],
  ["fars", /\bfars news\b/i],
  ["tasnim", /\btasnim\b/i],
  ["nna", /\bnna\b|\bnational news agency\b/i],
  ["sohr", /\bsohr\b|\bsyrian observatory\b/i],
  ["anha", /\banha\b|\bhawar news\b/i],
  ["petra", /\bpetra news agency\b/i],
  ["qna", /\bqatar news agency\b|\bQNA\b/],
  ["kuna", /\bkuna\b|\bkuwait news agency\b/i],
  ["wam", /\bemirates news agency\b|\bWAM\b/],
];

/** The wire agencies a phrase names ("Syria's state news agency SANA" → ["sana"]). */
export function agenciesIn(text: string): string[] {
  return AGENCIES.filter(([, re]) => re.test(text)).map(([key]) => key);
}

/** Agencies named in parentheses in a text's opening ("BEIRUT (Reuters) -", "(AFP)"): the dateline's wire. */
export function datelineAgencies(text: string): string[] {
  const head = text.slice(0, 240);
  const out = new Set<string>();
  for (const m of head.matchAll(/\(([^()]{2,40})\)/g)) for (const a of agenciesIn(m[1])) out.add(a);
  return [...out];
}

/** An outlet name reduced to letters and digits ("Al-Masdar News" → "almasdarnews"). */
export function outletKey(outlet: string | null | undefined): string | null {
  if (!outlet) return null;
  const k = words(outlet).join("");
  return k || null;
}
