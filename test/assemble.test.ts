// End-to-end assembly on sentences written for these tests (not from shared/): roles, places, time,
// modality, source chains, size, fatalities and control claims.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { ControlRecord, EventRecord } from "../src/model/types.ts";

function extract(text: string, published?: string) {
  const { records } = extractDocument(documentFromText(text, { origin: "test", published }));
  return {
    events: records.filter((r): r is EventRecord => r.kind === "event"),
    controls: records.filter((r): r is ControlRecord => r.kind === "control"),
  };
}
const side = (e: EventRecord, n: 1 | 2) => e.actors.filter((a) => a.role.endsWith(String(n))).map((a) => a.canonical);

test("an attack: initiator, ACLED sub-type, place, weekday before publication, source chain", () => {
  const { events } = extract(
    "Turkish troops shelled villages near Afrin on Monday, a local source told Reuters.",
    "2018-02-07",
  );
  const e = events.find((x) => x.trigger.text === "shelled");
  assert.ok(e);
  assert.equal(e.type, "ASSAULT");
  assert.equal(e.modality, "occurred");
  assert.deepEqual(e.acled, {
    event_type: "Explosions/Remote violence",
    sub_event_type: "Shelling/artillery/missile attack",
  });
  assert.deepEqual(side(e, 1), ["Military Forces of Turkey (2002-)"]);
  assert.equal(e.location?.country, "SY");
  assert.equal(e.time.start, "2018-02-05");
  assert.deepEqual(e.source.chain, ["a local source", "Reuters"]);
});

test("passive voice: the by-agent is the initiator", () => {
  const { events } = extract("The town of Saraqib was bombed by Russian jets on Tuesday.", "2018-02-08");
  const e = events.find((x) => x.trigger.text === "bombed");
  assert.ok(e);
  assert.deepEqual(side(e, 1), ["Military Forces of Russia (2000-)"]);
  assert.equal(e.acled?.sub_event_type, "Air/drone strike");
  assert.equal(e.location?.name.includes("Saraq"), true);
});

test("plans and forecasts are never occurred, and have no ACLED type", () => {
  const { events } = extract("The army is preparing to attack Raqqa in the coming days.", "2017-06-01");
  const e = events.find((x) => x.trigger.text === "attack");
  assert.ok(e);
  assert.equal(e.modality, "planned");
  assert.equal(e.acled, null);
  assert.equal(e.time.start, "2017-06-01");
});

test("denials are denied", () => {
  const { events } = extract("Ankara denied that its jets bombed a hospital in Afrin.", "2018-02-07");
  assert.ok(events.length > 0);
  assert.ok(events.every((e) => e.modality === "denied"));
});

test("movement: destination, origin, force size", () => {
  const { events } = extract(
    "About 500 Hezbollah fighters arrived in Qusayr from Baalbek on Sunday, the group's media office said.",
    "2013-05-21",
  );
  const e = events.find((x) => x.type === "MOBILIZE");
  assert.ok(e);
  assert.equal(e.location?.name.includes("Qusayr") || e.location?.name.includes("Qusair"), true);
  assert.match(e.origin?.name ?? "", /Baalbek|Baalbak/);
  assert.equal(e.size?.min, 500);
  assert.equal(e.time.start, "2013-05-19");
});

test("fatalities: the lower bound stated", () => {
  const { events } = extract("Airstrikes killed at least 12 civilians in Douma on Friday.", "2018-02-10");
  const e = events.find((x) => x.type === "ASSAULT");
  assert.ok(e);
  assert.equal(e.fatalities, 12);
});

test("control claims: fell to, under control of, and capture by a state", () => {
  const { controls } = extract(
    "Manbij fell to the SDF in August. Deir ez-Zor remains under the control of ISIS.",
    "2016-09-01",
  );
  const held = controls.map((c) => [c.holder.canonical, c.place.country]);
  assert.deepEqual(held.sort(), [
    ["Islamic State (Syria)", "SY"],
    ["QSD: Syrian Democratic Forces", "SY"],
  ]);
});

