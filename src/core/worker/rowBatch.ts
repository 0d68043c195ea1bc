import type { NormaliseResult, RecordValues } from '../normalise/normaliseAudit';
import {
  ACCESS,
  ACTOR,
  APP,
  CLIENT,
  CLIENT_APP,
  COUNT,
  EXTERNAL,
  EXTERNAL_TRUE,
  FOLDER_ID,
  GUID,
  IP,
  ITEM_SIZE,
  ITEM_SUBJECT,
  KEY_INNER,
  LOGON,
  MAX_SHARED,
  NONE,
  ORG,
  RECORD_TYPE,
  SERVER,
  SESSION,
  TENANT,
  THROTTLED,
  THROTTLED_TRUE,
  USER_TYPE,
  type RowRecord,
} from './rowBatchFormat';

/**
 * A batch of rows as a worker posts it: numbers in one transferable Float64Array and strings in
 * tables. Cloning a list of record objects cost the workers about a sixth of their time (every
 * object's keys are written out again for each record) and the host as much to rebuild them; this
 * form is copied almost as raw memory, and a `RowBatchReader` (rowBatchReader.ts) rebuilds exactly the
 * records (same values, same key order) with object literals.
 *
 * Strings that repeat across records (mailboxes, sessions, IPs, apps, folders, subjects) go into a
 * table that lives as long as the writer (one range of a file): each is sent once, in the first
 * batch that uses it, and later batches refer to it by number. The host thus receives, and interns,
 * each repeated string once per range instead of once per batch or per record.
 */
export interface RowBatch {
  /** The numbers of every row in order (see `RowBatchWriter`); its buffer is transferred. */
  nums: Float64Array;
  /** Strings of this batch alone, referred to by index `k >= 0` from `nums`. */
  strings: string[];
  /**
   * Repeated strings first used in this batch, appended to the writer's table (referred to as
   * `-2 - index` from `nums`).
   */
  shared: string[];
  /** The writer's table was emptied before this batch (its `shared` start at index 0 again). */
  reset: boolean;
}

/** Builds a `RowBatch` row by row in a worker. */
export class RowBatchWriter {
  protected nums = new Float64Array(16384);
  protected n = 0;
  private strings: string[] = [];
  /** The table of repeated strings: index by string, and those not sent yet. */
  private readonly index = new Map<string, number>();
  private fresh: string[] = [];
  private reset = false;
  /** Rows written since the last `take`. */
  rows = 0;

  /** `maxShared`: repeated strings kept before the table starts afresh (tests shrink it). */
  constructor(private readonly maxShared = MAX_SHARED) {}

  protected num(v: number): void {
    if (this.n === this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.n++] = v;
  }

