// Published figures for comparison (as collected in ../shared/eval/README.md; zero-shot unless said).
// F1 on LGL: Gritta, Pilehvar, Limsopatham & Collier 2018, "What's missing in geographical parsing?", LRE 52.
// Acc@161 and AUC on LGL and GeoVirus: Gritta, Pilehvar & Collier 2018, "Which Melbourne? Augmenting geocoding
// with maps", ACL 2018 (GeoVirus and CamCoder). Mordecai 3: Halterman 2023, arXiv:2303.13675.
// They were measured with the authors' own matching (and, for Acc@161/AUC, on the toponyms every compared system
// recognised), so they are a reference, not the same measurement as ours.

import type { CorpusName } from "./corpora.ts";

export interface PublishedFigure {
  /** Key shared with BaselineSpec.published. */
  key: string;
  system: string;
  corpus: CorpusName;
  f1?: number;
  acc161?: number;
  auc?: number;
  source: string;
  note?: string;
}

const LRE = "Gritta et al. 2018, LRE";
const ACL = "Gritta et al. 2018, ACL";

export const PUBLISHED: PublishedFigure[] = [
  { key: "population", system: "population heuristic", corpus: "lgl", acc161: 0.7, auc: 0.27, source: ACL },
  { key: "clavin", system: "CLAVIN", corpus: "lgl", f1: 0.57, acc161: 0.71, auc: 0.26, source: `${LRE}; ${ACL}` },
  {
    key: "edinburgh",
    system: "Edinburgh Geoparser",
    corpus: "lgl",
    f1: 0.62,
    acc161: 0.76,
    auc: 0.25,
    source: `${LRE}; ${ACL}`,
  },
  { key: "geotxt", system: "GeoTxt", corpus: "lgl", f1: 0.68, acc161: 0.68, auc: 0.29, source: `${LRE}; ${ACL}` },
  {
    key: "topocluster",
    system: "Topocluster",
    corpus: "lgl",
    f1: 0.71,
    acc161: 0.63,
    auc: 0.38,
    source: `${LRE}; ${ACL}`,
  },
  { key: "camcoder", system: "CamCoder (neural)", corpus: "lgl", acc161: 0.76, auc: 0.22, source: ACL },
  {
    key: "mordecai3",
    system: "Mordecai 3 (neural)",
    corpus: "lgl",
    acc161: 0.83,
    source: "Halterman 2023",
    note: "trained on parts of these corpora",
  },
  { key: "population", system: "population heuristic", corpus: "geovirus", acc161: 0.8, source: ACL },
  { key: "clavin", system: "CLAVIN", corpus: "geovirus", acc161: 0.79, source: ACL },
  { key: "edinburgh", system: "Edinburgh Geoparser", corpus: "geovirus", acc161: 0.78, source: ACL },
  { key: "geotxt", system: "GeoTxt", corpus: "geovirus", acc161: 0.79, source: ACL },
  { key: "camcoder", system: "CamCoder (neural)", corpus: "geovirus", acc161: 0.82, source: ACL },
];

/** The published figures for one corpus. */
export function publishedFor(corpus: CorpusName): PublishedFigure[] {
  return PUBLISHED.filter((p) => p.corpus === corpus);
}
