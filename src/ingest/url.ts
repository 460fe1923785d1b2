// Fetching a document by URL without becoming a proxy into the network sitrep runs in (SSRF): only http(s) to
// public unicast addresses. The host is resolved here, every address it resolves to is checked, and the
// connection is pinned to the checked address (no second lookup that DNS rebinding could answer differently).
// Every redirect hop is checked the same way; size and total time are capped.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

export interface FetchOptions {
  /** Largest body accepted, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Deadline for the whole fetch, redirects included, in ms (default 15 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** For tests only: also allow loopback addresses (127.0.0.0/8, ::1). Nothing else private is ever allowed. */
  allowLoopbackForTests?: boolean;
  /** For tests only: the resolver (default: the system's, every address). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface Fetched {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/** Why a fetch was refused or failed; `message` is meant for users. */
export class FetchError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Addresses

type Range = [prefix: number[], bits: number, why: string];

const V4_BLOCKED: Range[] = [
  [[0, 0, 0, 0], 8, "unspecified (0.0.0.0/8)"],
  [[10, 0, 0, 0], 8, "private (10.0.0.0/8)"],
  [[100, 64, 0, 0], 10, "shared/CGNAT (100.64.0.0/10)"],
  [[127, 0, 0, 0], 8, "loopback (127.0.0.0/8)"],
  [[169, 254, 0, 0], 16, "link-local (169.254.0.0/16)"],
  [[172, 16, 0, 0], 12, "private (172.16.0.0/12)"],
  [[192, 0, 0, 0], 24, "IETF protocol assignments (192.0.0.0/24)"],
  [[192, 0, 2, 0], 24, "documentation (192.0.2.0/24)"],
  [[192, 88, 99, 0], 24, "6to4 relay (192.88.99.0/24)"],
  [[192, 168, 0, 0], 16, "private (192.168.0.0/16)"],
  [[198, 18, 0, 0], 15, "benchmarking (198.18.0.0/15)"],
  [[198, 51, 100, 0], 24, "documentation (198.51.100.0/24)"],
  [[203, 0, 113, 0], 24, "documentation (203.0.113.0/24)"],
  [[224, 0, 0, 0], 4, "multicast (224.0.0.0/4)"],
  [[240, 0, 0, 0], 4, "reserved or broadcast (240.0.0.0/4)"],
];

/** Special ranges inside 2000::/3 (global unicast), as 16-bit groups; everything outside 2000::/3 is refused. */
const V6_BLOCKED: Range[] = [
  [[0x2001, 0x0db8], 32, "documentation (2001:db8::/32)"],
  [[0x2001, 0x0000], 23, "IETF protocol assignments, Teredo (2001::/23)"],
  [[0x3fff, 0x0000], 20, "documentation (3fff::/20)"],
];

function inRange(groups: number[], prefix: number[], bits: number, width: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= width) {
    const mask = bits >= width ? (1 << width) - 1 : ((1 << width) - 1) ^ ((1 << (width - bits)) - 1);
    if ((groups[i] & mask) !== (prefix[i] & mask)) return false;
  }
  return true;
}

