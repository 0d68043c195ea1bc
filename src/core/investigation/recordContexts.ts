import type { AccessType } from '../model';
import { RecordContext } from './compactRecord';
import type { FolderStore } from './folderStore';
import type { GuidColumn } from './guidColumn';
import { ShardedMap } from './shardedCollections';

/**
 * Contexts held under one session (or, for records without one, one mailbox) before another is
 * built without being held: an export whose records of one session all differ (crafted, or an odd
 * client) would otherwise make every lookup compare a long list. A mailbox read from dozens of IPs
 * and clients without session ids still shares; past this, its records cost about what a record
 * with its own fields costs. (A held context that differs usually differs in its first fields
 * compared: a long list costs a few comparisons per entry.)
 */
const MAX_PER_KEY = 64;

/**
 * The shared `RecordContext`s of an investigation, found by the record's session id (else its
 * mailbox key) and then compared field by field: a session's records name one context, or a few
 * (Bind and Sync, a second client).
 */
export class RecordContexts {
  private readonly byKey = new ShardedMap<RecordContext[]>();

  /** `store` and `ids` (optional) hold the folders and ids of the records kept under these contexts. */
  constructor(
    private readonly store?: FolderStore,
    private readonly ids?: GuidColumn,
  ) {}

  /**
   * The context holding these values: a held one, or a new one (held from now on). `share` gives the
   * shared copy of each string of a new context.
   */
  of(
    share: (s: string) => string,
    sourceIndex: number,
    accessType: AccessType,
    mailbox: string,
    mailboxKey: string,
    mailboxGuid: string | undefined,
    actor: string | undefined,
    logonType: number | undefined,
    userType: number | undefined,
    isThrottled: boolean | undefined,
    sessionId: string | undefined,
    ip: string | undefined,
    clientInfo: string | undefined,
    appId: string | undefined,
    clientAppId: string | undefined,
    externalAccess: boolean | undefined,
    organizationId: string | undefined,
    tokenTenantId: string | undefined,
    recordType: number | undefined,
    originatingServer: string | undefined,
  ): RecordContext {
    const key = sessionId ?? mailboxKey;
    const list = this.byKey.get(key);
    if (list !== undefined)
      for (const c of list)
        if (
          c.holds(
            sourceIndex,
            accessType,
            mailbox,
            mailboxKey,
            mailboxGuid,
            actor,
            logonType,
            userType,
            isThrottled,
            sessionId,
            ip,
            clientInfo,
            appId,
            clientAppId,
            externalAccess,
            organizationId,
            tokenTenantId,
            recordType,
            originatingServer,
          )
        )
          return c;
    const opt = (s: string | undefined): string | undefined => (s === undefined ? undefined : share(s));
    const made = new RecordContext(
      sourceIndex,
      accessType,
      share(mailbox),
      share(mailboxKey),
      opt(mailboxGuid),
      opt(actor),
      logonType,
      userType,
      isThrottled,
      opt(sessionId),
      opt(ip),
      opt(clientInfo),
      opt(appId),
      opt(clientAppId),
      externalAccess,
      opt(organizationId),
      opt(tokenTenantId),
      recordType,
      opt(originatingServer),
      this.store,
      this.ids,
    );
    if (list === undefined) this.byKey.set(made.sessionId ?? made.mailboxKey, [made]);
    else if (list.length < MAX_PER_KEY) list.push(made);
    return made;
  }
}
