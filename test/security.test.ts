// Hostile requests: writes need the token (compared in constant time), servers are read-only and loopback-only by
// default, CORS is closed, every response carries CSP / nosniff / frame-ancestors, document text is escaped in
// the HTML view (property-tested with hostile strings), SQL only ever sees bound parameters (injection strings
// in every query parameter: no 500, no extra rows, nothing dropped), static files cannot be escaped from, and
// URL fetching refuses private networks, at every redirect hop (a loopback server stands in for the web).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { readFeed } from "../src/ingest/feed.ts";
import { addressProblem, FetchError, fetchUrl } from "../src/ingest/url.ts";
import type { Document } from "../src/model/types.ts";
import { createApp } from "../src/serve/http/app.ts";
import { documentHtml, type EvidenceSpan } from "../src/serve/http/html.ts";
import { tokenMatches } from "../src/serve/http/security.ts";
import { startServer } from "../src/serve/http/server.ts";
import type { Store } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";

const TOKEN = "s3cret-token-for-tests-0123456789";
const dir = mkdtempSync(join(tmpdir(), "sitrep-security-"));
let store: Store;
const quiet = () => {};

const HOSTILE_TEXT =
  "Turkish troops shelled Afrin on Monday, a local source told Reuters. " +
  '<script>alert("x")</script><img src=x onerror=alert(1)> </div><iframe src="javascript:alert(2)"> & "q" \'s\' ' +
  "Kurdish fighters captured Tal Rifaat on Tuesday. ]]> --> <!-- <style>*{}</style>";
const HOSTILE = [
  { id: "x1", text: HOSTILE_TEXT, title: "<script>alert(3)</script>", outlet: '"><svg onload=alert(4)>' },
  { id: "x2'; DROP TABLE events; --", text: "Russian jets bombed Idlib on Friday, activists said." },
  { id: "x3", text: "ISIS fighters attacked Deir ez-Zor airport on Sunday, state media said." },
];

before(async () => {
  store = openSqliteStore(join(dir, "security.db"));
  const app = createApp(store, { token: TOKEN, log: quiet });
  const res = await app.request("/api/ingest", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ documents: HOSTILE }),
  });
  assert.deepEqual(await res.json(), { stored: 3, skipped: 0, errors: [] });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = (app: ReturnType<typeof createApp>, headers: Record<string, string>) =>
  app.request("/api/ingest", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ documents: [{ text: "Rebels shelled Homs on Monday." }] }),
  });

