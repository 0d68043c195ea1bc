import { grownInt32 } from '../int32Arrays';

/**
 * How contexts used each of many owners (messages, folders): per owner a short list of uses
 * (context id, first and last record, count) held in pooled typed arrays, not one object per use.
 * Records are added in time order, so a list is in order of first use.
 */
export class UseTable {
  private head: Int32Array;
  private tail: Int32Array;
  private ctx: Int32Array;
  private first: Int32Array;
  private last: Int32Array;
  private count: Int32Array;
  private next: Int32Array;
  private size = 0;

  constructor(owners = 16, uses = owners) {
    this.head = new Int32Array(Math.max(owners, 1)).fill(-1);
    this.tail = new Int32Array(this.head.length).fill(-1);
    const n = Math.max(uses, 1);
    this.ctx = new Int32Array(n);
    this.first = new Int32Array(n);
    this.last = new Int32Array(n);
    this.count = new Int32Array(n);
    this.next = new Int32Array(n);
  }

  /** Counts one record (its position `record`, context `context`) for `owner`. */
  add(owner: number, context: number, record: number): void {
    if (owner >= this.head.length) this.growOwners(owner + 1);
    let u = this.tail[owner];
    // Most owners are used in one context, and repeated uses come from the latest one.
    if (u < 0 || this.ctx[u] !== context) {
      for (u = this.head[owner]; u >= 0 && this.ctx[u] !== context; u = this.next[u]);
      if (u < 0) {
        u = this.append(context, record);
        if (this.tail[owner] < 0) this.head[owner] = u;
        else this.next[this.tail[owner]] = u;
        this.tail[owner] = u;
        return;
      }
    }
    this.count[u]++;
    this.last[u] = record;
  }

  /** True when the owner has exactly one use. */
  single(owner: number): boolean {
    const h = this.head[owner];
    return h >= 0 && this.next[h] < 0;
  }

  /** The first use of an owner, or -1; walk on with `nextUse`. */
  firstUse(owner: number): number {
    return owner < this.head.length ? this.head[owner] : -1;
  }

  nextUse(use: number): number {
    return this.next[use];
  }

  contextOf(use: number): number {
    return this.ctx[use];
  }

  firstRecordOf(use: number): number {
    return this.first[use];
  }

  lastRecordOf(use: number): number {
    return this.last[use];
  }

  countOf(use: number): number {
    return this.count[use];
  }

  /**
   * Cuts the arrays to `owners` owners (at least every owner used so far) and the uses made: they
   * grew by doubling, and about a quarter of them was room. A mailbox's table is held until its
   * report is written. Adding afterwards grows them again.
   */
  trim(owners: number): void {
    const m = Math.max(owners, 1);
    this.head = this.head.slice(0, m);
    this.tail = this.tail.slice(0, m);
    const n = Math.max(this.size, 1);
    this.ctx = this.ctx.slice(0, n);
    this.first = this.first.slice(0, n);
    this.last = this.last.slice(0, n);
    this.count = this.count.slice(0, n);
    this.next = this.next.slice(0, n);
  }

  /** Owners and uses the arrays have room for (tests). */
  capacity(): { owners: number; uses: number } {
    return { owners: this.head.length, uses: this.ctx.length };
  }

  private append(context: number, record: number): number {
    if (this.size === this.ctx.length) this.growUses(this.size * 2);
    const u = this.size++;
    this.ctx[u] = context;
    this.first[u] = record;
    this.last[u] = record;
    this.count[u] = 1;
    this.next[u] = -1;
    return u;
  }

  private growOwners(min: number): void {
    const n = Math.max(min, this.head.length * 2);
    this.head = grownInt32(this.head, n, -1);
    this.tail = grownInt32(this.tail, n, -1);
  }

  private growUses(n: number): void {
    this.ctx = grownInt32(this.ctx, n, 0);
    this.first = grownInt32(this.first, n, 0);
    this.last = grownInt32(this.last, n, 0);
    this.count = grownInt32(this.count, n, 0);
    this.next = grownInt32(this.next, n, 0);
  }
}
