/**
 * A cache of fixed-size pages of rows pulled from the host by position. Only pages near what the
 * grid shows are kept, so memory stays flat however far the user scrolls. A reset after a new
 * query bumps a generation: replies to older requests are dropped, so a page of the previous view
 * never lands in the new one. No DOM here.
 */

/** Fetches `count` rows starting at `start` (the host's `rows` request). */
export type PageFetcher<T> = (start: number, count: number) => Promise<T[]>;

/** Tuning of the cache. */
export interface PageCacheOptions {
  /** Rows per page. */
  pageSize: number;
  /** Pages kept; the ones farthest from the last requested window are dropped first. */
  maxPages: number;
  /** Pages fetched ahead of and behind the requested window. */
  prefetchPages: number;
}

/** Defaults: 200-row pages, up to 30 of them (6,000 rows) in memory. */
export const defaultPageCacheOptions: PageCacheOptions = { pageSize: 200, maxPages: 30, prefetchPages: 1 };

interface Page<T> {
  rows: T[];
  /** Rows of the previous view, shown until the fresh page arrives (no flicker while loading). */
  stale: boolean;
}

/** Page cache over a positional row source. */
export class PageCache<T> {
  private readonly pages = new Map<number, Page<T>>();
  private readonly pending = new Set<number>();
  private generation = 0;
  private length = 0;
  private lastWindow = { first: 0, last: 0 };

  /**
   * @param fetcher pulls rows from the host
   * @param onChange called when a page arrives (the grid re-renders)
   * @param onError called when a fetch fails (the page is retried on the next `ensure`)
   */
  constructor(
    private readonly fetcher: PageFetcher<T>,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly options: PageCacheOptions = defaultPageCacheOptions,
  ) {}

  /** Number of rows in the current view. */
  get rowCount(): number {
    return this.length;
  }

  /** Page numbers held (for tests and diagnostics). */
  get heldPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /**
   * Starts a new view of `rowCount` rows. With `keepStale` the old pages stay visible (marked
   * stale) until refetched: used when the same query is re-run while records load.
   */
  reset(rowCount: number, keepStale = false): void {
    this.generation++;
    this.pending.clear();
    this.length = Math.max(0, Math.floor(rowCount));
    if (!keepStale) {
      this.pages.clear();
      return;
    }
    const lastPage = this.length === 0 ? -1 : Math.floor((this.length - 1) / this.options.pageSize);
    for (const [n, page] of this.pages) {
      if (n > lastPage) this.pages.delete(n);
      else page.stale = true;
    }
  }

  /** The row at a position, or undefined when its page is not loaded yet. */
  get(position: number): T | undefined {
    if (position < 0 || position >= this.length) return undefined;
    const page = this.pages.get(Math.floor(position / this.options.pageSize));
    return page?.rows[position % this.options.pageSize];
  }

  /** Position of the first cached row matching `predicate`, or -1 (only loaded pages are searched). */
  findPosition(predicate: (row: T) => boolean): number {
    for (const n of this.heldPages) {
      const page = this.pages.get(n)!;
      if (page.stale) continue;
      const i = page.rows.findIndex(predicate);
      if (i >= 0) return n * this.options.pageSize + i;
    }
    return -1;
  }

  /** Makes sure the rows [first, last] (inclusive) are loaded or being loaded; drops far pages. */
  ensure(first: number, last: number): void {
    if (this.length === 0) return;
    const size = this.options.pageSize;
    const lastPage = Math.floor((this.length - 1) / size);
    const from = Math.max(0, Math.floor(Math.max(0, first) / size) - this.options.prefetchPages);
    const to = Math.min(lastPage, Math.floor(Math.max(0, last) / size) + this.options.prefetchPages);
    this.lastWindow = { first: from, last: to };
    // Visible pages first, then the prefetch margin, so the rows on screen arrive soonest.
    const wanted: number[] = [];
    for (let n = Math.floor(Math.max(0, first) / size); n <= Math.min(lastPage, Math.floor(last / size)); n++)
      wanted.push(n);
    for (let n = from; n <= to; n++) if (!wanted.includes(n)) wanted.push(n);
    for (const n of wanted) {
      const page = this.pages.get(n);
      if ((page === undefined || page.stale) && !this.pending.has(n)) this.load(n);
    }
    this.evict();
  }

  private load(n: number): void {
    const generation = this.generation;
    const size = this.options.pageSize;
    const start = n * size;
    const count = Math.min(size, this.length - start);
    this.pending.add(n);
    this.fetcher(start, count).then(
      (rows) => {
        if (generation !== this.generation) return;
        this.pending.delete(n);
        this.pages.set(n, { rows, stale: false });
        this.evict();
        this.onChange();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.pending.delete(n);
        this.onError(error);
      },
    );
  }

  /** Keeps at most `maxPages`, dropping the pages farthest from the last requested window. */
  private evict(): void {
    const excess = this.pages.size - this.options.maxPages;
    if (excess <= 0) return;
    const { first, last } = this.lastWindow;
    const distance = (n: number) => (n < first ? first - n : n > last ? n - last : 0);
    const far = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const n of far.slice(0, excess)) this.pages.delete(n);
  }
}
