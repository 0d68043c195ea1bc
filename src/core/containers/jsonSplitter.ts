import type { ByteWindow } from '../text/byteWindow';
import { LineFeedFinder } from '../text/lineFeedFinder';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  CR,
  findUnit,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  TAB,
  unitAt,
  type UnitWidth,
} from '../text/units';
import { isValueKey, scanString, scanValue, type ValueScan } from './jsonScan';

/** One element found by the splitter: its byte range, its first line, or why it is broken. */
export interface JsonSpan {
  /** File offsets of the element's first unit and just past its last. */
  start: number;
  end: number;
  line: number;
  /** Set when the bytes are not a readable element; `end` is then where reading resumed. */
  error?: string;
  /** The element is a top-level value (not inside an array or a Graph page). */
  topLevel: boolean;
}

const ARRAY = 1;
const PAGE = 2;

/**
 * Splits a JSON export into its elements while streaming: the items of a top-level array (or of
 * several arrays one after the other), the items of Graph `{ "value": [...] }` pages and Event Hubs
 * `{ "records": [...] }` batches (other page members such as `@odata.nextLink` are skipped), and
 * top-level objects (one pretty-printed object,
 * or several concatenated). Each element's bytes are parsed separately by the caller, so a broken
 * element costs that element only; when an element was cut short, reading resumes at the next line
 * that opens an object at the broken element's indentation.
 */
export class JsonSplitter {
  private readonly frames: number[] = [];
  private pos: number;
  /** File offset of the current line's start while only blanks were seen on it, else -1. */
  private lineStart: number;
  private pageKeyIsValue = false;
  private pageAfterColon = false;
  /** True once a Graph `{ "value": [...] }` page was entered. */
  sawPage = false;
  private readonly lineFeeds: LineFeedFinder;

  constructor(
    private readonly win: ByteWindow,
    start: number,
    private readonly w: UnitWidth,
    private readonly maxElementBytes: number,
  ) {
    this.pos = start;
    this.lineStart = start;
    this.lineFeeds = new LineFeedFinder(win, w);
  }

  /** The next element, or undefined at the end of the input (or when the read was aborted). */
  async next(): Promise<JsonSpan | undefined> {
    const w = this.w;
    for (;;) {
      if (this.win.aborted) return undefined;
      if (this.pos >= this.win.end) {
        if (!(await this.win.fill(this.pos))) return undefined;
        continue;
      }
      const c = unitAt(this.win.bytes, this.pos - this.win.base, w);
      if (c === LF) {
        this.pos += w;
        this.lineStart = this.pos;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) {
        this.pos += w;
        continue;
      }
      const inPage = this.frames[this.frames.length - 1] === PAGE;
      if (inPage) {
        const span = await this.pageToken(c);
        if (span) return span;
        continue;
      }
      if (c === OPEN_BRACE) {
        const span = await this.element();
        if (span) return span;
        continue;
      }
      this.lineStart = -1;
      if (c === OPEN_BRACKET) {
        this.frames.push(ARRAY);
        this.pos += w;
      } else if (c === CLOSE_BRACKET || c === COMMA) {
        // A stray `]` at the top level (after a resynchronisation) is dropped like a separator.
        if (c === CLOSE_BRACKET && this.frames.length > 0) this.frames.pop();
        this.pos += w;
      } else {
        return this.garbage();
      }
    }
  }

  /** An object at array/top level: an element, or a Graph page whose items follow. */
  private async element(): Promise<JsonSpan | undefined> {
    const w = this.w;
    const start = this.pos;
    const indent = this.lineStart >= 0 ? (start - this.lineStart) / w : -1;
    for (;;) {
      const base = this.win.base;
      const nextLf = (i: number) => {
        const at = this.lineFeeds.next(base + i);
        return at < 0 ? -1 : at - base;
      };
      const scan: ValueScan = scanValue(this.win.bytes, start - base, this.win.eof, w, true, indent, nextLf);
      if (scan.kind === 'more') {
        if (this.win.end - start > this.maxElementBytes) {
          const line = this.win.lineAt(start);
          const reason = `the element is longer than ${this.maxElementBytes} bytes without closing`;
          return this.brokenSpan(start, line, reason, this.win.end, undefined, indent);
        }
        if (!(await this.win.fill(start)) && this.win.aborted) return undefined;
        continue;
      }
      this.lineStart = -1;
      if (scan.kind === 'page') {
        this.frames.push(PAGE, ARRAY);
        this.sawPage = true;
        this.pos = base + scan.arrayAt + w;
        return undefined;
      }
      const line = this.win.lineAt(start);
      if (scan.kind === 'element') {
        this.pos = base + scan.end;
        return { start, end: this.pos, line, topLevel: this.frames.length === 0 };
      }
      const resumeAt = scan.resumeAt === undefined ? undefined : base + scan.resumeAt;
      return this.brokenSpan(start, line, scan.reason, base + scan.searchFrom, resumeAt, indent);
    }
  }

