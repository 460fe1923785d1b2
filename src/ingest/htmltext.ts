// HTML to plain text that keeps paragraph structure: blocks become blank-line separated, <br> a line break.
import { parseHTML } from "linkedom";
import { DEFAULT_LIMITS } from "./limits.ts";

const tags = (list: string) => new Set(list.split(" "));
const SKIP = tags("SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT HEAD BUTTON SELECT");
const PARAGRAPH = tags(
  "P DIV SECTION ARTICLE MAIN HEADER FOOTER ASIDE NAV BLOCKQUOTE PRE FIGURE FIGCAPTION TABLE UL OL DL " +
    "H1 H2 H3 H4 H5 H6 HR FORM ADDRESS DETAILS",
);
const LINE = tags("LI TR DT DD CAPTION SUMMARY");

/** Plain text of a DOM node (a linkedom or browser node). */
export function nodeText(root: Node): string {
  let out = "";
  let pending = 0; // line breaks owed before the next text: 0, 1 (line) or 2 (paragraph)
  const brk = (n: number) => {
    pending = Math.max(pending, n);
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const text = (node.nodeValue ?? "").replace(/\s+/g, " ");
      if (!text.trim()) {
        if (text && !pending) out += " ";
        return;
      }
      if (pending && out) out = `${out.trimEnd()}${"\n".repeat(pending)}${text.trimStart()}`;
      else out += out ? text : text.trimStart();
      pending = 0;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : "";
    if (SKIP.has(tag)) return;
    if (tag === "BR") {
      brk(1);
      return;
    }
    const level = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
    if (tag === "TD" || tag === "TH") out += " ";
    brk(level);
    for (const child of Array.from(node.childNodes)) walk(child);
    brk(level);
  };
  walk(root);
  return out
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** Parses an HTML document (or fragment) with linkedom. */
export function parseDocument(html: string): globalThis.Document {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document;
}

/**
 * Strips tags and decodes entities from an HTML fragment (a feed item's description, an HTML title); throws
 * HtmlDepthError when it is nested deeper than `maxDepth`.
 */
export function stripHtml(fragment: string, maxDepth = DEFAULT_LIMITS.maxHtmlDepth): string {
  if (!/[<&]/.test(fragment)) return fragment.replace(/\s+/g, " ").trim();
  const doc = parseLimited(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`, maxDepth);
  return nodeText(doc.body);
}

// ---------------------------------------------------------------------------------------------
// Nesting depth before parsing: linkedom's tree building and Readability slow down sharply with depth, and
// nodeText recurses, so a page is measured first by a linear scan that follows the rules of htmlparser2 (the
// parser under linkedom): void elements, start tags that close an open element, self-closing tags only in
// SVG/MathML, raw text in script/style/title/textarea.

const P_CLOSERS =
  "address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol " +
  "pre section table ul p h1 h2 h3 h4 h5 h6";
const FORM_TAGS = tags("input option optgroup select button datalist textarea");
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.split(" ").map((t): [string, Set<string>] => [t, new Set(["p"])]),
  ...["select", "input", "output", "button", "datalist", "textarea"].map((t): [string, Set<string>] => [t, FORM_TAGS]),
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
]);
const VOID = new Set(
  "area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr".split(
    " ",
  ),
);
const FOREIGN = new Set(["math", "svg"]);
const INTEGRATION = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);
const RAW_END = new Map(["script", "style", "title", "textarea"].map((t) => [t, new RegExp(`</${t}[\\s/>]`, "gi")]));
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)|<!--|<[!?]/g;

/**
 * Index just past the `>` that ends the tag whose attributes start at `from`, and whether it ends in `/>` (a `/`
 * inside an unquoted attribute value does not count, as in htmlparser2's tokenizer).
 */
function tagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  let selfClosing = false;
  let i = from;
  while (i < html.length) {
    const c = html[i];
    if (c === ">") return { end: i + 1, selfClosing };
    selfClosing = c === "/";
    i++;
    if (c !== "=") continue;
    while (i < html.length && /\s/.test(html[i])) i++;
    const q = html[i];
    if (q === '"' || q === "'") {
      const close = html.indexOf(q, i + 1);
      i = close < 0 ? html.length : close + 1;
    } else while (i < html.length && !/[\s>]/.test(html[i])) i++;
  }
  return { end: html.length, selfClosing: false };
}

/**
 * The deepest element nesting linkedom will build for `html` (not counting the html/body wrapper), scanning at
 * most until it passes `stopAbove`. Linear in the length of the page.
 */
export function htmlDepth(html: string, stopAbove = Number.POSITIVE_INFINITY): number {
  const stack: string[] = []; // open elements, innermost last
  const open = new Map<string, number>(); // how many of each are open, so an unmatched end tag costs O(1)
  const foreign: boolean[] = [false];
  let max = 0;
  const leaf = () => {
    if (stack.length + 1 > max) max = stack.length + 1;
  };
  const push = (name: string) => {
    leaf();
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop() as string;
    open.set(name, (open.get(name) as number) - 1);
    return name;
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m && max <= stopAbove; m = TAG.exec(html)) {
    if (m[0] === "<!--") {
      const end = html.indexOf("-->", TAG.lastIndex);
      TAG.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    if (m[2] === undefined) {
      const end = html.indexOf(">", TAG.lastIndex);
      TAG.lastIndex = end < 0 ? html.length : end + 1;
      continue;
    }
    const name = m[2].toLowerCase();
    const { end, selfClosing } = tagEnd(html, TAG.lastIndex);
    TAG.lastIndex = end;
    if (m[1]) {
      if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.shift();
      if (!VOID.has(name) && (open.get(name) ?? 0) > 0) while (pop() !== name);
      else if (name === "p" || name === "br") leaf(); // an end tag alone makes an empty element
      continue;
    }
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length && closes.has(stack[stack.length - 1])) pop();
    if (VOID.has(name)) {
      leaf();
      continue;
    }
    push(name);
    if (FOREIGN.has(name)) foreign.unshift(true);
    else if (INTEGRATION.has(name)) foreign.unshift(false);
    if (selfClosing && foreign[0]) {
      pop();
      continue;
    }
    const raw = RAW_END.get(name);
    if (raw) {
      raw.lastIndex = TAG.lastIndex;
      const close = raw.exec(html);
      if (!close) break; // the rest of the page is the element's text
      TAG.lastIndex = close.index; // the end tag itself is read by the loop
    }
  }
  return max;
}

/** Thrown by `parseLimited` for a page nested deeper than its limit. */
export class HtmlDepthError extends Error {
  constructor(readonly limit: number) {
    super(`HTML nested too deeply (over ${limit} levels), skipped`);
  }
}

/** `parseDocument`, after checking the nesting depth (HtmlDepthError when over `maxDepth`). */
export function parseLimited(html: string, maxDepth: number): globalThis.Document {
  if (htmlDepth(html, maxDepth) > maxDepth) throw new HtmlDepthError(maxDepth);
  return parseDocument(html);
}