test("a planned retake implies the other side holds the place now", () => {
  const { events, controls } = extract("Iraqi forces are preparing to retake Mosul from ISIS.", "2016-10-01");
  const e = events.find((x) => x.trigger.text === "retake");
  assert.ok(e);
  assert.equal(e.modality, "planned");
  assert.deepEqual(side(e, 2), ["Islamic State (Syria)"]);
  assert.ok(controls.some((c) => c.holder.canonical === "Islamic State (Syria)" && c.place.country === "IQ"));
});

test("without a publication date, relative dates stay unresolved", () => {
  const { events } = extract("Rebels attacked a checkpoint in Daraa on Saturday.");
  const e = events.find((x) => x.trigger.text === "attacked");
  assert.ok(e);
  assert.equal(e.time.start, null);
  assert.match(e.time.text ?? "", /Saturday/);
});

// ---------------------------------------------------------------------------------------------
// The event coder's rules (ACLED codebook distinctions, merging, roles), on sentences written for these tests.

const subType = (text: string, word?: string) => {
  const { events } = extract(text, "2020-05-04");
  const e = word ? events.find((x) => x.trigger.text.toLowerCase().startsWith(word)) : events[0];
  assert.ok(e, `no event${word ? ` "${word}"` : ""} in ${JSON.stringify(text)}`);
  return e.acled?.sub_event_type ?? null;
};

test("protests: peaceful, met with intervention, with excessive force, or violent", () => {
  assert.equal(subType("Hundreds of teachers rallied outside the ministry on Monday."), "Peaceful protest");
  assert.equal(
    subType("Police fired tear gas to disperse students protesting outside the parliament."),
    "Protest with intervention",
  );
  assert.equal(
    subType("Security forces shot dead two demonstrators during a protest in the capital."),
    "Excessive force against protesters",
  );
  assert.equal(
    subType("Protesters threw stones at police and set tyres on fire during the demonstration."),
    "Violent demonstration",
  );
  assert.equal(subType("Villagers blocked the highway to protest against the new dam."), "Violent demonstration");
});

test("what a protest is about does not say how it went", () => {
  assert.equal(
    subType("Students marched peacefully on Friday over the police shooting of a teenager."),
    "Peaceful protest",
  );
  assert.equal(subType("Residents rallied following the arrest of a local journalist."), "Peaceful protest");
});

test("arrests of activists away from a protest are arrests", () => {
  assert.equal(subType("Police arrested ten opposition activists at their homes on Sunday."), "Arrests");
});

test("mob violence: a lynching, and civilians fighting each other", () => {
  assert.equal(subType("An angry mob lynched a suspected cattle thief in the market."), "Mob violence");
  assert.equal(subType("Villagers clashed with sticks and machetes over grazing land."), "Mob violence");
});

test("chemical agents and aircraft decide the explosion's sub-type", () => {
  assert.equal(subType("Helicopters dropped barrel bombs filled with chlorine on the town."), "Chemical weapon");
  assert.equal(subType("Warplanes fired missiles at a village near the border."), "Air/drone strike");
  assert.equal(subType("Militants fired mortars at the army base."), "Shelling/artillery/missile attack");
});

test("an attack on a village or a wedding is violence against civilians; on a checkpoint, a clash", () => {
  assert.equal(subType("Gunmen attacked a wedding party in a village on Saturday."), "Attack");
  assert.equal(subType("Gunmen attacked an army checkpoint on Saturday."), "Armed clash");
});

test("territory: regained by state forces, overtaken by others, transferred without a fight", () => {
  assert.equal(
    subType("Government troops recaptured the town after three days of fighting."),
    "Government regains territory",
  );
  assert.equal(
    subType("Rebel fighters captured the town after three days of fighting."),
    "Non-state actor overtakes territory",
  );
  assert.equal(
    subType("Militants took control of the town without any resistance after the garrison pulled out.", "took"),
    "Non-violent transfer of territory",
  );
});

test("one incident told in several words of a sentence is one event, with the most specific sub-type", () => {
  const { events } = extract("Airstrikes killed 12 civilians in Douma on Friday.", "2018-02-10");
  assert.equal(events.length, 1);
  assert.equal(events[0].acled?.sub_event_type, "Air/drone strike");
  assert.equal(events[0].fatalities, 12);
  assert.deepEqual(side(events[0], 2), ["Civilians"]);
});

