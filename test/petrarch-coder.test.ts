// sitrep's PETRARCH coder (src/eval/events/petrarch-coder.ts): the grammar rules added in the third pass, on
// sentences and toy dictionaries written here (no shared data needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { codePetrarchTriples } from "../src/eval/events/petrarch-coder.ts";
import { buildPetrarchDictionaries } from "../src/eval/events/petrarch-dict.ts";

const DICTS = buildPetrarchDictionaries({
  actors: [
    "GONDOR [GON]",
    "MORDOR [MOR]",
    "+MINAS-MORGUL",
    "OSGILIATH [OSG]",
    "ROHAN [ROH]",
    "DENMARK [DNK]",
    "+DANISH",
    "WEST_GERMAN [GMWGOV]",
    "ROHAN TELEVISION [ROHTV]",
    "DOL AMROTH [DOL]",
    "",
  ].join("\n"),
  agents: [
    "GOVERNMENT [~GOV]",
    "OFFICIAL [~GOV]",
    "LAWMAKER [~LEG]",
    "MEDIA {} [~MED]",
    "ISLAMIST [~MUS]",
    "PARLIAMENT [~LEG]",
    "WORLD_GOVERNMENT {} [~WGO]",
    "",
  ].join("\n"),
  verbs: [
    "--- ATTACK [190] ---",
    "ATTACK",
    "",
    "--- SHOT [---] ---",
    "SHOT",
    "- *_AND_WOUND [223]",
    "",
    "--- SHOT [223] ---",
    "SHOT",
    "- + WAS * DEAD IN $ [224]",
    "",
    "--- WELCOME [041] ---",
    "WELCOME",
    "",
    "--- RESTORE [064] ---",
    "RESTORE",
    "",
    "--- WARN [160] ---",
    "WARN",
    "- * THEIR ^ ABOUT + [162]",
    "",
    "--- CELEBRATE [181] ---",
    "CELEBRATE",
    "- * FEAST AT ^ ^ + [044]",
    "",
    "--- REGRET [111] ---",
    "REGRET {REGRETTED REGRETS}",
    "- NOTED + * [115]",
    "",
    "--- APPEAL [095] ---",
    "APPEAL",
    "",
  ].join("\n"),
  discards: "",
});

const code = (s: string) =>
  codePetrarchTriples(s, DICTS, { id: null, date: null }).map((t) => `${t.source}>${t.target}:${t.code}`);

test("a verb listed in several blocks uses the patterns and code of all of them", () => {
  assert.deepEqual(code("A Mordor soldier was shot dead in Gondor."), ["GON>MOR:224"]);
  assert.deepEqual(code("A Gondor official was shot by Mordor."), ["MOR>GONGOV:223"]);
});

test("text details: character references, underscores and hyphens in names, adjective commas", () => {
  assert.deepEqual(code("Rohan and Gondor restore full ties with Osgiliath &amp; Mordor."), [
    "ROH>OSG:064",
    "ROH>MOR:064",
    "GON>OSG:064",
    "GON>MOR:064",
  ]);
  assert.deepEqual(code("Rohan warned of Dol_Amroth."), ["ROH>DOL:160"]);
  assert.deepEqual(code("Minas-Morgul attacked Gondor."), ["MOR>GON:190"]);
  assert.deepEqual(code("Rohan is about to restore complete, full diplomatic ties with Gondor."), ["ROH>GON:064"]);
});

test("a present-tense verb the tagger reads as an adjective between a subject and a determiner", () => {
  assert.deepEqual(code("Rohan and Gondor welcome a resumption of ties with Osgiliath."), [
    "ROH>OSG:041",
    "GON>OSG:041",
  ]);
});

test("compound actor codes: aligned redundancy, coordinated adjectives, shared actors", () => {
  // GMWGOV carries GOV but not WGO
  assert.deepEqual(code("West German world government officials attacked Gondor."), ["GMWGOVWGO>GON:190"]);
  assert.deepEqual(code("Rohan's awful and evil government attacked Gondor."), ["ROHGOV>GON:190"]);
  assert.deepEqual(code("Lawmakers and officials in Rohan and Gondor welcomed the move by Osgiliath."), [
    "ROHLEG>OSG:041",
    "GONLEG>OSG:041",
    "ROHGOV>OSG:041",
    "GONGOV>OSG:041",
  ]);
  assert.deepEqual(code("Danish Islamist media and government attacked Gondor."), [
    "DNKMUSMED>GON:190",
    "DNKMUSGOV>GON:190",
  ]);
  // a determiner closes the first phrase
  assert.deepEqual(code("The Danish media and government attacked Gondor."), ["DNKMED>GON:190", "---GOV>GON:190"]);
  // a noun phrase without actor words takes the actor of its of-phrase
  assert.deepEqual(code("Rohan's sheep and goats of Gondor warned of Mordor."), ["ROH>MOR:160", "GON>MOR:160"]);
  // blanks in actor phrases let adjectives and nouns of the noun phrase come between
  assert.deepEqual(code("Gondor appealed for peace on Rohan state-run television."), ["GON>ROHTV:095"]);
});

test("patterns: ^ skips a noun phrase, or only the agent of 'the parliament of X'; a target before the verb", () => {
  assert.deepEqual(code("Rohan warned their populations about Mordor."), ["ROH>MOR:162"]);
  assert.deepEqual(code("Rohan celebrated a feast at Osgiliath with the parliament of Gondor in Mordor."), [
    "ROH>GON:044",
  ]);
  assert.deepEqual(code("The Gondor government noted that Mordor regretted the decision."), ["GONGOV>MOR:115"]);
});

test("clauses that are not the sentence's event: relative clauses, an opening participle", () => {
  assert.deepEqual(code("Gondor attacked Osgiliath after raids in which Rohan officials said Mordor attacked."), [
    "GON>OSG:190",
  ]);
  assert.deepEqual(code("Attacked by Mordor, Gondor restored ties with Rohan."), ["GON>ROH:064"]);
});
