// Resolution of given spans (`resolveSpans`, behind `sitrep eval geo --gold-spans`): spans the recogniser found
// keep its reading, spans it missed or rejected still get one, and bad spans get null.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolveSpans } from "../src/annotate/place-spans.ts";
import { placesOf } from "../src/annotate/places.ts";
import { findShared } from "../src/eval/geo/corpora.ts";
import { sitrepCli } from "./helpers.ts";

const span = (text: string, name: string, from = 0) => {
  const start = text.indexOf(name, from);
  assert.ok(start >= 0, `"${name}" not in the text`);
  return { start, end: start + name.length };
};

describe("resolveSpans", () => {
  test("spans the recogniser also finds get its readings", () => {
    const text = "Government forces shelled Palmyra and the countryside of Homs, a source in Latakia said.";
    const names = ["Palmyra", "Homs", "Latakia"];
    const got = resolveSpans(
      text,
      names.map((n) => span(text, n)),
    );
    const own = placesOf(text);
    names.forEach((n, i) => {
      const p = own.find((m) => m.text === n);
      assert.equal(got[i]?.place?.country, "SY", n);
      assert.deepEqual(got[i]?.place, p?.place, n);
    });
  });

  test("a span the recogniser rejects still gets a place, read in the text's context", () => {
    // "Jordan" right after a given name reads as a person to the recogniser; marked as a place, it is one
    const text = "Fighting spread from Daraa to the border after Michael Jordan crossed into Syria.";
    assert.ok(!placesOf(text).some((m) => m.text === "Jordan"));
    const [jordan] = resolveSpans(text, [span(text, "Jordan")]);
    assert.equal(jordan?.place?.country, "JO");
  });

  test("a demonym span reads as its country; unknown names and bad spans get null", () => {
    const text = "French troops left Xqzvbrt on Monday.";
    const [french, unknown, outside, empty] = resolveSpans(text, [
      span(text, "French"),
      span(text, "Xqzvbrt"),
      { start: 30, end: 400 },
      { start: 5, end: 5 },
    ]);
    assert.equal(french?.place?.country, "FR");
    assert.equal(french?.place?.feature, "PCLI");
    assert.equal(unknown, null);
    assert.equal(outside, null);
    assert.equal(empty, null);
  });

  test("a span inside a longer recognised name is answered on its own, in the answers' order", () => {
    const text = "Rebels attacked Aleppo, then moved on to Idlib province.";
    const [idlib, aleppo] = resolveSpans(text, [span(text, "Idlib"), span(text, "Aleppo")]);
    assert.equal(idlib?.text, "Idlib");
    assert.equal(idlib?.place?.country, "SY");
    assert.equal(aleppo?.text, "Aleppo");
    assert.equal(aleppo?.place?.country, "SY");
  });
});

describe("sitrep eval geo --gold-spans --corrections", () => {
  test("scores resolution alone on every gold toponym, with the corrected gold", (t) => {
    const shared = findShared();
    if (!shared) return t.skip("../shared not found (gold corpora are read from ../shared/eval/geo)");
    const r = sitrepCli("eval", "geo", "--gold-spans", "--corrections", "--corpora", "geovirus", "--limit", "20");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /GeoVirus .* gold-spans/);
    assert.match(r.stdout, /coordinates corrected \(Kulkarni et al\. 2020\)/);
    const row = r.stdout.split("\n").find((l) => /^sitrep\s+–/.test(l));
    assert.ok(row, r.stdout);
    const [acc, , , , n] = row.split(/\s+/).filter((c) => /^[\d.,]+$/.test(c));
    assert.ok(Number(acc) > 0.5, row); // resolution alone on the first 20 articles: well above chance
    const unanswered = /no point for (\d+) of ([\d,]+) gold toponyms/.exec(r.stdout);
    assert.ok(unanswered, r.stdout);
    assert.equal(unanswered[2], n);
  });
});