  /** Reports a broken element and moves to where the next element starts. */
  private async brokenSpan(
    start: number,
    line: number,
    reason: string,
    searchFrom: number,
    resumeAt: number | undefined,
    indent: number,
  ): Promise<JsonSpan | undefined> {
    const topLevel = this.frames.length === 0;
    const end = resumeAt ?? (await this.resync(searchFrom, indent));
    if (end === undefined) return undefined;
    this.pos = end;
    if (resumeAt !== undefined) this.lineStart = resumeAt - indent * this.w;
    return { start, end, line, error: `JSON element is broken: ${reason}`, topLevel };
  }

  /**
   * Finds the next line, after the first line break at or after `from`, whose first non-blank unit
   * is `{` at column `indent` (any column when unknown); returns its offset, or the end of the input.
   */
  private async resync(from: number, indent: number): Promise<number | undefined> {
    const w = this.w;
    let q = from;
    let lineHead = -1;
    for (;;) {
      if (q >= this.win.end) {
        if (!(await this.win.fill(q))) return this.win.aborted ? undefined : this.win.end;
        continue;
      }
      const buf = this.win.bytes;
      const base = this.win.base;
      if (lineHead < 0) {
        const hit = findUnit(buf, LF, q - base, w);
        if (hit < 0) q = base + buf.length;
        else lineHead = q = base + hit + w;
        continue;
      }
      const c = unitAt(buf, q - base, w);
      if (c === SPACE || c === TAB || c === CR) q += w;
      else if (c === LF) lineHead = q += w;
      else if (c === OPEN_BRACE && (indent < 0 || (q - lineHead) / w === indent)) {
        this.lineStart = lineHead;
        return q;
      } else lineHead = -1;
    }
  }

  /** A token inside a Graph page object (outside its `value` array): keys and values are skipped. */
  private async pageToken(c: number): Promise<JsonSpan | undefined> {
    const w = this.w;
    this.lineStart = -1;
    if (c === CLOSE_BRACE) {
      this.frames.pop();
      this.pos += w;
      return undefined;
    }
    if (c === COLON) {
      this.pageAfterColon = this.pageKeyIsValue;
      this.pos += w;
      return undefined;
    }
    if (c === OPEN_BRACKET && this.pageAfterColon) {
      this.frames.push(ARRAY);
      this.pageAfterColon = this.pageKeyIsValue = false;
      this.pos += w;
      return undefined;
    }
    if (c === QUOTE) {
      for (;;) {
        const base = this.win.base;
        const close = scanString(this.win.bytes, this.pos - base, w);
        if (close >= 0) {
          this.pageKeyIsValue = isValueKey(this.win.bytes, this.pos - base, close, w);
          this.pageAfterColon = false;
          this.pos = base + close + w;
          return undefined;
        }
        if (this.win.end - this.pos > this.maxElementBytes || !(await this.win.fill(this.pos))) {
          // An endless string in a page header: give up on the page.
          this.frames.pop();
          return this.garbage();
        }
      }
    }
    this.pageKeyIsValue = this.pageAfterColon = false;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // A nested value of the page (not `value`): skip it whole.
      for (;;) {
        const base = this.win.base;
        const scan = scanValue(this.win.bytes, this.pos - base, this.win.eof, w, false, -1);
        if (scan.kind === 'element') {
          this.pos = base + scan.end;
          return undefined;
        }
        if (
          scan.kind !== 'more' ||
          this.win.end - this.pos > this.maxElementBytes ||
          !(await this.win.fill(this.pos))
        ) {
          if (this.win.aborted) return undefined;
          this.frames.pop();
          return this.garbage();
        }
      }
    }
    this.pos += w;
    return undefined;
  }

  /** Text where an object should start: reported as one broken element up to the next `{` or `[`. */
  private async garbage(): Promise<JsonSpan | undefined> {
    const w = this.w;
    const start = this.pos;
    const line = this.win.lineAt(start);
    const topLevel = this.frames.length === 0;
    let q = start + w;
    for (;;) {
      if (q >= this.win.end) {
        if (!(await this.win.fill(q))) {
          if (this.win.aborted) return undefined;
          break;
        }
        continue;
      }
      const buf = this.win.bytes;
      const base = this.win.base;
      let i = q - base;
      while (i < buf.length) {
        const c = unitAt(buf, i, w);
        if (c === OPEN_BRACE || c === OPEN_BRACKET) break;
        i += w;
      }
      q = base + i;
      if (i < buf.length) break;
    }
    this.pos = Math.min(q, this.win.end);
    this.lineStart = -1;
    return {
      start,
      end: this.pos,
      line,
      error: 'text outside any JSON object (not an audit record)',
      topLevel,
    };
  }
}
