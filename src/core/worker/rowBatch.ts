import type { AccessType, FolderRef, MessageRef, MiaRecord } from '../model';
import type { NormaliseResult } from '../normalise/normaliseAudit';
import type { RowItem } from './protocol';

/**
 * A batch of rows as a worker posts it: numbers in one transferable Float64Array and strings in
 * tables. Cloning a list of record objects cost the workers about a sixth of their time (every
 * object's keys are written out again for each record) and the host as much to rebuild them; this
 * form is copied almost as raw memory, and a `RowBatchReader` rebuilds exactly the `RowItem`s (same
 * values, same key order) with object literals.
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

type Record = Omit<MiaRecord, 'provenance'>;

/** Presence bits of a record's optional fields, in the order normalisation sets them. */
const GUID = 1 << 0;
const ACTOR = 1 << 1;
const LOGON = 1 << 2;
const USER_TYPE = 1 << 3;
const THROTTLED = 1 << 4;
const THROTTLED_TRUE = 1 << 5;
const SESSION = 1 << 6;
const IP = 1 << 7;
const CLIENT = 1 << 8;
const APP = 1 << 9;
const CLIENT_APP = 1 << 10;
const COUNT = 1 << 11;
const EXTERNAL = 1 << 12;
const EXTERNAL_TRUE = 1 << 13;
const ORG = 1 << 14;
const TENANT = 1 << 15;
const RECORD_TYPE = 1 << 16;
const SERVER = 1 << 17;

const FOLDER_ID = 1;
const ITEM_SIZE = 1;
const ITEM_SUBJECT = 2;

const ACCESS: readonly AccessType[] = ['Bind', 'Sync', 'Unknown'];

/** No string (null in a `RowItem`). */
const NONE = -1;
/**
 * Repeated strings a writer keeps before starting its table afresh (a file of millions of distinct
 * subjects must not grow it without bound).
 */
const MAX_SHARED = 1 << 16;

/** Builds a `RowBatch` row by row in a worker. */
export class RowBatchWriter {
  private nums = new Float64Array(16384);
  private n = 0;
  private strings: string[] = [];
  /** The table of repeated strings: index by string, and those not sent yet. */
  private readonly index = new Map<string, number>();
  private fresh: string[] = [];
  private reset = false;
  /** Rows written since the last `take`. */
  rows = 0;

  /** `maxShared`: repeated strings kept before the table starts afresh (tests shrink it). */
  constructor(private readonly maxShared = MAX_SHARED) {}

  private num(v: number): void {
    if (this.n === this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.n++] = v;
  }

  /** A string that repeats across records (mailboxes, apps, folders): sent once per table. */
  private shared(s: string): void {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
      this.fresh.push(s);
    }
    this.num(-2 - i);
  }

  /** A string that is nearly always new (ids, message ids): not looked up. */
  private unique(s: string): void {
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

  private head(kind: number, line: number, offset: number, length: number): void {
    this.rows++;
    this.num(kind);
    this.num(line);
    this.num(offset);
    this.num(length);
  }

  private record(r: Record): void {
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
        if (m.key === m.internetMessageId) this.num(NONE);
        else this.unique(m.key);
        if (m.sizeInBytes !== undefined) this.num(m.sizeInBytes);
        if (m.subject !== undefined) this.shared(m.subject);
      }
    }
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

/**
 * Decodes the batches of one `RowBatchWriter`, in the order it wrote them (each batch may refer to
 * repeated strings an earlier one sent).
 */
export class RowBatchReader {
  private table: string[] = [];

  /**
   * `share` is applied once to each repeated string as it arrives (the host's interner), so the
   * records decoded all hold the shared copy.
   */
  constructor(private readonly share: (s: string) => string = (s) => s) {}

  /** The rows of the next batch, exactly as the worker normalised them (see `RowBatch`). */
  read(batch: RowBatch): RowItem[] {
    if (batch.reset) this.table = [];
    for (const s of batch.shared) this.table.push(this.share(s));
    return decode(batch.nums, batch.strings, this.table);
  }
}

function decode(nums: Float64Array, strings: string[], table: string[]): RowItem[] {
  const items: RowItem[] = [];
  let i = 0;
  const str = (): string => {
    const k = nums[i++];
    return k >= 0 ? strings[k] : table[-2 - k];
  };
  const opt = (): string | null => {
    const k = nums[i++];
    return k === NONE ? null : k >= 0 ? strings[k] : table[-2 - k];
  };
  while (i < nums.length) {
    const kind = nums[i];
    const line = nums[i + 1];
    const offset = nums[i + 2];
    const length = nums[i + 3];
    i += 4;
    if (kind === 0) {
      items.push([0, line, offset, length, readRecord()]);
    } else if (kind === 1) {
      const id = opt();
      const time = nums[i];
      const hasTime = nums[i + 1] === 1;
      i += 2;
      items.push([1, line, offset, length, id, hasTime ? time : null]);
    } else if (kind === 2) {
      const reason = str();
      items.push([2, line, offset, length, reason, opt()]);
    } else {
      items.push([3, line, offset, length, str()]);
    }
  }
  return items;

  function readRecord(): Record {
    const mask = nums[i++];
    const id = str();
    const timeMs = nums[i++];
    const mailbox = str();
    const mailboxKey = str();
    const accessType = ACCESS[nums[i++]];
    // Fields are set in the order normalisation sets them, so records look the same either way.
    const r: Record = { id, timeMs, mailbox, mailboxKey, accessType, folders: [] };
    if (mask & GUID) r.mailboxGuid = str();
    if (mask & ACTOR) r.actor = str();
    if (mask & LOGON) r.logonType = nums[i++];
    if (mask & USER_TYPE) r.userType = nums[i++];
    if (mask & THROTTLED) r.isThrottled = (mask & THROTTLED_TRUE) !== 0;
    if (mask & SESSION) r.sessionId = str();
    if (mask & IP) r.ip = str();
    if (mask & CLIENT) r.clientInfo = str();
    if (mask & APP) r.appId = str();
    if (mask & CLIENT_APP) r.clientAppId = str();
    if (mask & COUNT) r.operationCount = nums[i++];
    if (mask & EXTERNAL) r.externalAccess = (mask & EXTERNAL_TRUE) !== 0;
    if (mask & ORG) r.organizationId = str();
    if (mask & TENANT) r.tokenTenantId = str();
    if (mask & RECORD_TYPE) r.recordType = nums[i++];
    if (mask & SERVER) r.originatingServer = str();
    const folderCount = nums[i++];
    for (let f = 0; f < folderCount; f++) {
      const flags = nums[i++];
      const path = str();
      const key = str();
      const items: MessageRef[] = [];
      const folder: FolderRef = { path, key, items };
      if (flags & FOLDER_ID) folder.id = str();
      const itemCount = nums[i++];
      for (let m = 0; m < itemCount; m++) {
        const itemFlags = nums[i++];
        const internetMessageId = str();
        const k = nums[i++];
        const ref: MessageRef = { internetMessageId, key: k === NONE ? internetMessageId : strings[k] };
        if (itemFlags & ITEM_SIZE) ref.sizeInBytes = nums[i++];
        if (itemFlags & ITEM_SUBJECT) ref.subject = str();
        items.push(ref);
      }
      r.folders.push(folder);
    }
    return r;
  }
}
