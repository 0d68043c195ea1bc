import type { CellReader } from './csvScanner';
import type { AuditCellPicker } from './types';

/**
 * The AuditData cell picked while the scanner looks for its end (see `CellReader`): the picker's
 * answer is kept for `buildRow`, which then does not read the cell again. A cell the picker left to
 * the full parse is not tried again either (the picker reads the same bytes the same way), except
 * when its closing quote was the buffer's last byte, where the cell picker cannot answer.
 */
export class AuditCell implements CellReader {
  /** Content start of the cell tried last (-1: none since `clear`). */
  triedAt = -1;
  /** The picker's answer for that cell (undefined: the full parse decides). */
  picked: Record<string, unknown> | undefined;

  constructor(
    readonly index: number,
    private readonly pick: AuditCellPicker,
  ) {}

  clear(): void {
    this.triedAt = -1;
    this.picked = undefined;
  }

  find(buf: Buffer, start: number, limit: number): number {
    const answer = this.pick(buf, start, limit);
    this.triedAt = start;
    this.picked = answer?.canonical;
    return answer === undefined ? -1 : answer.close;
  }
}
