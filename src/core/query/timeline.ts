import type { MiaRecord } from '../model';
import type { TimelineData } from '../../protocol/messages';

const hourMs = 3_600_000;
/**
 * Sync marks sent at most. Beyond that none are sent: the chart draws marks only when it has one
 * for every Sync record (a partial set would suggest Sync stopped where the marks stop), and the
 * Sync series still shows the volume. A capped list would be 275 KB per reply drawn by no one.
 */
export const syncMarkCap = 5_000;

/** A throttle window as the timeline shades it. */
export interface TimelineWindow {
  mailbox: string;
  startMs: number;
  endMs: number;
  basis: string[];
}

/** Records per hour (Bind and Sync apart) of the given records, with windows and Sync marks. */
export function buildTimeline(
  records: readonly MiaRecord[],
  indices: ArrayLike<number>,
  windows: readonly TimelineWindow[],
): TimelineData {
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < indices.length; p++) {
    const t = records[indices[p]].timeMs;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity)
    return { startMs: 0, bucketMs: hourMs, bind: [], sync: [], throttled: [...windows], syncMarks: [] };
  const startMs = Math.floor(min / hourMs) * hourMs;
  const buckets = Math.floor((max - startMs) / hourMs) + 1;
  const bind = new Array<number>(buckets).fill(0);
  const sync = new Array<number>(buckets).fill(0);
  const syncMarks: TimelineData['syncMarks'] = [];
  for (let p = 0; p < indices.length; p++) {
    const record = records[indices[p]];
    const b = Math.floor((record.timeMs - startMs) / hourMs);
    if (record.accessType === 'Sync') {
      sync[b]++;
      if (syncMarks.length < syncMarkCap) {
        syncMarks.push({ timeMs: record.timeMs, record: indices[p], folder: record.folders[0]?.path ?? '' });
      }
    } else {
      bind[b]++;
    }
  }
  let syncs = 0;
  for (const n of sync) syncs += n;
  if (syncs > syncMarkCap) syncMarks.length = 0;
  return { startMs, bucketMs: hourMs, bind, sync, throttled: [...windows], syncMarks };
}
