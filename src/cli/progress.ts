import * as path from 'node:path';
import type { LoadProgress } from '../core/investigation/types';
import { countText } from '../core/report/countText';

/** Where progress goes (standard error). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Inputs smaller than this finish too fast for progress to help: say nothing. */
export const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;

const MB = 1024 * 1024;

/**
 * Progress of a long read on standard error: a redrawn bar on a terminal (at most 10 times a
 * second), otherwise a line at every further 10 % (logs stay short). Nothing for small inputs.
 */
export class ProgressReporter {
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {}

  update(p: LoadProgress): void {
    if (p.overallTotalBytes < PROGRESS_MIN_BYTES) return;
    const fraction = Math.min(1, p.overallBytesRead / p.overallTotalBytes);
    const pct = Math.floor(fraction * 100);
    const detail = `${(p.overallBytesRead / MB).toFixed(0)}/${(p.overallTotalBytes / MB).toFixed(0)} MB, ${countText(p.records)} records, ${path.basename(p.path)}`;
    if (this.stream.isTTY) {
      const t = this.now();
      if (t - this.lastDraw < 100 && fraction < 1) return;
      this.lastDraw = t;
      const width = 30;
      const full = Math.round(fraction * width);
      const line = `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(pct).padStart(3)}% ${detail}`;
      const max = (this.stream.columns ?? 80) - 1;
      this.stream.write(`\r\x1b[K${line.slice(0, max)}`);
      this.drawn = true;
      return;
    }
    const decile = Math.floor(pct / 10);
    if (decile <= this.lastDecile) return;
    this.lastDecile = decile;
    this.stream.write(`mia: reading ${pct}% (${detail})\n`);
  }

  /** Clears the bar (terminal) before other output. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
