// The PLOVER export codes events by PLOVER's conventions (a promise is AGREE, an intended or conditional act
// THREATEN, a refused cooperative act REJECT) with the same function `sitrep eval events` scores, while the
// records themselves keep sitrep's own type and modality.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codePloverText } from "../src/eval/events/sitrep-system.ts";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { Document, EventRecord, OutputRecord } from "../src/model/types.ts";
import { check, formatErrors, schemas } from "../src/model/validate.ts";
import { createWriter, formatRecords } from "../src/serve/export/index.ts";
import type { PloverRecord } from "../src/serve/export/plover.ts";
import { ploverEventType } from "../src/serve/export/plover-type.ts";

interface Extracted {
  doc: Document;
  records: OutputRecord[];
  events: EventRecord[];
}

function extract(text: string): Extracted {
  const doc = documentFromText(text, { origin: "test" });
  const { records } = extractDocument(doc);
  return { doc, records, events: records.filter((r): r is EventRecord => r.kind === "event") };
}

/** The PLOVER export of one document, as `sitrep extract` writes it (no document text kept) or as `sitrep events`
 * does (the stored document, with its text). */
function plover(x: Extracted, withText = false): PloverRecord[] {
  const docs = new Map([[x.doc.id, withText ? x.doc : { ...x.doc, text: "" }]]);
  return JSON.parse(formatRecords(x.records, "plover", docs));
}

/** The exported object of the event whose trigger is `word`. */
function coded(out: PloverRecord[], word: string): PloverRecord {
  const p = out.find((o) => o.event_text.some((t) => t.includes(word)));
  assert.ok(p, `no event for "${word}" in ${JSON.stringify(out.map((o) => o.event_text))}`);
  return p;
}

const SENTENCES = [
  "The rebels said they will shell the city unless the army withdraws.",
  "The government said it will release the prisoners unless the rebels resume their attacks.",
  "The rebels said they would not accept the ceasefire.",
  "The army said it is prepared to resume shelling the town.",
  "The government promised to deliver aid to the besieged town.",
  "Government forces shelled the town of Kafr Nabl on Monday.",
];

describe("PLOVER export types", () => {
  test("an attack promised unless the other side yields is THREATEN; the record stays an expected ASSAULT", () => {
    const x = extract(SENTENCES[0]);
    const shell = x.events.find((e) => e.trigger.text === "shell");
    assert.ok(shell);
    assert.equal(shell.type, "ASSAULT");
    assert.equal(shell.modality, "expected");
    const p = coded(plover(x), "shell");
    assert.deepEqual(p.event, ["THREATEN"]);
    assert.equal(p.sitrep_type, "ASSAULT");
    assert.equal(p.quad_code, 3);
    assert.equal(p.mode, "", "the ACLED sub-type's mode describes the act, not the threat of it");
    assert.equal(p.modality, "expected");
  });

  test("a cooperative act promised on a condition is THREATEN, not AGREE", () => {
    const p = coded(plover(extract(SENTENCES[1])), "release");
    assert.deepEqual(p.event, ["THREATEN"]);
    assert.equal(p.sitrep_type, "RETREAT");
  });

  test("a negated cooperative act is REJECT", () => {
    const p = coded(plover(extract(SENTENCES[2])), "accept");
    assert.deepEqual(p.event, ["REJECT"]);
    assert.equal(p.sitrep_type, "AGREE");
  });

  test("an offer of force is THREATEN (it needs the next event of the sentence); the preparation is MOBILIZE", () => {
    const out = plover(extract(SENTENCES[3]));
    assert.deepEqual(coded(out, "prepared").event, ["THREATEN"]);
    assert.deepEqual(coded(out, "shelling").event, ["MOBILIZE"]);
  });

  test("a promise of aid is AGREE; an event that occurred keeps its type and mode", () => {
    assert.deepEqual(coded(plover(extract(SENTENCES[4])), "aid").event, ["AGREE"]);
    const p = coded(plover(extract(SENTENCES[5])), "shelled");
    assert.deepEqual(p.event, ["ASSAULT"]);
    assert.equal(p.sitrep_type, "ASSAULT");
    assert.equal(p.mode, "heavy-weapons");
  });

  test("the export writes the type the eval adapter scores, with or without the document text", () => {
    for (const text of SENTENCES) {
      const x = extract(text);
      const first = x.events.reduce((a, b) => (b.trigger.start < a.trigger.start ? b : a));
      const expected = codePloverText(text)?.type;
      for (const withText of [false, true]) {
        const p = plover(x, withText).find((o) => o.id === first.id);
        assert.deepEqual(p?.event, [expected], `${text} (document text ${withText ? "given" : "absent"})`);
      }
    }
  });

  test("streaming: a document's run of records is coded together, whatever comes before and after", () => {
    const a = extract(SENTENCES[3]);
    const b = extract(SENTENCES[5]);
    const docs = new Map([
      [a.doc.id, a.doc],
      [b.doc.id, b.doc],
    ]);
    const w = createWriter("plover", docs);
    const text = w.header() + [...b.records, ...a.records, ...b.records].map((r) => w.row(r)).join("") + w.footer();
    const out: PloverRecord[] = JSON.parse(text);
    assert.equal(out.length, 2 * b.events.length + a.events.length);
    assert.deepEqual(coded(out, "prepared").event, ["THREATEN"]);
    // Documented fallback: when a query separates the offer from the act it names, the offer stays AGREE.
    const offer = a.records.find((r) => r.kind === "event" && r.trigger.text.includes("prepared"));
    assert.ok(offer);
    const alone: PloverRecord[] = JSON.parse(formatRecords([offer, ...b.records], "plover", docs));
    assert.deepEqual(alone[0].event, ["AGREE"]);
  });

  test("without evidence or text, only the rules that need no words apply", () => {
    const [shell] = extract(SENTENCES[0]).events;
    const bare: EventRecord = { ...shell, evidence: [] };
    assert.equal(ploverEventType(bare), "THREATEN");
    const attempt = extract("Militants attempted to assassinate the governor.").events[0];
    assert.equal(ploverEventType(attempt), "ASSAULT", "an attempt is coded as the act");
    assert.equal(ploverEventType({ ...attempt, evidence: [] }), "THREATEN", "no words: the attempt is not seen");
  });

  test("every exported object is valid against schema/plover.json", () => {
    const registry = schemas();
    const schema = registry.get("plover.json");
    assert.ok(schema, "schema/plover.json");
    for (const text of SENTENCES) {
      for (const p of plover(extract(text), true)) {
        const errors = check(schema, p, "plover.json", registry);
        assert.equal(errors.length, 0, formatErrors(errors));
      }
    }
    const [p] = plover(extract(SENTENCES[5]));
    assert.ok(check(schema, { ...p, event: ["FIGHT"] }, "plover.json", registry).length > 0, "v0.5 names refused");
  });
});
