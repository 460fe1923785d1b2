// HTML to plain text that keeps paragraph structure: blocks become blank-line separated, <br> a line break.
import { parseHTML } from "linkedom";

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

/** Strips tags and decodes entities from an HTML fragment (a feed item's description, an HTML title). */
export function stripHtml(fragment: string): string {
  if (!/[<&]/.test(fragment)) return fragment.replace(/\s+/g, " ").trim();
  const doc = parseDocument(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`);
  return nodeText(doc.body);
}
