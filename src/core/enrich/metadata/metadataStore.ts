import { fileByteSource, type ByteSource } from '../../byteSource';
import { messageIdKey } from '../../normalise/matchKeys';
import type { MessageMetadataIndex } from '../enrichTypes';
import { unionRecipients, type MessageMetadataRecord } from './metadataCollector';
import { MetadataFileError } from './metadataErrors';
import { readMetadataSource, type MetadataReadOptions, type MetadataSourceInfo } from './readMetadataSource';

const SCALARS = [
  'subject',
  'sender',
  'sentMs',
  'receivedMs',
  'hasAttachments',
  'sizeBytes',
  'location',
  'folderPath',
  'documentId',
] as const;

/**
 * Every metadata source added to an investigation, joined on the normalised InternetMessageId
 * (`messageIdKey`, exactly as the engine matches audit records). Sources are merged in the order
 * they were added: for each field the first non-empty value wins (earlier source, then earlier
 * line), recipients are the union of all, and every contributing row is kept in `origins`. A file
 * whose bytes were already added (same SHA-256) is not added twice.
 */
export class MetadataStore implements MessageMetadataIndex {
  private readonly list: MetadataSourceInfo[] = [];
  private readonly byKey = new Map<string, MessageMetadataRecord>();

  constructor(private readonly options: MetadataReadOptions = {}) {}

  get sources(): readonly MetadataSourceInfo[] {
    return this.list;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Metadata of a normalised key (`messageIdKey`). */
  get(key: string): MessageMetadataRecord | undefined {
    return this.byKey.get(key);
  }

  /** Metadata of an InternetMessageId as any export writes it (normalised here). */
  lookup(internetMessageId: string): MessageMetadataRecord | undefined {
    return this.byKey.get(messageIdKey(internetMessageId));
  }

  /** Every message known, in the order first seen. */
  values(): IterableIterator<MessageMetadataRecord> {
    return this.byKey.values();
  }

  /**
   * Reads a metadata file (a path on disk or a byte source) and joins it in. Returns its statistics,
   * or those of the earlier source with the same bytes. Throws MetadataFileError when the file cannot
   * be used; the store is then unchanged.
   */
  async add(file: string | ByteSource, options: MetadataReadOptions = {}): Promise<MetadataSourceInfo> {
    const source = typeof file === 'string' ? fileByteSource(file) : file;
    let read;
    try {
      read = await readMetadataSource(source, this.list.length, { ...this.options, ...options });
    } catch (err) {
      if (err instanceof MetadataFileError || (err as Error).name === 'AbortError') throw err;
      throw new MetadataFileError(source.path, `cannot be read: ${(err as Error).message}`);
    } finally {
      await source.close().catch(() => undefined);
    }
    const same = this.list.find((s) => s.sha256 === read.stats.sha256);
    if (same) return same;
    this.list.push(read.stats);
    for (const [key, meta] of read.messages) {
      const have = this.byKey.get(key);
      if (!have) this.byKey.set(key, meta);
      else merge(have, meta);
    }
    return read.stats;
  }
}

function merge(into: MessageMetadataRecord, from: MessageMetadataRecord): void {
  for (const f of SCALARS) {
    if (into[f] === undefined && from[f] !== undefined)
      (into as unknown as Record<string, unknown>)[f] = from[f];
  }
  if (from.recipients) into.recipients = unionRecipients(into.recipients, from.recipients);
  into.origins.push(...from.origins);
}
