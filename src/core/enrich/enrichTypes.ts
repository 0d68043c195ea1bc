/**
 * Shared shapes of the enrichment (issue 7): message metadata joined from other exports, labels for
 * applications and IP addresses. The metadata reader, the labeller, the reports, the tree and the
 * editor all meet here, so each can be built and tested on its own.
 */

/** Which kind of file a metadata source was recognised as. */
export type MetadataFormat =
  'purview-results' | 'ediscovery-premium' | 'message-trace' | 'message-trace-report' | 'graph-messages';

/** Where one metadata value came from: the metadata file (by index) and its 1-based line. */
export interface MetadataOrigin {
  sourceIndex: number;
  line: number;
}

/** What is known about one message from the metadata sources, joined on the normalised id. */
export interface MessageMetadata {
  /** Normalised InternetMessageId (trimmed, one pair of `<>` stripped, lower-case: `messageKey`). */
  key: string;
  /** The id as the first metadata source wrote it. */
  internetMessageId: string;
  subject?: string;
  sender?: string;
  recipients?: string[];
  /** Sent time, UTC epoch milliseconds. */
  sentMs?: number;
  /** Received (or created) time, UTC epoch milliseconds. */
  receivedMs?: number;
  hasAttachments?: boolean;
  sizeBytes?: number;
  /** Mailbox or location the item was found in, as written. */
  location?: string;
  /** Folder path or original path of the item, as written. */
  folderPath?: string;
  /** Every row that contributed (a message trace has several rows per message). */
  origins: MetadataOrigin[];
}

/** One metadata file as read: listed in the report's evidence section like the exports. */
export interface MetadataSourceStats {
  path: string;
  sha256: string;
  format: MetadataFormat;
  /** `utf-8`, `utf-16le`, … as detected. */
  encoding: string;
  sizeBytes: number;
  rows: number;
  /** Distinct message ids this source contributed. */
  messages: number;
  rejected: { line: number; reason: string }[];
}

/** Read-only lookup over every metadata source added to an investigation. */
export interface MessageMetadataIndex {
  readonly sources: readonly MetadataSourceStats[];
  /** Number of distinct message keys known. */
  readonly size: number;
  /** Metadata of a normalised message key, if any source named it. */
  get(key: string): MessageMetadata | undefined;
  /**
   * Every message known, in any order (added for the report: counting the known items of a synced
   * folder needs them all). Optional: without it those counts are reported as unknown.
   */
  values?(): Iterable<MessageMetadata>;
}

/** Who an application id belongs to, from the shipped offline tables. */
export interface AppLabel {
  appId: string;
  /** Display name when known. */
  name?: string;
  /** `microsoft`: a Microsoft first-party app; `third-party`: a known non-Microsoft app; `unknown`: in no table. */
  publisher: 'microsoft' | 'third-party' | 'unknown';
  /** Known mail client, or an app known to be abused in mailbox compromises. */
  kind?: 'mail-client' | 'abused' | 'service';
  /** Worth an analyst's look: unknown third-party apps and known-abused apps. */
  flagged: boolean;
  /** Short reason or attribution shown with the label. */
  note?: string;
}

/** What an IP address is, from shipped ranges and offline databases. Never a network lookup. */
export interface IpLabel {
  /** The address as normalised by the engine. */
  ip: string;
  /**
   * `microsoft-internal`: Microsoft's internal space (e.g. 2603:1000::/24), never geolocated;
   * `microsoft-service`: a published Microsoft 365 / Exchange Online range; `private`: RFC 1918,
   * loopback, link-local…; `public`: anything else; `invalid`: not an IP address.
   */
  kind: 'microsoft-internal' | 'microsoft-service' | 'private' | 'public' | 'invalid';
  /** Service area or range name for Microsoft ranges. */
  service?: string;
  asn?: number;
  asOrganization?: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  /**
   * `microsoft`: a `public` address in Microsoft's own network (AS8075, e.g. Azure), which is not
   * a published Microsoft 365 service range. Added in session 3; absent otherwise.
   */
  owner?: 'microsoft';
}

/** Labels apps and IPs; both methods are cheap after the first call for a value. */
export interface Labeller {
  /**
   * Labels the app behind a record. When `appId` is Microsoft Graph the calling app is
   * `clientAppId`, so that one is labelled.
   */
  app(appId: string | undefined, clientAppId?: string): AppLabel | undefined;
  ip(ip: string | undefined): IpLabel | undefined;
}

/** Optional enrichment handed to scoping and reports. */
export interface Enrichment {
  metadata?: MessageMetadataIndex;
  labels?: Labeller;
}
