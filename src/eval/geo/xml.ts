// A tiny XML reader for the evaluation corpora: elements, attributes, text, CDATA, comments, entities.
// The corpora are simple and fixed, so a regex tokenizer is enough; no namespaces, DTDs or validation.

export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Replaces the five XML entities and numeric references: `decodeEntities("a &amp; b")` → `"a & b"`. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses a document into a tree under a synthetic root (tag `#document`). Text is entity-decoded, CDATA is kept
 * verbatim, comments and processing instructions are dropped. A stray close tag closes up to its open element.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { tag: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m) throw new Error(`XML: cannot read at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const top = stack[stack.length - 1];
    const [, cdata, slash, tag, attrText, selfClose, text] = m;
    if (cdata !== undefined) top.children.push(cdata);
    else if (text !== undefined) top.children.push(decodeEntities(text));
    else if (tag !== undefined && slash) {
      const i = stack.map((e) => e.tag).lastIndexOf(tag);
      if (i > 0) stack.length = i;
    } else if (tag !== undefined) {
      const el: XmlElement = { tag, attrs: {}, children: [] };
      for (const a of attrText.matchAll(ATTR)) el.attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? "");
      top.children.push(el);
      if (!selfClose) stack.push(el);
    }
  }
  return root;
}

/** The element children of `el` with the given tag. */
export function childElements(el: XmlElement, tag: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && c.tag === tag);
}

/** The first element child of `el` with the given tag. */
export function childElement(el: XmlElement, tag: string): XmlElement | undefined {
  return childElements(el, tag)[0];
}

/** Every element below `el` (any depth, document order) with the given tag. */
export function descendants(el: XmlElement, tag: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (c.tag === tag) out.push(c);
    descendants(c, tag, out);
  }
  return out;
}

/** The text content of an element (all text and CDATA below it, in order). */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return "";
  let s = "";
  for (const c of el.children) s += typeof c === "string" ? c : textOf(c);
  return s;
}

/** The trimmed text of the child `tag`, or null when the child is absent or empty. */
export function fieldOf(el: XmlElement, tag: string): string | null {
  const t = textOf(childElement(el, tag)).trim();
  return t === "" ? null : t;
}
