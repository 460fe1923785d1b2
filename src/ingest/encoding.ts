// Turning bytes into text: BOM / UTF-8 / declared charset / windows-1252 decoding, and binary detection.

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Known file signatures, checked at offset 0 (or at `at`). */
const MAGIC: { bytes: number[] | string; at?: number; name: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: "PNG image" },
  { bytes: [0xff, 0xd8, 0xff], name: "JPEG image" },
  { bytes: "GIF8", name: "GIF image" },
  { bytes: "WEBP", at: 8, name: "WebP image" },
  { bytes: "%PDF-", name: "PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: "ZIP archive" },
  { bytes: [0x1f, 0x8b], name: "gzip archive" },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: "xz archive" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: "zstd archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: "7z archive" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: "ELF executable" },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], name: "Mach-O executable" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: "MS Office document" },
  { bytes: "SQLite format 3\0", name: "SQLite database" },
  { bytes: "ftyp", at: 4, name: "MP4 video" },
  { bytes: "ID3", name: "MP3 audio" },
];

function startsWith(buf: Uint8Array, bytes: number[] | string, at = 0): boolean {
  const want = typeof bytes === "string" ? Array.from(bytes, (c) => c.charCodeAt(0)) : bytes;
  if (buf.length < at + want.length) return false;
  return want.every((b, i) => buf[at + i] === b);
}

function hasUtf16Bom(buf: Uint8Array): boolean {
  return startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
}

/**
 * Looks at the first bytes of a file. Returns null for text, or `{ looksLike }` for binary content
 * (`looksLike` names the format when a signature matched).
 */
export function sniffBinary(head: Uint8Array): { looksLike?: string } | null {
  for (const m of MAGIC) if (startsWith(head, m.bytes, m.at)) return { looksLike: m.name };
  if (hasUtf16Bom(head)) return null;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return {};
    // tab, LF, VT, FF, CR and ESC are usual in text; other C0 controls and DEL are not
    if ((b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1b) || b === 0x7f) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? {} : null;
}

/** The charset a document declares in its first KB: `<meta charset>`, http-equiv content, or `<?xml encoding>`. */
export function declaredCharset(head: Uint8Array): string | undefined {
  const ascii = Buffer.from(head.subarray(0, 1024)).toString("latin1");
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(ascii) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(ascii);
  return m?.[1].toLowerCase();
}

// windows-1252 differs from Latin-1 in 0x80-0x9F (curly quotes, dashes, €); Node's decoder treats the label as
// Latin-1, so those are mapped here. 0xFFFD marks the five bytes windows-1252 leaves undefined.
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd,
  0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0xfffd, 0x017e, 0x0178,
];

/** Decodes windows-1252: every byte is one character. */
export function decodeWindows1252(buf: Uint8Array): string {
  let out = "";
  for (let i = 0; i < buf.length; i += 8192) {
    const codes = Array.from(buf.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

function tryDecoder(label: string, buf: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label).decode(buf);
  } catch {
    return undefined; // label unknown to this Node build
  }
}

/**
 * Decodes a file's bytes: a UTF-8 or UTF-16 BOM wins; then valid UTF-8; then the charset the document
 * declares (if any); else windows-1252, which maps every byte to a character.
 */
export function decodeBuffer(buf: Uint8Array, declared?: string): string {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(buf.subarray(3));
  if (startsWith(buf, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  if (startsWith(buf, [0xfe, 0xff])) {
    const body = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    return new TextDecoder("utf-16le").decode(body.swap16());
  }
  try {
    return utf8.decode(buf);
  } catch {
    // not UTF-8: fall through to the declared charset or windows-1252
  }
  if (declared && !/^(utf-?8|windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/.test(declared)) {
    const text = tryDecoder(declared, buf);
    if (text !== undefined) return text;
  }
  return decodeWindows1252(buf);
}
