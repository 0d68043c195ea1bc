import type { Investigation } from '../../core/investigation/investigation';
import type { MiaRecord } from '../../core/model';

/**
 * The records a session shows: an investigation's committed records, then those of the file being
 * read (which keep their index when the read completes). One array grows while files are read, so
 * a query over it can extend its work; it is replaced (a new array) only when records it holds
 * may be gone (a failed or cancelled read, a new investigation).
 */
export class RecordsView {
  private view: MiaRecord[] = [];
  /** Records the view holds may be gone: the next read starts a new array. */
  private stale = false;

  /** Says the view's records may be gone (a read failed or was cancelled, or was replaced). */
  markStale(): void {
    this.stale = true;
  }

  /** The records of `investigation` readable now, in index order. */
  of(investigation: Investigation): readonly MiaRecord[] {
    const { records, pendingRecords } = investigation;
    const want = records.length + pendingRecords.length;
    let view = this.view;
    if (
      this.stale ||
      view.length > want ||
      (records.length > 0 &&
        view.length >= records.length &&
        view[records.length - 1] !== records[records.length - 1])
    ) {
      view = this.view = [];
      this.stale = false;
    }
    for (let i = view.length; i < records.length; i++) view.push(records[i]);
    for (let i = view.length - records.length; i < pendingRecords.length; i++) view.push(pendingRecords[i]);
    return view;
  }
}
