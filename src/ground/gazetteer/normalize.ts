// Place-name normalisation: the keys under which the gazetteer indexes names and looks them up.
// `nameKey` is the strict key (case, diacritics, punctuation and Arabic articles removed); `looseKey` also folds
// common transliteration variants (Deir ez-Zor / Dayr az Zawr / Deir Ezzor → "der zur"). Both are idempotent.

const SPECIAL: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ə: "e",
  ŋ: "ng",
};

/** Arabic article variants ("al-", "el-", sun-letter assimilations "ash-", "ez-", …), dropped before a word. */
const ARTICLES = new Set([
  "al",
  "el",
  "ul",
  "ad",
  "adh",
  "ed",
  "ash",
  "esh",
  "ar",
  "er",
  "as",
  "es",
  "at",
  "et",
  "ath",
  "az",
  "ez",
  "an",
  "en",
  "ud",
]);

/** Trailing words that say what kind of place a name is; stripped into a hint by `splitFeatureHint`. */
const HINTS: [RegExp, FeatureHint][] = [
  [/\s+(governorate|province|oblast|wilayah|wilayat|vilayet|region|muhafazah|mohafazat)$/, "adm1"],
  [/\s+(district|raion|rayon|county|subdistrict|nahiyah|mintaqah)$/, "adm2"],
  [/\s+(gas|oil|oil and gas)\s+fields?$/, "field"],
  [/\s+(gasfields?|oilfields?|fields?)$/, "field"],
  [/\s+(gas plant|gas station|refinery|power plant|power station)$/, "plant"],
  [/\s+(military airport|air base|airbase|airbases|air bases|airfield|military base|base)$/, "airbase"],
  [/\s+(international airport|airport)$/, "airport"],
  [/\s+(dam)$/, "dam"],
  [/\s+(border crossing|crossing|border gate|crossing point)$/, "crossing"],
  [/\s+(mountains|mountain|mts|range|heights|hills)$/, "mountain"],
  [/\s+(river)$/, "river"],
  [/\s+(city|town|village)$/, "city"],
];

export type FeatureHint =
  | "adm1"
  | "adm2"
  | "field"
  | "plant"
  | "airbase"
  | "airport"
  | "dam"
  | "crossing"
  | "mountain"
  | "river"
  | "city";

/** Past this many entries, a memo of the functions below starts afresh. */
const MEMO_LIMIT = 50_000;

/** Bounded memo: the same names are normalised again and again, within and across texts. */
function remember(memo: Map<string, string>, key: string, value: string): string {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const normalized = new Map<string, string>();
const strictKeys = new Map<string, string>();
const looseKeys = new Map<string, string>();

/**
 * Lowercase, strip diacritics, unify quotes and hyphens, drop punctuation; words separated by single spaces.
 * Dots are dropped without a space so that "U.S." and "US" meet.
 * @example normalizeName("Dayr az-Zawr") // "dayr az zawr"
 */
export function normalizeName(text: string): string {
  const hit = normalized.get(text);
  if (hit !== undefined) return hit;
  let s: string;
  // ASCII text has no combining marks and none of the SPECIAL letters: decomposing and folding change nothing.
  if (isAscii(text)) s = text.toLowerCase();
  else {
    s = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    s = s.replace(/[ßæœøłđðþıħŧəŋ]/g, (c) => SPECIAL[c] ?? c);
  }
  s = s.replace(/[’‘ʼʻʾʿ`´'"“”«»]/g, "").replace(/\./g, "");
  s = s.replace(/[^a-z0-9]+/g, " ");
  return remember(normalized, text, s.trim());
}

/** Whether `text` is written in Latin script (with digits, punctuation and spaces). */
export function isLatinScript(text: string): boolean {
  return /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}\p{Sk}ʼʻʾʿ]+$/u.test(text);
}

/** Drops Arabic article words in front of another word: "deir ez zor" → "deir zor", "al bab" → "bab". */
function dropArticles(words: string[]): string[] {
  const out = words.filter((w, i) => !(ARTICLES.has(w) && i < words.length - 1));
  return out.length ? out : words;
}

/**
 * The strict index key: normalised, a leading "the" and Arabic articles dropped.
 * @example nameKey("Deir ez-Zor") // "deir zor"
 */
export function nameKey(text: string): string {
  return strictKeys.get(text) ?? remember(strictKeys, text, computeNameKey(text));
}

function computeNameKey(text: string): string {
  let words = normalizeName(text).split(" ").filter(Boolean);
  if (words.length > 1 && words[0] === "the") words = words.slice(1);
  return dropArticles(words).join(" ");
}

/** Folds one word's spelling variants; the same rules run on index and query, so only consistency matters. */
function foldWord(word: string, index: number): string {
  let w = word;
  // Glued sun-letter article inside a name: "Ezzor" → "zor", "Assukhnah" (not first word) → "sukhnah".
  if (index > 0) w = w.replace(/^[ae](l|[sztdrn]h?)(?=\1)/, "");
  w = w
    .replace(/dj/g, "j")
    .replace(/q/g, "k")
    .replace(/ck/g, "k")
    .replace(/ph/g, "f")
    .replace(/ou|oo|uw/g, "u")
    .replace(/ee/g, "i")
    .replace(/aw(?=[^aeiou]|$)/g, "o")
    .replace(/(ay|ai|ei|ey)(?=[^aeiou]|$)/g, "e")
    .replace(/o/g, "u")
    .replace(/([a-z])\1+/g, "$1")
    .replace(/([aeiou])h$/, "$1")
    .replace(/e$/, "a");
  return w;
}

/**
 * The loose index key: `nameKey` with transliteration variants folded.
 * @example looseKey("Dayr az Zawr") === looseKey("Deir Ezzor") // true ("der zur")
 */
export function looseKey(text: string): string {
  return looseKeys.get(text) ?? remember(looseKeys, text, foldKey(nameKey(text)));
}

/** The loose key of a strict key (`looseKey(t) === foldKey(nameKey(t))`). */
export function foldKey(key: string): string {
  if (!key.includes(" ")) return foldedWord(key, 0);
  return key
    .split(" ")
    .map((w, i) => foldedWord(w, i))
    .join(" ");
}

/** `foldWord` memoised: the same words recur in many phrases ("Police" in "Police Chief", "City Police"…). */
const foldedFirst = new Map<string, string>();
const foldedLater = new Map<string, string>();

function foldedWord(word: string, index: number): string {
  const memo = index === 0 ? foldedFirst : foldedLater;
  return memo.get(word) ?? remember(memo, word, foldWord(word, index));
}

/**
 * Splits a trailing feature word off a name: "Latakia Governorate" → { name: "Latakia", hint: "adm1" }.
 * Returns the name unchanged and no hint when there is none (or when nothing would be left).
 */
export function splitFeatureHint(text: string): { name: string; hint?: FeatureHint } {
  let hit = splitHints.get(text);
  if (!hit) {
    hit = computeSplitFeatureHint(text);
    if (splitHints.size >= MEMO_LIMIT) splitHints.clear();
    splitHints.set(text, hit);
  }
  return { ...hit };
}

const splitHints = new Map<string, { name: string; hint?: FeatureHint }>();

function computeSplitFeatureHint(text: string): { name: string; hint?: FeatureHint } {
  const norm = normalizeName(text);
  for (const [re, hint] of HINTS) {
    const m = re.exec(norm);
    if (m && m.index > 0) return { name: norm.slice(0, m.index), hint };
  }
  return { name: norm };
}
