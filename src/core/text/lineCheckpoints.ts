/** Distance between two remembered (offset, line) pairs. */
const SPACING = 256 * 1024;

/**
 * A sparse map from byte offsets to line numbers, filled while rows stream past, so that re-reading
 * one row later (by offset) can recover its line by counting from the nearest checkpoint instead of
 * from the start of a possibly huge file. About four entries per MiB of file.
 */
export class LineCheckpoints {
  private readonly offsets: number[] = [0];
  private readonly lines: number[] = [1];

  /** Remembers that `offset` starts line `line` (ignored when close to the previous checkpoint). */
  note(offset: number, line: number): void {
    const last = this.offsets[this.offsets.length - 1];
    if (offset >= last + SPACING) {
      this.offsets.push(offset);
      this.lines.push(line);
    }
  }

  /** The checkpoint at or before `offset`. */
  nearest(offset: number): { offset: number; line: number } {
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset: this.offsets[lo], line: this.lines[lo] };
  }
}
