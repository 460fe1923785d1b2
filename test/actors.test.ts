import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { actorMatcher, findActors } from "../src/annotate/actors.ts";
import { loadActorDictionary } from "../src/ground/actors.ts";

const find = (text: string) => findActors(text, actorMatcher()).map((a) => [a.text, a.entry.canonical]);

test("nationality + force noun names a state's forces", () => {
  assert.deepEqual(find("Turkish troops shelled the village."), [
    ["Turkish troops", "Military Forces of Turkey (2002-)"],
  ]);
  assert.deepEqual(find("Iraqi special forces moved in."), [
    ["Iraqi special forces", "Military Forces of Iraq (2014-2018)"],
  ]);
});

test("adjectives alone are not actors", () => {
  assert.deepEqual(find("The Russian people and Turkish coffee."), []);
});

test("compound nationalities yield one actor each", () => {
  const found = find("a joint Iraqi-Iranian operation and Russian/Syrian warplanes");
  assert.deepEqual(
    found.map((f) => f[1]),
    ["Military Forces of Russia (2000-)", "Military Forces of Syria (2000-)"],
  );
  const found2 = find("Russian and Syrian jets bombed Idlib.");
  assert.deepEqual(
    found2.map((f) => f[1]),
    ["Military Forces of Russia (2000-)", "Military Forces of Syria (2000-)"],
  );
});

test("aliases: ISIS, Daesh, the Islamic State group, HTS, SDF", () => {
  const canon = (t: string) => find(t).map((f) => f[1]);
  assert.deepEqual(canon("Daesh fighters attacked"), ["Islamic State (Syria)"]);
  assert.deepEqual(canon("the Islamic State group claimed it"), ["Islamic State (Syria)"]);
  assert.deepEqual(canon("Hayat Tahrir al-Sham and the SDF"), [
    "HTS: Hayat Tahrir al Sham",
    "QSD: Syrian Democratic Forces",
  ]);
});

test("a longer alias after an article wins over the alias with the article: 'the Islamic State of Iraq and the Levant'", () => {
  assert.deepEqual(find("clashes between the Islamic State of Iraq and the Levant and the Nusra Front"), [
    ["Islamic State of Iraq and the Levant", "Islamic State (Syria)"],
    ["Nusra Front", "HTS: Hayat Tahrir al Sham"],
  ]);
  assert.deepEqual(find("fighters from the Islamic State in Iraq and Syria (ISIS)"), [
    ["fighters from the Islamic State in Iraq and Syria", "Islamic State (Syria)"],
    ["ISIS", "Islamic State (Syria)"],
  ]);
});

test("acronyms match only in capitals: IS the group, not 'is' the verb", () => {
  assert.deepEqual(find("The town is quiet."), []);
  assert.deepEqual(
    find("IS militants withdrew.").map((f) => f[1]),
    ["Islamic State (Syria)"],
  );
});

test("a unit of an army is one mention: 5th Legion of the Syrian Arab Army", () => {
  const found = findActors("advising the newly formed 5th Legion of the Syrian Arab Army as", actorMatcher());
  assert.equal(found.length, 1);
  assert.equal(found[0].text, "5th Legion of the Syrian Arab Army");
  assert.equal(found[0].entry.label, "5th Legion");
});

test("country names act only when not governed by a preposition", () => {
  assert.deepEqual(
    find("Turkey threatened to intervene.").map((f) => f[1]),
    ["Government of Turkey (2002-)"],
  );
  assert.deepEqual(find("Fighting in Turkey and a visit to Iran."), []);
});

test("users can add their own dictionary file", () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-actors-"));
  const file = join(dir, "mine.json");
  writeFileSync(
    file,
    JSON.stringify({
      actors: [{ id: "x", canonical: "Northern Brigade", aliases: ["Northern Brigade"], inter: 2, kind: "rebel" }],
    }),
  );
  const dict = loadActorDictionary([file]);
  const found = findActors("The Northern Brigade advanced.", actorMatcher(dict));
  assert.equal(found[0]?.entry.canonical, "Northern Brigade");
  writeFileSync(file, JSON.stringify({ actors: [{ id: "y", canonical: "Bad", aliases: [], inter: 12 }] }));
  assert.throws(() => loadActorDictionary([file]), /inter/);
});

test("state forces whose country the phrase does not say; police; activists are civilians", () => {
  assert.deepEqual(find("Government forces and riot police moved in."), [
    ["Government forces", "Military Forces (country not stated)"],
    ["riot police", "Police Forces (country not stated)"],
  ]);
  assert.deepEqual(find("Two activists were detained."), [["activists", "Civilians (activists)"]]);
  assert.deepEqual(find("Vigilantes beat the suspects."), [["Vigilantes", "Rioters (vigilantes)"]]);
});

test("a generic noun followed by whose it is names that actor: 'soldiers from the Russian special forces'", () => {
  assert.deepEqual(find("These soldiers from the Russian special forces will advise them."), [
    ["soldiers from the Russian special forces", "Military Forces of Russia (2000-)"],
  ]);
  assert.deepEqual(
    find("Fighters of the Islamic State withdrew.").map((f) => f[1]),
    ["Islamic State (Syria)"],
  );
});