  /**
   * A string that repeats across records (mailboxes, apps, folders): sent once per table. Found by
   * the `Map` alone: a small table of recent strings probed by a few characters in front of it (a
   * gain on Node 20 when added, neutral there since) made the report about 3 % slower on Node 24.
   */
  protected shared(s: string): void {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
      this.fresh.push(s);
    }
    this.num(-2 - i);
  }

  /** A string that is nearly always new (ids, message ids): not looked up. */
  protected unique(s: string): void {
    this.num(this.strings.length);
    this.strings.push(s);
  }

  private optional(s: string | null | undefined): void {
    if (s === null || s === undefined) this.num(NONE);
    else this.unique(s);
  }

  /** Adds one normalised row (what `normaliseAudit` made of it). */
  result(line: number, offset: number, length: number, r: NormaliseResult): void {
    if (r.kind === 'mia') {
      this.head(0, line, offset, length);
      this.record(r.record);
    } else if (r.kind === 'other') {
      this.head(1, line, offset, length);
      this.optional(r.id);
      this.num(r.timeMs === undefined ? NaN : r.timeMs);
      this.num(r.timeMs === undefined ? 0 : 1);
    } else {
      this.head(2, line, offset, length);
      this.unique(r.reason);
      this.optional(r.operation);
    }
  }

  /** Adds a row the container reader could not read. */
  rejected(line: number, offset: number, length: number, reason: string): void {
    this.head(3, line, offset, length);
    this.unique(reason);
  }

  protected head(kind: number, line: number, offset: number, length: number): void {
    this.rows++;
    this.num(kind);
    this.num(line);
    this.num(offset);
    this.num(length);
  }

  private record(r: RowRecord): void {
    this.values(r);
    this.num(r.folders.length);
    for (const f of r.folders) {
      this.num((f.id !== undefined ? FOLDER_ID : 0) | 0);
      this.shared(f.path);
      this.shared(f.key);
      if (f.id !== undefined) this.shared(f.id);
      this.num(f.items.length);
      for (const m of f.items) {
        this.num(
          (m.sizeInBytes !== undefined ? ITEM_SIZE : 0) | (m.subject !== undefined ? ITEM_SUBJECT : 0),
        );
        this.unique(m.internetMessageId);
        this.messageKey(m.internetMessageId, m.key);
        if (m.sizeInBytes !== undefined) this.num(m.sizeInBytes);
        if (m.subject !== undefined) this.shared(m.subject);
      }
    }
  }

  /** A record's values but its folders (which follow them in the batch). */
  protected values(r: RecordValues): void {
    let mask = 0;
    if (r.mailboxGuid !== undefined) mask |= GUID;
    if (r.actor !== undefined) mask |= ACTOR;
    if (r.logonType !== undefined) mask |= LOGON;
    if (r.userType !== undefined) mask |= USER_TYPE;
    if (r.isThrottled !== undefined) mask |= r.isThrottled ? THROTTLED | THROTTLED_TRUE : THROTTLED;
    if (r.sessionId !== undefined) mask |= SESSION;
    if (r.ip !== undefined) mask |= IP;
    if (r.clientInfo !== undefined) mask |= CLIENT;
    if (r.appId !== undefined) mask |= APP;
    if (r.clientAppId !== undefined) mask |= CLIENT_APP;
    if (r.operationCount !== undefined) mask |= COUNT;
    if (r.externalAccess !== undefined) mask |= r.externalAccess ? EXTERNAL | EXTERNAL_TRUE : EXTERNAL;
    if (r.organizationId !== undefined) mask |= ORG;
    if (r.tokenTenantId !== undefined) mask |= TENANT;
    if (r.recordType !== undefined) mask |= RECORD_TYPE;
    if (r.originatingServer !== undefined) mask |= SERVER;
    this.num(mask);
    this.unique(r.id);
    this.num(r.timeMs);
    this.shared(r.mailbox);
    this.shared(r.mailboxKey);
    this.num(ACCESS.indexOf(r.accessType));
    if (r.mailboxGuid !== undefined) this.shared(r.mailboxGuid);
    if (r.actor !== undefined) this.shared(r.actor);
    if (r.logonType !== undefined) this.num(r.logonType);
    if (r.userType !== undefined) this.num(r.userType);
    if (r.sessionId !== undefined) this.shared(r.sessionId);
    if (r.ip !== undefined) this.shared(r.ip);
    if (r.clientInfo !== undefined) this.shared(r.clientInfo);
    if (r.appId !== undefined) this.shared(r.appId);
    if (r.clientAppId !== undefined) this.shared(r.clientAppId);
    if (r.operationCount !== undefined) this.num(r.operationCount);
    if (r.organizationId !== undefined) this.shared(r.organizationId);
    if (r.tokenTenantId !== undefined) this.shared(r.tokenTenantId);
    if (r.recordType !== undefined) this.num(r.recordType);
    if (r.originatingServer !== undefined) this.shared(r.originatingServer);
  }

  /** A message's key, after its id: how the reader makes it from the id, or the key itself. */
  protected messageKey(id: string, key: string): void {
    if (key === id) this.num(NONE);
    // The usual key, `<Id@host>` without its brackets: the reader cuts it from the id.
    else if (key.length === id.length - 2 && id.charCodeAt(0) === 0x3c && id.startsWith(key, 1))
      this.num(KEY_INNER);
    else this.unique(key);
  }

  /** The batch so far (its numbers' buffer to be transferred) and a fresh start. */
  take(): RowBatch {
    const batch: RowBatch = {
      nums: this.nums.slice(0, this.n),
      strings: this.strings,
      shared: this.fresh,
      reset: this.reset,
    };
    this.n = 0;
    this.rows = 0;
    this.strings = [];
    this.fresh = [];
    this.reset = this.index.size >= this.maxShared;
    if (this.reset) this.index.clear();
    return batch;
  }
}
