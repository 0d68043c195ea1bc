/**
 * Which reply of the grid's `query` requests to apply, and how to scroll after it. Queries overlap
 * (records load, the person types, the host reveals a record); only the newest reply is applied,
 * and a re-query while records load must not swallow the scroll a restore, reveal or filter
 * change asked for.
 */

/** How the grid scrolls after a query. */
export type ScrollIntent = 'keep' | 'selection' | 'restore' | 'reveal';

/** Numbers the queries and remembers the scroll intent still to apply. */
export class QuerySequencer {
  private seq = 0;
  /** Scroll intent of the newest non-trivial query not applied yet. */
  private pending: ScrollIntent | undefined;

  /**
   * True from a restore until the records have all loaded, the person scrolls or the view changes:
   * a reply while records load may not yet hold the saved first row (the grid would stop short of
   * it, at the end of what has loaded), so the restore is applied again with each re-query.
   */
  private restoring = false;

  /** A query starts: returns its ticket. A 'keep' never replaces an intent waiting to be applied. */
  start(intent: ScrollIntent): number {
    if (intent !== 'keep' || this.pending === undefined) this.pending = intent;
    if (intent !== 'keep') this.restoring = intent === 'restore';
    return ++this.seq;
  }

  /** The person scrolled: a restore still holding gives way. */
  scrolled(): void {
    this.restoring = false;
  }

  /** True while `ticket` is the newest query (an older reply is dropped). */
  isCurrent(ticket: number): boolean {
    return ticket === this.seq;
  }

  /**
   * The newest query's reply arrived: the intent to apply now (the one waiting, else its own; a
   * re-query applies a restore that still holds). `loading`: records are still loading.
   */
  finish(intent: ScrollIntent, loading = false): ScrollIntent {
    let applied = this.pending ?? intent;
    this.pending = undefined;
    if (applied === 'keep' && this.restoring) applied = 'restore';
    if (!loading) this.restoring = false;
    return applied;
  }
}

/** Where the grid scrolls after a reply: a row and how to align it, or nowhere. */
export interface ScrollTarget {
  position: number;
  align: 'top' | 'center';
}

/**
 * The scroll an applied intent asks for: a restore goes back to the saved first row, a reveal to
 * the revealed record (when the filter shows it), a new filter or sort to the selection (else the
 * top); a re-query while loading keeps the scroll.
 */
export function scrollAfterQuery(
  intent: ScrollIntent,
  position: number,
  savedFirstRow: number,
): ScrollTarget | undefined {
  switch (intent) {
    case 'restore':
      return { position: savedFirstRow, align: 'top' };
    case 'reveal':
      return position >= 0 ? { position, align: 'center' } : undefined;
    case 'selection':
      return position >= 0 ? { position, align: 'center' } : { position: 0, align: 'top' };
    case 'keep':
      return undefined;
  }
}
