// Taxonomy data files: ACLED's 6 event types and 25 sub-types with exact names, the 16 PLOVER types, the mapping.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  acledEventTypes,
  acledForPlover,
  acledSubTypes,
  acledType,
  case2021AcledCodes,
  case2021CodeOf,
  case2021NonAcledCodes,
  disorderTypeOf,
  eventTypeOf,
  isPloverMode,
  normalizeAcledSubType,
  normalizePloverMode,
  normalizePloverType,
  ploverAcledRules,
  ploverForAcled,
  ploverModes,
  ploverTypeInfo,
  ploverTypes,
  subTypeOfCase2021Code,
  subTypesOf,
} from "../src/model/taxonomy.ts";
import { PLOVER_TYPES } from "../src/model/types.ts";

test("ACLED: 6 event types with exact names", () => {
  assert.deepEqual(
    [...acledEventTypes],
    [
      "Battles",
      "Explosions/Remote violence",
      "Violence against civilians",
      "Protests",
      "Riots",
      "Strategic developments",
    ],
  );
});

test("ACLED: 25 sub-types with exact names and their event types", () => {
  assert.equal(acledSubTypes.length, 25);
  assert.equal(new Set(acledSubTypes).size, 25);
  assert.equal(eventTypeOf("Non-state actor overtakes territory"), "Battles");
  assert.equal(eventTypeOf("Shelling/artillery/missile attack"), "Explosions/Remote violence");
  assert.equal(eventTypeOf("Other"), "Strategic developments");
  assert.equal(eventTypeOf("Remote explosive/landmine/IED"), "Explosions/Remote violence");
  assert.equal(eventTypeOf("Abduction/forced disappearance"), "Violence against civilians");
  assert.equal(eventTypeOf("Excessive force against protesters"), "Protests");
  assert.equal(eventTypeOf("Mob violence"), "Riots");
  assert.equal(eventTypeOf("Headquarters or base established"), "Strategic developments");
  assert.equal(eventTypeOf("Looting/property destruction"), "Strategic developments");
  assert.equal(eventTypeOf("Shelling"), null);
  assert.deepEqual(
    acledEventTypes.map((e) => subTypesOf(e).length),
    [3, 6, 3, 3, 2, 8],
  );
});

test("ACLED: disorder types", () => {
  assert.equal(disorderTypeOf("Armed clash"), "Political violence");
  assert.equal(disorderTypeOf("Peaceful protest"), "Demonstrations");
  assert.equal(disorderTypeOf("Excessive force against protesters"), "Political violence; Demonstrations");
  assert.equal(disorderTypeOf("Mob violence"), "Political violence");
  assert.equal(disorderTypeOf("Agreement"), "Strategic developments");
  for (const s of acledSubTypes) assert.ok(disorderTypeOf(s), s);
});

test("ACLED: lookups, AcledType and CASE 2021 codes", () => {
  assert.deepEqual(acledType("Air/drone strike"), {
    event_type: "Explosions/Remote violence",
    sub_event_type: "Air/drone strike",
  });
  assert.equal(normalizeAcledSubType("  air/DRONE   strike "), "Air/drone strike");
  assert.equal(normalizeAcledSubType("ART_MISS_ATTACK"), "Shelling/artillery/missile attack");
  assert.equal(normalizeAcledSubType("DIPLO"), null);
  assert.equal(case2021CodeOf("Non-state actor overtakes territory"), "NON_STATE_ACTOR_OVERTAKES_TER");
  assert.equal(subTypeOfCase2021Code("PROPERTY_DISTRUCT"), "Looting/property destruction");
  assert.equal(case2021AcledCodes.length, 25);
  assert.deepEqual([...case2021NonAcledCodes].sort(), [
    "ATTRIB",
    "DIPLO",
    "MAN_MADE_DISASTER",
    "NATURAL_DISASTER",
    "ORG_CRIME",
  ]);
});

test("PLOVER: 16 types matching PLOVER_TYPES", () => {
  assert.deepEqual([...ploverTypes], [...PLOVER_TYPES]);
  for (const t of PLOVER_TYPES) assert.ok(ploverTypeInfo(t), t);
  assert.equal(ploverTypeInfo("ASSAULT")?.quad, "material conflict");
  assert.equal(ploverTypeInfo("CONSULT")?.quad, "verbal cooperation");
  assert.equal(ploverTypeInfo("AID")?.recipientRequired, true);
});

test("PLOVER: v0.5 names, modes and aliases", () => {
  assert.equal(normalizePloverType("DEMAND"), "REQUEST");
  assert.equal(normalizePloverType("disapprove"), "ACCUSE");
  assert.equal(normalizePloverType("INVESTIGATE"), "ACCUSE");
  assert.equal(normalizePloverType("FIGHT"), "ASSAULT");
  assert.equal(normalizePloverType("DOCUMENT"), null);
  assert.ok(ploverModes("CONSULT").includes("visit"));
  assert.ok(ploverModes("PROTEST").includes("strike-hun"));
  assert.ok(isPloverMode("ASSAULT", "HEAVY-WEAPONS"));
  assert.ok(!isPloverMode("ASSAULT", "visit"));
  assert.equal(normalizePloverMode("riot-spon"), "riot");
  assert.equal(normalizePloverMode("SIEZE"), "seize");
});

test("PLOVER ↔ ACLED default mapping", () => {
  assert.deepEqual(acledForPlover("ASSAULT", "aerial"), {
    event_type: "Explosions/Remote violence",
    sub_event_type: "Air/drone strike",
  });
  assert.equal(acledForPlover("ASSAULT", "heavy-weapons")?.sub_event_type, "Shelling/artillery/missile attack");
  assert.equal(acledForPlover("ASSAULT")?.sub_event_type, "Armed clash");
  assert.equal(acledForPlover("ASSAULT", "no-such-mode")?.sub_event_type, "Armed clash");
  assert.equal(acledForPlover("PROTEST", "riot")?.sub_event_type, "Violent demonstration");
  assert.equal(acledForPlover("COERCE", "arrest")?.sub_event_type, "Arrests");
  assert.equal(acledForPlover("CONSULT"), null);
  for (const t of PLOVER_TYPES)
    assert.ok(
      ploverAcledRules.some((r) => r.type === t && r.mode === undefined),
      t,
    );
  for (const s of acledSubTypes) assert.ok(ploverForAcled(s), s);
  assert.deepEqual(ploverForAcled("Suicide bomb"), { type: "ASSAULT", mode: "suicide-attack" });
  assert.deepEqual(ploverForAcled("Other"), { type: null, mode: null });
});
