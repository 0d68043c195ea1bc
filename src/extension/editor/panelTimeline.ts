import type { MiaRecord } from '../../core/model';
import type { ThrottleOptions } from '../../core/analysis/throttle';
import { buildTimeline } from '../../core/query/timeline';
import type { TimelineData } from '../../protocol/messages';
import { reuseWhileLoadingMs } from './loadingReuse';
import { TimelineWindows } from './timelineWindows';

/** While loading, a timeline is reused for at least this long (the webview re-queries every 500 ms). */
const minReuseMs = 1_500;

interface Built {
  /** The view's filter (the timeline of another filter is never reused). */
  viewKey: string;
  at: number;
  costMs: number;
  data: TimelineData;
}

/**
 * The timeline of one panel's view. Once the records are loaded it is built for every request;
 * while they stream in (the webview re-queries every 500 ms, and the view grows), the last one is
 * reused for a time that grows with what it cost, so that drawing it takes a bounded share of the
 * extension host's thread while the workers and the merge need it (a 300,000-record load spent
 * several seconds rebuilding timelines and throttle windows).
 */
export class PanelTimeline {
  private built: Built | undefined;
  private readonly windows = new TimelineWindows();

  /** `now`: the clock in ms (tests pass their own). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  build(
    records: readonly MiaRecord[],
    view: ArrayLike<number>,
    viewKey: string,
    options: ThrottleOptions,
    loading: boolean,
  ): TimelineData {
    const started = this.now();
    const last = this.built;
    if (
      loading &&
      last?.viewKey === viewKey &&
      started - last.at < reuseWhileLoadingMs(last.costMs, minReuseMs)
    ) {
      return last.data;
    }
    const shaded = this.windows.forView(records, view, options, loading);
    const data = buildTimeline(records, view, shaded);
    this.built = { viewKey, at: started, costMs: this.now() - started, data };
    return data;
  }
}
