// Context cues for assembly, as data: the "context" section of data/lexicon/triggers.json, each a regular
// expression matched case-insensitively. acled.ts reads sub-type cues; events.ts the background cues.
import { readFileSync } from "node:fs";

const CONTEXT = (
  JSON.parse(readFileSync(new URL("../../data/lexicon/triggers.json", import.meta.url), "utf8")) as {
    context: Record<string, string>;
  }
).context;

function cue(name: string): RegExp {
  const source = CONTEXT[name];
  if (!source) throw new Error(`data/lexicon/triggers.json: context cue "${name}" is missing`);
  return new RegExp(source, "i");
}

export const CUE = {
  protestViolence: cue("protest_violence"),
  protestForce: cue("protest_force"),
  protestIntervention: cue("protest_intervention"),
  chemical: cue("chemical"),
  /** "the shells contained poisonous gas": a later sentence says what the munitions carried. */
  chemicalPayload: cue("chemical_payload"),
  /** Someone takes what was left: a withdrawal that transfers territory rather than a relocation. */
  withdrawalTaker: cue("withdrawal_taker"),
  aircraft: cue("aircraft"),
  civilianTarget: cue("civilian_target"),
  nonViolent: cue("non_violent"),
  stateForces: cue("state_forces"),
  nonState: cue("non_state"),
  /** "…killed since the war began", "…since 2011": a cumulative toll, tested on the words after a trigger. */
  tollAfter: cue("background_toll_after"),
  /** "the war that has killed …", tested on the words before a trigger. */
  tollBefore: cue("background_toll_before"),
  /** "the conflict began with protests …": how the war started, tested on the sentence before a trigger. */
  origin: cue("background_origin"),
};