test("the same strike told again later in the article is one event; another town's strike is another", () => {
  const { events } = extract(
    "Russian jets bombed Saraqib on Monday. The Russian jets bombed Saraqib twice, witnesses said. In Ariha, a car bomb exploded.",
    "2018-02-07",
  );
  const strikes = events.filter((e) => e.acled?.sub_event_type === "Air/drone strike");
  assert.equal(strikes.length, 1);
  assert.equal(strikes[0].evidence.length, 2);
  assert.ok(events.some((e) => e.acled?.sub_event_type === "Remote explosive/landmine/IED"));
});

test("cumulative tolls and how the war began are background, not events", () => {
  const { events } = extract(
    "More than 300,000 people have been killed since the war began in 2011. The conflict started with protests that were crushed.",
    "2017-03-01",
  );
  assert.equal(events.length, 0);
});

test("roles: coordinated verbs share a subject; 'killed in' names the initiator; speakers are not actors", () => {
  const stormed = extract("Rebels stormed the checkpoint and later killed three guards.", "2019-01-01").events;
  assert.ok(stormed.every((e) => side(e, 1).includes("Unidentified Armed Group") || side(e, 1).length > 0));
  const killed = extract("Nine civilians were killed in Russian airstrikes on Idlib.", "2019-01-01").events[0];
  assert.deepEqual(side(killed, 1), ["Military Forces of Russia (2000-)"]);
  const shelled = extract("Activists said government forces shelled the town.", "2019-01-01").events[0];
  assert.deepEqual(side(shelled, 1), ["Military Forces (country not stated)"]);
});

test("roles: a subject is not the object of a preposition; coordinated objects are all targets", () => {
  const retook = extract("In a crackdown on ISIS, Iraqi forces retook the town.", "2019-01-01").events.find(
    (e) => e.acled?.sub_event_type === "Government regains territory",
  );
  assert.ok(retook);
  assert.deepEqual(side(retook, 1), ["Military Forces of Iraq (2014-2018)"]);
  const clash = extract("The SDF clashed with ISIS and HTS near Raqqa.", "2019-01-01").events[0];
  assert.deepEqual(side(clash, 2).sort(), ["HTS: Hayat Tahrir al Sham", "Islamic State (Syria)"]);
});

test("a demonym is a place mention but never an event's location", () => {
  const near = extract("Jets bombed a Syrian hospital near Aleppo on Monday.", "2018-02-07").events;
  const e = near.find((x) => x.trigger.text === "bombed");
  assert.ok(e);
  assert.equal(e.location?.name, "near Aleppo");
  const alone = extract("Jets bombed a Syrian hospital on Monday.", "2018-02-07").events;
  const f = alone.find((x) => x.trigger.text === "bombed");
  assert.ok(f);
  assert.equal(f.location, null);
});

test("a sea that modifies a coast or a city is not the event's location; a sea on its own is", () => {
  const coastal = extract("Security forces arrested two activists in the Mediterranean coastal city of Tartus.").events;
  const e = coastal.find((x) => x.trigger.text === "arrested");
  assert.ok(e);
  assert.equal(e.location?.name, "Tartus");
  const shore = extract(
    "Fighting raged in Latakia province on the Mediterranean coastline where rebels began a surprise offensive against the army.",
  );
  const f = shore.events.find((x) => x.trigger.text === "offensive");
  assert.ok(f);
  assert.equal(f.location?.name, "Latakia province");
  const sea = extract("Houthi forces attacked a cargo ship in the Red Sea on Monday.", "2024-01-15").events;
  const g = sea.find((x) => x.trigger.text === "attacked");
  assert.ok(g);
  assert.equal(g.location?.name, "Red Sea");
  assert.equal(g.location?.precision, 3);
});

test("where people come from is not where the event happened", () => {
  const { events } = extract(
    "Syrian army units killed over 75 Nusra Front militants including foreign mercenaries from Saudi Arabia and Jordan in the Manshiyah district of Daraa, a military source said.",
  );
  const e = events.find((x) => x.trigger.text === "killed");
  assert.ok(e);
  assert.equal(e.location?.name, "Daraa");
  const before = extract(
    "About 40 militants from the North Caucasus were killed in the strike, the ministry said.",
  ).events;
  const f = before.find((x) => x.trigger.text === "killed");
  assert.ok(f);
  assert.equal(f.location, null);
});

