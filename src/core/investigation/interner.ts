import type { FolderRef, MessageRef, MiaRecord } from '../model';

/**
 * Shares one copy of each repeated string. 300,000 records name a handful of mailboxes, sessions,
 * IPs, clients and folders; without this each record would hold its own copies.
 */
export class Interner {
  private readonly strings = new Map<string, string>();

  /** The shared copy of `s`. */
  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** Like `intern`, passing undefined through. */
  optional(s: string | undefined): string | undefined {
    return s === undefined ? undefined : this.intern(s);
  }

  /** Number of distinct strings held. */
  get size(): number {
    return this.strings.size;
  }

  /**
   * Replaces a record's repeated strings by shared copies, in place. Message ids are rarely repeated
   * often enough to pay for a map entry, so only their key reuses the id's text when it can.
   */
  record<T extends Omit<MiaRecord, 'provenance'>>(r: T): T {
    r.mailbox = this.intern(r.mailbox);
    r.mailboxKey = this.intern(r.mailboxKey);
    if (r.mailboxGuid !== undefined) r.mailboxGuid = this.intern(r.mailboxGuid);
    if (r.actor !== undefined) r.actor = this.intern(r.actor);
    if (r.sessionId !== undefined) r.sessionId = this.intern(r.sessionId);
    if (r.ip !== undefined) r.ip = this.intern(r.ip);
    if (r.clientInfo !== undefined) r.clientInfo = this.intern(r.clientInfo);
    if (r.appId !== undefined) r.appId = this.intern(r.appId);
    if (r.clientAppId !== undefined) r.clientAppId = this.intern(r.clientAppId);
    if (r.organizationId !== undefined) r.organizationId = this.intern(r.organizationId);
    if (r.tokenTenantId !== undefined) r.tokenTenantId = this.intern(r.tokenTenantId);
    if (r.originatingServer !== undefined) r.originatingServer = this.intern(r.originatingServer);
    for (const f of r.folders) this.folder(f);
    return r;
  }

  private folder(f: FolderRef): void {
    f.path = this.intern(f.path);
    f.key = this.intern(f.key);
    if (f.id !== undefined) f.id = this.intern(f.id);
    for (const m of f.items) this.message(m);
  }

  private message(m: MessageRef): void {
    const id = m.internetMessageId;
    if (m.key === id) {
      m.key = id;
      return;
    }
    // Most ids are written `<…>` in lower case already: then the key is the id without its angle
    // brackets, and a slice of the id (a reference into it) costs less than a copy of the text.
    if (m.key.length === id.length - 2 && id.startsWith('<')) {
      const inner = id.slice(1, -1);
      if (inner === m.key) m.key = inner;
    }
  }
}
