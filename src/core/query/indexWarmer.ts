import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import type { MiaRecord } from '../model';
import { IdleSlices } from '../idleSlices';
import { recordIndexOf } from './recordIndex';

/**
 * Keeps the query index of a growing record list built, in short slices on the event loop (the
 * loader yields between its own slices, so both make progress): the grid's first filter, text
 * search or sort after a large file loaded then only reads typed arrays. `poke` after the list
 * grew; work stops when the index covers the list and resumes on the next `poke`.
 */
export class IndexWarmer extends IdleSlices {
  constructor(
    /** The list the queries run over (read at each slice: it may be replaced). */
    private readonly records: () => readonly MiaRecord[],
    /** The message metadata the queries pass (the subject column is built with it). */
    private readonly metadata: () => MessageMetadataIndex | undefined = () => undefined,
    sliceMs?: number,
  ) {
    super(sliceMs);
  }

  protected work(deadline: number): boolean {
    return recordIndexOf(this.records()).warm(deadline, this.metadata());
  }
}
