import type { ByteWindow } from './byteWindow';
import { findUnit, LF, type UnitWidth } from './units';

/**
 * Answers "where is the next line feed at or after this offset?" over a ByteWindow, remembering the
 * last answer. Scanners ask it once per string; without the memory, a file with few line breaks
 * (compact JSON on one line) would be searched to the window's end for every string: quadratic.
 */
export class LineFeedFinder {
  /** No line feed lies in [clearFrom, clearTo); `at` is the line feed at `clearTo`, or -1 if unknown. */
  private clearFrom = 0;
  private clearTo = 0;
  private at = -1;

  constructor(
    private readonly win: ByteWindow,
    private readonly w: UnitWidth,
  ) {}

  /** File offset of the first line feed at or after `offset` in the window, or -1 if none there. */
  next(offset: number): number {
    let from = offset;
    if (offset >= this.clearFrom && offset <= this.clearTo) {
      if (this.at >= 0) return this.at;
      from = this.clearTo;
    } else {
      this.clearFrom = offset;
    }
    const base = this.win.base;
    const end = this.win.end;
    const hit = from < end ? findUnit(this.win.bytes, LF, Math.max(0, from - base), this.w) : -1;
    this.clearTo = hit >= 0 ? base + hit : end;
    this.at = hit >= 0 ? base + hit : -1;
    return this.at;
  }
}