/** The 8 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail), or undefined if it is not one. */
export function parseIPv6(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1].split(".").map(Number);
    text = `${text.slice(0, v4.index)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

function v4Problem(ip: string, allowLoopback: boolean): string | undefined {
  const b = ip.split(".").map(Number);
  for (const [prefix, bits, why] of V4_BLOCKED) {
    if (inRange(b, prefix, bits, 8)) return allowLoopback && b[0] === 127 ? undefined : why;
  }
  return undefined;
}

const embeddedV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * Why an address may not be fetched from (loopback, private, link-local, multicast, unspecified, reserved, …),
 * or undefined for a public unicast address. IPv4 inside IPv6 (mapped, compatible, NAT64, 6to4) is judged by
 * the IPv4 address.
 */
export function addressProblem(ip: string, allowLoopback = false): string | undefined {
  const kind = isIP(ip);
  if (kind === 4) return v4Problem(ip, allowLoopback);
  const g = parseIPv6(ip);
  if (kind !== 6 || !g) return "not an IP address";
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8)) return "unspecified (::)";
  if (zeros(7) && g[7] === 1) return allowLoopback ? undefined : "loopback (::1)";
  const inner = (why: string, v4: string) => {
    const p = v4Problem(v4, allowLoopback);
    return p ? `${why} ${v4}: ${p}` : undefined;
  };
  if (zeros(5) && g[5] === 0xffff) return inner("IPv4-mapped", embeddedV4(g[6], g[7]));
  if (zeros(6)) return inner("IPv4-compatible", embeddedV4(g[6], g[7])) ?? "IPv4-compatible (::/96, deprecated)";
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return inner("NAT64", embeddedV4(g[6], g[7]));
  }
  if (g[0] === 0x2002) return inner("6to4", embeddedV4(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return "unique local (fc00::/7)";
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local (fe80::/10)";
  if ((g[0] & 0xffc0) === 0xfec0) return "site-local (fec0::/10)";
  if ((g[0] & 0xff00) === 0xff00) return "multicast (ff00::/8)";
  if ((g[0] & 0xe000) !== 0x2000) return "not global unicast (outside 2000::/3)";
  for (const [prefix, bits, why] of V6_BLOCKED) if (inRange(g, prefix, bits, 16)) return why;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Fetching

const systemResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** The checked address to connect to for `url`, or a FetchError saying why not. */
async function pinnedAddress(url: URL, opts: FetchOptions): Promise<{ address: string; family: number }> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`refused ${url.protocol} URL: only http and https`);
  }
  if (url.username || url.password) throw new FetchError("refused URL with credentials");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowLoopback = opts.allowLoopbackForTests === true;
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolve)(host);
    } catch (e) {
      throw new FetchError(`cannot resolve ${host} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (!addresses.length) throw new FetchError(`cannot resolve ${host} (no address)`);
  }
  for (const a of addresses) {
    const why = addressProblem(a.address, allowLoopback);
    if (why) throw new FetchError(`refused ${host}: ${a.address} is ${why}`);
  }
  return addresses[0];
}

interface Hop {
  status: number;
  location?: string;
  contentType?: string;
  body?: Buffer;
}

/** One request to the pinned address; follows nothing. */
function request(url: URL, to: { address: string; family: number }, maxBytes: number, signal: AbortSignal) {
  return new Promise<Hop>((resolve, reject) => {
    const agent = url.protocol === "https:" ? https : http;
    const req = agent.request(
      url,
      {
        method: "GET",
        signal,
        agent: false, // a fresh connection to the pinned address, never a pooled one
        headers: { "User-Agent": "sitrep", Accept: "*/*", "Accept-Encoding": "identity" },
        // Pinned: whatever Node asks, the answer is the address checked above (TLS still checks the host name).
        lookup: (_host, options, cb) => {
          if ((options as { all?: boolean }).all) (cb as (e: null, a: object[]) => void)(null, [to]);
          else cb(null, to.address, to.family);
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = res.headers["content-type"];
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ status, location: res.headers.location });
        }
        const declared = Number(res.headers["content-length"]);
        if (declared > maxBytes) {
          res.destroy();
          return reject(new FetchError(`response too large (${declared} bytes, limit ${maxBytes})`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new FetchError(`response too large (over ${maxBytes} bytes)`));
          } else chunks.push(c);
        });
        res.on("end", () => resolve({ status, contentType, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * GETs `url` under the rules above and returns the body. Throws FetchError for a refused address or scheme, a
 * redirect to one, too many redirects, a non-2xx status, a body over `maxBytes` or a fetch over `timeoutMs`.
 */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxRedirects = opts.maxRedirects ?? 5;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new FetchError(`not a URL: ${url}`);
    }
    const timedOut = new Promise<never>((_, reject) =>
      controller.signal.addEventListener("abort", () => reject(new FetchError(`timed out after ${timeoutMs} ms`))),
    );
    timedOut.catch(() => {}); // only raced below
    for (let hop = 0; ; hop++) {
      const to = await Promise.race([pinnedAddress(current, opts), timedOut]);
      let res: Hop;
      try {
        res = await request(current, to, maxBytes, controller.signal);
      } catch (e) {
        if (e instanceof FetchError) throw e;
        if (controller.signal.aborted) throw new FetchError(`timed out after ${timeoutMs} ms`);
        throw new FetchError(
          `cannot fetch ${current.href} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
      }
      if (res.location !== undefined) {
        if (hop >= maxRedirects) throw new FetchError(`too many redirects (over ${maxRedirects})`);
        try {
          current = new URL(res.location, current);
        } catch {
          throw new FetchError(`bad redirect location: ${res.location}`);
        }
        continue;
      }
      if (res.status < 200 || res.status > 299) throw new FetchError(`HTTP ${res.status} from ${current.href}`);
      return { url: current.href, status: res.status, contentType: res.contentType, body: res.body ?? Buffer.alloc(0) };
    }
  } finally {
    clearTimeout(timer);
  }
}
