// RSS / Atom / RDF feed reader (feedsmith): one document per item, text from content or description with HTML
// stripped, published as the item's date (YYYY-MM-DD), outlet from the feed title.
import { type AnyFeed, parseFeed } from "feedsmith";
import type { Document, InputError } from "../model/types.ts";
import { documentFromText, inputError, normalisePublished } from "./document.ts";
import { HtmlDepthError, stripHtml } from "./htmltext.ts";
import { DEFAULT_LIMITS } from "./limits.ts";

interface Item {
  title?: string;
  link?: string;
  html?: string;
  date?: string;
}

/** True when the text starts (after an XML declaration, comments, a doctype) with `<rss`, `<feed` or `<rdf:RDF`. */
export function looksLikeFeed(text: string): boolean {
  let head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  for (;;) {
    const next = head.trimStart().replace(/^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)/i, "");
    if (next === head.trimStart()) break;
    head = next;
  }
  return /^<(rss|feed|rdf:RDF)[\s>]/i.test(head.trimStart());
}

function items(parsed: AnyFeed): { outlet?: string; items: Item[] } {
  switch (parsed.format) {
    case "rss": {
      const f = parsed.feed;
      const list = (f.items ?? []).map((i) => ({
        title: i.title,
        link: i.link ?? (i.guid?.isPermaLink !== false ? i.guid?.value : undefined),
        html: i.content?.encoded || i.description,
        date: i.pubDate ?? i.dc?.dates?.[0],
      }));
      return { outlet: f.title, items: list };
    }
    case "atom": {
      const f = parsed.feed;
      const list = (f.entries ?? []).map((e) => ({
        title: e.title?.value,
        link: (e.links?.find((l) => !l.rel || l.rel === "alternate") ?? e.links?.[0])?.href,
        html: e.content?.value || e.summary?.value,
        date: e.published ?? e.updated ?? e.dc?.dates?.[0],
      }));
      return { outlet: f.title?.value, items: list };
    }
    case "rdf": {
      const f = parsed.feed;
      const list = (f.items ?? []).map((i) => ({
        title: i.title,
        link: i.link,
        html: i.content?.encoded || i.description,
        date: i.dc?.dates?.[0],
      }));
      return { outlet: f.title, items: list };
    }
    case "json": {
      const f = parsed.feed;
      const list = (f.items ?? []).map((i) => ({
        title: i.title,
        link: i.url,
        html: i.content_html || i.content_text || i.summary,
        date: i.date_published,
      }));
      return { outlet: f.title, items: list };
    }
  }
}

/** `stripHtml`, or undefined when the fragment is nested too deeply (for optional fields: title, outlet). */
function optionalText(html: string | undefined, maxDepth: number): string | undefined {
  if (!html) return undefined;
  try {
    return stripHtml(html, maxDepth);
  } catch (e) {
    if (e instanceof HtmlDepthError) return undefined;
    throw e;
  }
}

/** One item as a Document, or an InputError saying why it is skipped; never throws. */
function readItem(item: Item, at: string, outlet: string | undefined, maxDepth: number): Document | InputError {
  let text: string;
  try {
    text = item.html ? stripHtml(item.html, maxDepth) : "";
  } catch (e) {
    const why = e instanceof HtmlDepthError ? e.message : `could not read this item (${(e as Error).message})`;
    return inputError(at, why);
  }
  if (!text) return inputError(at, "feed item has no text, skipped");
  return documentFromText(text, {
    origin: at,
    title: optionalText(item.title, maxDepth),
    url: item.link,
    published: item.date ? normalisePublished(item.date)?.slice(0, 10) : undefined,
    outlet,
  });
}

/**
 * One Document (origin `feed.xml#N`, N from 1) or InputError per item; a feed that will not parse is one error.
 * An item whose HTML is nested deeper than `maxDepth` is an error for that item only.
 */
export function readFeed(
  xml: string,
  origin: string,
  maxDepth = DEFAULT_LIMITS.maxHtmlDepth,
): (Document | InputError)[] {
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(xml);
  } catch (e) {
    return [inputError(origin, `not a valid RSS/Atom feed (${(e as Error).message})`)];
  }
  const { outlet: rawOutlet, items: list } = items(parsed);
  const outlet = optionalText(rawOutlet, maxDepth);
  if (list.length === 0) return [inputError(origin, "feed has no items")];
  return list.map((item, i) => readItem(item, `${origin}#${i + 1}`, outlet, maxDepth));
}
