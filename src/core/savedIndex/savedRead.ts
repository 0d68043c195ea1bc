import type { MiaRecord } from '../model';
import type { SourceStats } from '../investigation/types';

/**
 * Everything reading one source produced on its own (the first source of an investigation: no id
 * known before it), which is what a saved index holds. Loading it into an investigation that
 * already knows some ids re-applies the de-duplication (`applyKnownIds`).
 */
export interface SavedRead {
  /** Statistics of the complete read (never `partial`). */
  stats: SourceStats;
  /** Distinct records in file order; `provenance.sourceIndex` is set on load. */
  records: MiaRecord[];
  /** Ids of other operations seen in the source (each once). */
  otherIds: string[];
}
