import type { BoundMessageTable } from '../../../src/core/analysis/messageTable';

/** Every column and folder list of a table, as plain data (its texts are read through functions). */
export function plainTable(t: BoundMessageTable): unknown {
  const folders = Array.from({ length: t.size }, (_, i) => t.folders(i));
  const uses = Array.from({ length: t.size }, (_, i) => {
    const out: number[][] = [];
    for (let u = t.uses.firstUse(i); u >= 0; u = t.uses.nextUse(u))
      out.push([t.uses.contextOf(u), t.uses.firstRecordOf(u), t.uses.lastRecordOf(u), t.uses.countOf(u)]);
    return out;
  });
  const column = <T>(of: (i: number) => T): T[] => Array.from({ length: t.size }, (_, i) => of(i));
  return {
    size: t.size,
    order: [...t.order],
    key: column(t.key),
    internetMessageId: column(t.internetMessageId),
    firstRecord: [...t.firstRecord],
    lastRecord: [...t.lastRecord],
    accessCount: [...t.accessCount],
    sizeInBytes: column(t.sizeInBytes),
    subject: column(t.subject),
    uses,
    folders,
  };
}
