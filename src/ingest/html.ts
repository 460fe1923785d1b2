// HTML reader: main text via Readability over linkedom (body text when Readability finds nothing),
// title from og:title/<title>, published from article:published_time/<time datetime>, url from the canonical link.
import { Readability } from "@mozilla/readability";
import type { Document, InputError } from "../model/types.ts";
import { documentFromText, inputError } from "./document.ts";
import { HtmlDepthError, nodeText, parseDocument, parseLimited } from "./htmltext.ts";
import { DEFAULT_LIMITS } from "./limits.ts";

type Dom = globalThis.Document;

function meta(dom: Dom, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = dom.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return undefined;
}

function metadata(dom: Dom) {
  const time = dom.querySelector("article time[datetime], time[pubdate][datetime], time[datetime]");
  return {
    title: meta(dom, "og:title", "twitter:title") ?? (dom.querySelector("title")?.textContent?.trim() || undefined),
    published:
      meta(dom, "article:published_time", "og:published_time", "datePublished", "pubdate", "date", "dc.date") ??
      time?.getAttribute("datetime") ??
      undefined,
    url: dom.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() || meta(dom, "og:url"),
    outlet: meta(dom, "og:site_name", "application-name"),
  };
}

/** The article's text, or the body's when Readability gives up (it mutates `dom`, so the fallback re-parses). */
function mainText(dom: Dom, html: string): { text: string; title?: string; published?: string; outlet?: string } {
  let article: ReturnType<Readability<Node>["parse"]> = null;
  try {
    article = new Readability<Node>(dom, { serializer: (n) => n }).parse();
  } catch {
    article = null; // Readability can trip over very broken markup; the body text still stands
  }
  const text = article?.content ? nodeText(article.content) : "";
  if (text) {
    return {
      text,
      title: article?.title ?? undefined,
      published: article?.publishedTime ?? undefined,
      outlet: article?.siteName ?? undefined,
    };
  }
  const body = parseDocument(html).body;
  return { text: body ? nodeText(body) : "" };
}

/** One Document from a page, or an InputError (no text, or nested deeper than `maxDepth`). */
export function readHtml(html: string, origin: string, maxDepth = DEFAULT_LIMITS.maxHtmlDepth): Document | InputError {
  let dom: Dom;
  try {
    dom = parseLimited(html, maxDepth);
  } catch (e) {
    if (e instanceof HtmlDepthError) return inputError(origin, e.message);
    throw e;
  }
  const m = metadata(dom);
  const main = mainText(dom, html);
  if (!main.text) return inputError(origin, "no text found in HTML");
  return documentFromText(main.text, {
    origin,
    title: m.title ?? main.title,
    published: m.published ?? main.published,
    url: m.url,
    outlet: m.outlet ?? main.outlet,
  });
}
