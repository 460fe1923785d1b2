// The system under test for `sitrep eval events`: one optional function per suite. A suite whose function is
// missing is reported as "not run". Functions may return a value or a promise.
import type { Classify } from "./case2021.ts";
import type { CodeTriples } from "./petrarch.ts";
import type { CodePlover } from "./plover.ts";

export interface EventSystem {
  /** Column heading in reports ("sitrep", "baseline"). */
  name: string;
  /** One line saying what the system is. */
  description?: string;
  /** CASE 2021: an ACLED sub-type name (exact spelling, any case; a CASE code is accepted too) or null. */
  classify?: Classify;
  /** PETRARCH2 unit tests: (source, target, CAMEO code) triples for a sentence, using the given dictionaries. */
  codeTriples?: CodeTriples;
  /** PLOVER gold records and NGEC headlines: the event type, mode and source/target spans (UTF-16 offsets). */
  codePlover?: CodePlover;
}
