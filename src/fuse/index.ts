// Public API of the fusion stage: cross-document event clusters and per-place control timelines.
export { DEFAULT_FUSE_OPTIONS, emptyFusionState, fusedEvents, fuseEvents } from "./cluster.ts";
export { claimIsAbout, controlTimeline, whoHeld } from "./timeline.ts";
export type {
  ClaimRef,
  Contradiction,
  DocMeta,
  FusedEvent,
  FuseOptions,
  FusionState,
  FusionStats,
  ModalityStep,
  PlaceQuery,
  Report,
  TimelineEntry,
  WhoHeld,
} from "./types.ts";
