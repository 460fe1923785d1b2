// Fusion as a store runs it: rebuild the state from the memberships it stored (no matching again, so cluster
// ids, members and source groups come back exactly), then fuse newly stored records into it and report what
// changed, for the store to write.
import type { EventRecord } from "../model/types.ts";
import { emptyFusionState, fileRecord, fuseEvents } from "./cluster.ts";
import { recordFeatures } from "./features.ts";
import { addMember, newFused, newSummary } from "./fused.ts";
import type { DocMeta, FuseOptions, FusionState, FusionUpdate, StoredMember } from "./types.ts";

/** The state after adding each stored record to its stored cluster, in the stored (joining) order. */
export function restoreFusionState(
  members: Iterable<StoredMember>,
  docs: Map<string, DocMeta>,
  options?: FuseOptions,
): FusionState {
  return restoreInto(emptyFusionState(options), members, docs);
}

/** `restoreFusionState` in parts: adds the next stored members (in joining order) to `state`, and returns it. */
export function restoreInto(
  state: FusionState,
  members: Iterable<StoredMember>,
  docs: Map<string, DocMeta>,
): FusionState {
  const { summaries, timeNotFolded } = state.internal;
  for (const { record: r, cluster, foldTime } of members) {
    if (state.membership.has(r.id)) continue;
    const f = recordFeatures(r, docs.get(r.doc), state.options, state.internal.texts);
    let ev = state.clusters.get(cluster);
    if (!ev) {
      ev = newFused(cluster, r);
      state.clusters.set(cluster, ev);
      summaries.set(cluster, newSummary(cluster, f));
    }
    state.stats.records++;
    if (!foldTime) timeNotFolded.add(r.id);
    addMember(ev, summaries.get(cluster)!, r, f, state.options, state.stats, foldTime);
    state.membership.set(r.id, cluster);
    fileRecord(state, f, cluster);
  }
  return state;
}

/**
 * Fuses `records` into `state` (in place, see fuseEvents) and returns the new memberships in joining order and
 * the clusters they created or changed. Records already in the state are skipped.
 */
export function fuseUpdate(state: FusionState, records: EventRecord[], docs: Map<string, DocMeta>): FusionUpdate {
  const before = state.membership.size;
  fuseEvents(records, docs, state);
  const members: FusionUpdate["members"] = [];
  let i = 0;
  for (const [record, cluster] of state.membership) {
    if (i++ < before) continue;
    members.push({ record, cluster, foldTime: !state.internal.timeNotFolded.has(record) });
  }
  const changed = new Set(members.map((m) => m.cluster));
  return { members, clusters: [...changed].map((id) => state.clusters.get(id)!) };
}