test("a container in the possessive is where the next place lies, not the event's location", () => {
  const cases: [string, string][] = [
    ["An explosion at a mosque in Syria's Idlib province on Friday killed at least 20 people.", "Idlib province"],
    ["At least 51 civilians were killed in air raids in Syrias battleground city Aleppo.", "Aleppo"], // no apostrophe
    ["A car bomb exploded in Iraq's northern city of Mosul, killing five.", "Mosul"],
  ];
  for (const [text, where] of cases) {
    const e = extract(text, "2016-08-13").events[0];
    assert.ok(e, text);
    assert.equal(e.location?.name, where, text);
  }
  // a possessive before no place stays the location
  const alone = extract("Rebels shelled Aleppo's eastern districts on Friday.", "2016-08-13").events[0];
  assert.equal(alone?.location?.name, "Aleppo's eastern districts"); // a part of Aleppo (relative place)
});

test("a country's name as a modifier says whose, not where ('a US airstrike', 'the Britain-based monitor')", () => {
  const strike = extract("Dozens were killed in a suspected US airstrike on Monday.", "2017-04-10").events[0];
  assert.ok(strike);
  assert.equal(strike.location, null);
  const backed = extract("Heavy clashes erupted with the US-backed Syrian Democratic Forces near Raqqa.").events[0];
  assert.equal(backed?.location?.name, "near Raqqa");
  const based = extract(
    "At least 12 people were killed when airstrikes hit Douma on Sunday, the Britain-based Syrian Observatory said.",
    "2016-08-14",
  ).events;
  assert.ok(based.length);
  for (const e of based) assert.notEqual(e.location?.country, "GB");
  // after a locative word it is where ("an airstrike in Syria last week"); so is the text's own country
  const inSyria = extract("An airstrike in Syria last week killed ten.", "2017-04-10").events[0];
  assert.equal(inSyria?.location?.name, "Syria");
});

test("the country across a border is not where the event happened", () => {
  const e = extract(
    "At least 24 people were killed on Tuesday in an attack near a refugee camp on the Syrian side of the border with Iraq.",
    "2017-05-02",
  ).events[0];
  assert.ok(e);
  assert.notEqual(e.location?.country, "IQ");
  const f = extract(
    "Warplanes struck a village in Idlib province near the border with Turkey, killing one fighter.",
    "2017-05-02",
  ).events[0];
  assert.equal(f?.location?.name, "Idlib province");
});

test("a state that acts is not where: 'backed by Moscow', 'Moscow denied', 'banned in Russia'", () => {
  // each text opens with a sentence about Syria, as the reports do
  const at = (text: string, trigger: string) => {
    const e = extract(`Syrian troops entered Idlib on Sunday. ${text}`, "2016-10-03").events.find(
      (x) => x.trigger.text === trigger,
    );
    assert.ok(e, trigger);
    return e.location?.name ?? null;
  };
  assert.equal(at("Government forces backed by Moscow shelled rebel positions on Monday.", "shelled"), null);
  assert.equal(at("Moscow denied bombing hospitals on Monday.", "bombing"), null);
  assert.equal(
    at("Troops clashed with the Islamic State (banned in Russia) 15 km east of Palmyra on Monday.", "clashed"),
    "15 km east of Palmyra",
  );
  // the text's own country as subject stays where it is ("Damascus has been the scene of heavy fighting")
  assert.equal(at("Damascus has been the scene of heavy fighting on Monday.", "fighting"), "Damascus");
});

test("a whole country gives way to a place in it that the same clause names", () => {
  const e = extract(
    "A Russian helicopter was shot down near Saraqeb on Monday, killing all five on board in the worst loss since Russia's operations began in Syria.",
    "2016-08-01",
  ).events.find((x) => x.trigger.text === "killing");
  assert.ok(e);
  assert.equal(e.location?.name, "near Saraqeb");
  const alone = extract("Air strikes killed 21 civilians in Syria on Monday.", "2016-08-01").events[0];
  assert.equal(alone?.location?.name, "Syria"); // the country when it is all the clause says
});
