import type { MiaRecord } from '../model';

/**
 * The ids of a reopened source's records, as a Set that is filled on first use: the investigation
 * only asks it when another source is added (to de-duplicate), so a reopen does not read 300,000
 * ids out of the index and hash them before the records can be shown.
 */
export class DeferredIdSet extends Set<string> {
  private pending: readonly MiaRecord[] | undefined;

  constructor(records: readonly MiaRecord[]) {
    super();
    this.pending = records;
  }

  private fill(): void {
    const records = this.pending;
    if (records !== undefined) {
      this.pending = undefined;
      for (const r of records) super.add(r.id);
    }
  }

  override has(id: string): boolean {
    this.fill();
    return super.has(id);
  }
  override add(id: string): this {
    this.fill();
    return super.add(id);
  }
  override delete(id: string): boolean {
    this.fill();
    return super.delete(id);
  }
  override clear(): void {
    this.pending = undefined;
    super.clear();
  }
  override get size(): number {
    this.fill();
    return super.size;
  }
  override forEach(fn: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }
  override entries(): SetIterator<[string, string]> {
    this.fill();
    return super.entries();
  }
  override keys(): SetIterator<string> {
    this.fill();
    return super.keys();
  }
  override values(): SetIterator<string> {
    this.fill();
    return super.values();
  }
  override [Symbol.iterator](): SetIterator<string> {
    this.fill();
    return super[Symbol.iterator]();
  }
}