describe("writes", () => {
  test("need the bearer token; read-only without one; nothing stored on refusal", async () => {
    const before = await store.stats();
    const app = createApp(store, { token: TOKEN, log: quiet });
    for (const [headers, status] of [
      [{}, 401],
      [{ Authorization: "Bearer wrong" }, 401],
      [{ Authorization: `Bearer ${TOKEN}x` }, 401],
      [{ Authorization: `Bearer ${TOKEN.slice(0, -1)}` }, 401],
      [{ Authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString("base64")}` }, 401],
      [{ Authorization: TOKEN }, 401],
      [{ "X-Token": TOKEN }, 401],
    ] as const) {
      const res = await ingest(app, headers);
      assert.equal(res.status, status, JSON.stringify(headers));
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    }
    const inQuery = await app.request(`/api/ingest?token=${TOKEN}&access_token=${TOKEN}`, { method: "POST" });
    assert.equal(inQuery.status, 401, "a token in the URL is not accepted");
    const readOnly = createApp(store, { log: quiet });
    assert.equal((await ingest(readOnly, { Authorization: `Bearer ${TOKEN}` })).status, 403);
    assert.equal((await ingest(createApp(store, { token: "", log: quiet }), { Authorization: "Bearer " })).status, 403);
    assert.deepEqual(await store.stats(), before);
  });

  test("the token comparison is constant-time over digests: any length, any difference", () => {
    assert.equal(tokenMatches(TOKEN, TOKEN), true);
    for (const other of ["", "s", TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), "x".repeat(10_000)]) {
      assert.equal(tokenMatches(other, TOKEN), false, other.slice(0, 20));
    }
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => tokenMatches(a, b) === (a === b)),
      { numRuns: 300 },
    );
  });

  test("servers listen on loopback unless told otherwise", async () => {
    const server = await startServer({ store, port: 0, log: quiet });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(new URL("/api/ingest", server.url), { method: "POST", body: "{}" });
      assert.equal(res.status, 403, "read-only when started without a token");
    } finally {
      await server.close();
    }
  });
});

describe("browsers", () => {
  test("CORS closed by default; security headers on every kind of response", async () => {
    const app = createApp(store, { token: TOKEN, limits: { maxBodyBytes: 100 }, log: quiet });
    const evil = { Origin: "https://evil.example" };
    const cases: [string, RequestInit, number][] = [
      ["/", { headers: evil }, 200],
      ["/api/events", { headers: evil }, 200],
      ["/api/documents/x1?format=html", { headers: evil }, 200],
      ["/api/events?from=nope", { headers: evil }, 400],
      ["/api/ingest", { method: "POST", headers: evil }, 401],
      [
        "/api/ingest",
        { method: "POST", headers: { ...evil, Authorization: `Bearer ${TOKEN}` }, body: "x".repeat(200) },
        413,
      ],
      ["/api/events", { method: "PUT", headers: evil }, 405],
      ["/api/events", { method: "OPTIONS", headers: { ...evil, "Access-Control-Request-Method": "POST" } }, 405],
      ["/nothing", { headers: evil }, 404],
    ];
    for (const [path, init, status] of cases) {
      const res = await app.request(path, init);
      await res.arrayBuffer();
      const what = `${init.method ?? "GET"} ${path}`;
      assert.equal(res.status, status, what);
      assert.equal(res.headers.get("access-control-allow-origin"), null, what);
      assert.equal(res.headers.get("access-control-allow-credentials"), null, what);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", what);
      assert.equal(res.headers.get("x-frame-options"), "DENY", what);
      assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, what);
    }
  });

  test("the HTML view of a hostile article: everything escaped, and a CSP that allows no script", async () => {
    const app = createApp(store, { log: quiet });
    const res = await app.request("/api/documents/x1?format=html");
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-eval/);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html; charset=utf-8/i);
    assert.doesNotMatch(html, /<(script|img|iframe|svg|style>\*)/i);
    assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    const { document } = parseHTML(html);
    assert.equal(document.querySelectorAll("script, img, iframe, svg, [onerror], [onload]").length, 0);
    assert.equal(document.querySelector(".text")?.textContent, HOSTILE_TEXT);
    assert.equal(document.querySelector("h1")?.textContent, HOSTILE[0].title);
    assert.ok((document.querySelectorAll("mark").length ?? 0) > 0, "evidence is marked");
  });

  test("documentHtml escapes any text, title, metadata and record id (property)", () => {
    const allowed = new Set(["HTML", "HEAD", "META", "TITLE", "STYLE", "BODY", "H1", "P", "DIV", "MARK"]);
    const hostile = fc.oneof(
      fc.string({ unit: "binary" }),
      fc
        .array(fc.constantFrom("<", ">", "&", '"', "'", "<script>", "</div>", "<!--", "]]>", "on", "=", "x", " "))
        .map((a) => a.join("")),
    );
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        fc.array(fc.tuple(fc.nat(), fc.nat(), hostile)),
        (text, title, meta, raw) => {
          const doc: Document = { id: "d", text, title, outlet: meta, url: meta, origin: "t", contentHash: "h" };
          const spans: EvidenceSpan[] = raw.map(([a, b, id]) => ({
            start: Math.min(a, b) % (text.length + 2),
            end: Math.max(a, b) % (text.length + 2),
            kind: "event",
            record: id,
          }));
          const { document } = parseHTML(documentHtml(doc, spans));
          for (const el of document.querySelectorAll("*")) {
            assert.ok(allowed.has(el.tagName), `unexpected <${el.tagName}>`);
            for (const a of el.attributes) assert.ok(!/^on/i.test(a.name), `event handler ${a.name}`);
          }
          // the page shows exactly the text (what HTML parsing itself changes aside: CR, NUL)
          const plain = (s: string) => s.replace(/\r\n?/g, "\n").replace(/[\0\ufffd]/g, "");
          assert.equal(plain(document.querySelector(".text")?.textContent ?? ""), plain(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("SQL", () => {
  const INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '" OR ""="',
    "1; DROP TABLE events; --",
    "x'); DELETE FROM documents; --",
    ") UNION SELECT record_json FROM events --",
    "%' OR 1=1 --",
    "% _ %",
    "*",
    '"',
    "NEAR(a b)",
    "a OR b",
    "\\",
    "\u0000",
    "' || (SELECT sqlite_version()) || '",
    "2017-01-01' OR '1'='1",
    "35,32,42,37) OR (1=1",
    "-1",
    "1e999",
    "ASSAULT' OR 'x'='x",
    "x".repeat(600),
  ];
  const EVENT_PARAMS = [
    "bbox",
    "from",
    "to",
    "type",
    "acled",
    "actor",
    "modality",
    "q",
    "min_sources",
    "limit",
    "offset",
  ];
  const CONTROL_PARAMS = ["place", "bbox", "holder", "from", "to", "limit", "offset"];

  test("injection strings in every query parameter: 200 or 400, never 500, no extra rows, nothing changed", async () => {
    const logged: unknown[] = [];
    const app = createApp(store, { log: (e) => logged.push(e) });
    const before = await store.stats();
    const all = (await (await app.request("/api/events?limit=5000")).json()) as { paging: { returned: number } };
    const allControl = (await (await app.request("/api/control?limit=5000")).json()) as { claims: unknown[] };
    for (const [path, params] of [
      ["/api/events", EVENT_PARAMS],
      ["/api/control", CONTROL_PARAMS],
    ] as const) {
      for (const name of params) {
        for (const value of INJECTIONS) {
          const res = await app.request(`${path}?${new URLSearchParams({ [name]: value })}`);
          const body = (await res.json()) as { paging?: { returned: number }; claims?: unknown[]; error?: string };
          const what = `${path}?${name}=${JSON.stringify(value).slice(0, 40)}`;
          assert.ok(res.status === 200 || res.status === 400, `${what}: ${res.status} ${JSON.stringify(body)}`);
          if (res.status === 400) {
            assert.equal(typeof body.error, "string", what);
            continue;
          }
          const returned = body.paging?.returned ?? body.claims?.length ?? 0;
          const total = path === "/api/events" ? all.paging.returned : allControl.claims.length;
          assert.ok(returned <= total, `${what}: ${returned} rows, more than the ${total} stored`);
          const firstWord = value.split(/\s+/).find((w) => /[\p{L}\p{N}]/u.test(w));
          if (name === "q" && firstWord === undefined) {
            assert.equal(returned, total, `${what}: a search without any word is no filter`);
          } else if (name === "q") {
            // words are ANDed: never more rows than the first word alone finds
            const alone = await app.request(`${path}?${new URLSearchParams({ q: firstWord ?? "" })}`);
            const bound = ((await alone.json()) as { paging: { returned: number } }).paging.returned;
            assert.ok(returned <= bound, `${what}: ${returned} rows, more than "${firstWord}" alone (${bound})`);
          } else if (!["limit", "offset", "min_sources"].includes(name)) {
            assert.equal(returned, 0, `${what}: matched ${returned} rows; no stored text contains it`);
          }
        }
      }
    }
    for (const value of INJECTIONS) {
      for (const path of ["/api/events/", "/api/documents/"]) {
        const res = await app.request(path + encodeURIComponent(value));
        await res.arrayBuffer();
        assert.ok(res.status === 404 || res.status === 400, `${path}${value}: ${res.status}`);
      }
    }
    assert.deepEqual(logged, [], "no internal error");
    assert.deepEqual(await store.stats(), before, "nothing dropped or deleted");
    const odd = await app.request(`/api/documents/${encodeURIComponent(HOSTILE[1].id)}`);
    assert.equal(odd.status, 200, "an id that looks like SQL is just an id");
  });
});

describe("feeds", () => {
  const feed = (dtd: string, body: string) =>
    `<?xml version="1.0"?>${dtd}<rss version="2.0"><channel><title>t</title><item><title>x</title>` +
    `<description>${body} Rebels shelled Aleppo.</description></item></channel></rss>`;

  test("entities are never expanded, external ones never read", () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("");
    const bomb = readFeed(feed(`<!DOCTYPE r [<!ENTITY l0 "lol">${lol}]>`, "&l9;"), "bomb.xml");
    assert.equal(bomb.length, 1);
    assert.ok(!("message" in bomb[0]) && bomb[0].text.length < 100, JSON.stringify(bomb).slice(0, 200));
    for (const dtd of [
      '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
      '<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd">',
    ]) {
      const out = JSON.stringify(readFeed(feed(dtd, "&x;"), "xxe.xml"));
      assert.doesNotMatch(out, /root:/, dtd);
    }
  });
});

describe("static files", () => {
  test("no path escapes the web app's folder", async () => {
    const web = join(dir, "web");
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, "index.html"), "<!doctype html><title>map</title>");
    writeFileSync(join(dir, "secret.txt"), "top secret");
    const app = createApp(store, { staticDir: web, log: quiet });
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/..%2fsecret.txt",
      "/..%5csecret.txt",
      "/%252e%252e/secret.txt",
      "/.//..//secret.txt",
      "/.%2e/.%2e/secret.txt",
      `/${encodeURIComponent(join(dir, "secret.txt"))}`,
    ]) {
      const res = await app.request(path);
      const body = await res.text();
      assert.ok(!body.includes("top secret"), `${path} served a file outside the folder`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("URL fetching", () => {
  test("addresses: private, loopback, link-local, multicast, unspecified and reserved refused, v4 and v6", () => {
    const refused = [
      "0.0.0.0",
      "10.1.2.3",
      "100.64.0.1",
      "127.0.0.1",
      "127.255.255.254",
      "169.254.169.254",
      "172.16.0.1",
      "172.31.255.255",
      "192.0.0.8",
      "192.0.2.1",
      "192.168.1.1",
      "198.18.0.1",
      "224.0.0.1",
      "239.255.255.250",
      "255.255.255.255",
      "::",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::127.0.0.1",
      "64:ff9b::a00:1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::",
      "2002:c0a8:101::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "febf::1",
      "fec0::1",
      "ff02::1",
      "ff05::1:3",
      "2001:db8::1",
      "2001::1",
      "100::1",
      "::2",
      "not-an-ip",
    ];
    for (const ip of refused) assert.ok(addressProblem(ip), `${ip} should be refused`);
    const allowed = [
      "8.8.8.8",
      "1.1.1.1",
      "93.184.216.34",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::1111",
      "2a00:1450::1",
    ];
    for (const ip of allowed) assert.equal(addressProblem(ip), undefined, ip);
    assert.equal(addressProblem("::ffff:8.8.8.8"), undefined);
    assert.equal(addressProblem("64:ff9b::808:808"), undefined, "NAT64 of a public address");
    assert.match(addressProblem("::ffff:127.0.0.1") ?? "", /IPv4-mapped 127\.0\.0\.1: loopback/);
    // the test-only switch opens loopback and nothing else
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) assert.equal(addressProblem(ip, true), undefined, ip);
    for (const ip of ["10.0.0.1", "169.254.169.254", "::ffff:192.168.0.1", "fe80::1", "0.0.0.0"]) {
      assert.ok(addressProblem(ip, true), ip);
    }
  });

  let server: Server;
  let base = "";
  const hits: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://x");
      const to = url.searchParams.get("to");
      if (url.pathname === "/redirect" && to) {
        res.writeHead(302, { Location: to });
        return res.end();
      }
      if (url.pathname === "/loop") {
        res.writeHead(301, { Location: "/loop" });
        return res.end();
      }
      if (url.pathname === "/big") {
        res.writeHead(200, url.searchParams.has("chunked") ? {} : { "Content-Length": String(2 << 20) });
        res.write(Buffer.alloc(1 << 20, 0x61)); // without Content-Length: chunked, counted while reading
        return res.end(Buffer.alloc(1 << 20, 0x61));
      }
      if (url.pathname === "/slow") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.write("start");
        return; // never ends
      }
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Rebels shelled Homs on Monday.");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const ok = { allowLoopbackForTests: true, timeoutMs: 3000 };
  const refusal = async (url: string, pattern: RegExp, opts: Parameters<typeof fetchUrl>[1] = ok) => {
    await assert.rejects(fetchUrl(url, opts), (e: unknown) => {
      assert.ok(e instanceof FetchError, String(e));
      assert.match(e.message, pattern);
      return true;
    });
  };

  test("loopback only with the test switch; other schemes and credentials refused", async () => {
    const got = await fetchUrl(`${base}/doc`, ok);
    assert.equal(got.body.toString(), "Rebels shelled Homs on Monday.");
    assert.equal(got.contentType, "text/plain; charset=utf-8");
    await refusal(`${base}/doc`, /127\.0\.0\.1 is loopback/, {});
    await refusal(`http://localhost:${new URL(base).port}/doc`, /refused localhost: .* is loopback/, {});
    await refusal("file:///etc/passwd", /only http and https/);
    await refusal("ftp://127.0.0.1/x", /only http and https/);
    await refusal(`http://user:pw@127.0.0.1:${new URL(base).port}/doc`, /credentials/);
    await refusal("http://169.254.169.254/latest/meta-data/", /link-local/);
    await refusal("http://[::ffff:169.254.169.254]/", /IPv4-mapped/);
    await refusal("http://0x7f000001/", /loopback/, {}); // the URL parser normalises odd IPv4 forms first
    await refusal("http://2130706433/", /loopback/, {});
    await refusal("http://[::]/", /unspecified/);
  });

  test("every redirect hop is checked before connecting", async () => {
    const before = hits.length;
    for (const [target, why] of [
      ["http://10.0.0.1/admin", /10\.0\.0\.1 is private/],
      ["http://169.254.169.254/latest/meta-data/", /link-local/],
      ["http://[fd00::1]/", /unique local/],
      ["http://[::ffff:192.168.0.1]/", /IPv4-mapped/],
      ["file:///etc/passwd", /only http and https/],
      ["gopher://127.0.0.1:70/", /only http and https/],
    ] as const) {
      await refusal(`${base}/redirect?to=${encodeURIComponent(target)}`, why);
    }
    assert.equal(hits.length - before, 6, "only the first hop of each reached the (loopback) server");
    const followed = await fetchUrl(`${base}/redirect?to=${encodeURIComponent("/doc")}`, ok);
    assert.equal(followed.url, `${base}/doc`);
    await refusal(`${base}/loop`, /too many redirects/);
  });

  test("the resolved address is pinned: one lookup per hop, and the connection goes where it said", async () => {
    const port = new URL(base).port;
    const answers = [[{ address: "127.0.0.1", family: 4 }], [{ address: "10.0.0.1", family: 4 }]];
    let lookups = 0;
    const resolve = async (host: string) => {
      assert.equal(host, "news.example");
      return answers[Math.min(lookups++, 1)];
    };
    const got = await fetchUrl(`http://news.example:${port}/doc`, { ...ok, resolve });
    assert.equal(got.body.toString(), "Rebels shelled Homs on Monday.");
    assert.equal(lookups, 1, "no second lookup that could rebind");
    await refusal(`http://news.example:${port}/doc`, /10\.0\.0\.1 is private/, { ...ok, resolve });
    const mixed = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    await refusal("http://mixed.example/", /127\.0\.0\.1 is loopback/, { resolve: mixed });
  });

  test("size and time are capped", async () => {
    await refusal(`${base}/big`, /too large \(2097152 bytes, limit 1048576\)/, { ...ok, maxBytes: 1 << 20 });
    await refusal(`${base}/big?chunked`, /too large \(over 1048576 bytes\)/, { ...ok, maxBytes: 1 << 20 });
    const t0 = Date.now();
    await refusal(`${base}/slow`, /timed out after 300 ms/, { ...ok, timeoutMs: 300 });
    assert.ok(Date.now() - t0 < 2000);
  });
});
