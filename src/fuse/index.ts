// Public API of the fusion stage: cross-document event clusters and per-place control timelines.
export { DEFAULT_FUSE_OPTIONS, emptyFusionState, fusedEvents, fuseEvents } from "./cluster.ts";
export { fuseUpdate, restoreFusionState, restoreInto } from "./persist.ts";
export { claimIsAbout, controlTimeline, whoHeld } from "./timeline.ts";
export type {
  ClaimRef,
  Contradiction,
  DocMeta,
  FuseCounts,
  FusedDetail,
  FusedEvent,
  FusedRef,
  FuseOptions,
  FusionState,
  FusionStats,
  FusionUpdate,
  ModalityStep,
  PlaceQuery,
  Report,
  StoredMember,
  TimelineEntry,
  WhoHeld,
} from "./types.ts";
