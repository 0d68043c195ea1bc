import * as fs from 'node:fs';

/** Bytes of a page, and pages kept (1 MiB): a lookup reads a few dozen, mostly the same ones. */
const PAGE_BYTES = 4096;
const MAX_PAGES = 256;

/**
 * A file read where it is searched, in pages kept in a small cache: the IP tables (an 11 MB range
 * table, a 7.8 MB MMDB search tree) are searched in place on disk instead of held whole, since a
 * report labels a few hundred addresses. The file stays open until `release`.
 */
export class PagedFile {
  private fd: number | undefined;
  private readonly pages = new Map<number, Buffer>();

  constructor(
    readonly path: string,
    readonly size: number,
  ) {}

  /** `length` bytes from `offset` (fewer past the end of the file). */
  read(offset: number, length: number): Buffer {
    const end = Math.min(offset + length, this.size);
    const first = Math.floor(offset / PAGE_BYTES);
    if (end <= (first + 1) * PAGE_BYTES) {
      const at = offset - first * PAGE_BYTES;
      return this.page(first).subarray(at, at + Math.max(0, end - offset));
    }
    const out = Buffer.alloc(Math.max(0, end - offset));
    for (let p = offset; p < end;) {
      const n = Math.floor(p / PAGE_BYTES);
      const at = p - n * PAGE_BYTES;
      const part = this.page(n).subarray(at, Math.min(PAGE_BYTES, end - n * PAGE_BYTES));
      part.copy(out, p - offset);
      p += part.length;
    }
    return out;
  }

  /** Closes the file and drops the pages (a later `read` opens it again). */
  release(): void {
    this.pages.clear();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private page(n: number): Buffer {
    let page = this.pages.get(n);
    if (page !== undefined) {
      // Most recently used last: the first in the map is the one dropped.
      this.pages.delete(n);
      this.pages.set(n, page);
      return page;
    }
    this.fd ??= fs.openSync(this.path, 'r');
    page = Buffer.alloc(PAGE_BYTES);
    fs.readSync(this.fd, page, 0, PAGE_BYTES, n * PAGE_BYTES);
    if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
    this.pages.set(n, page);
    return page;
  }
}
