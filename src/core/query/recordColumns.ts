import type { MessageMetadataIndex } from '../enrich/enrichTypes';
import { codedPosition, type CodedRecord } from '../investigation/codedRecord';
import type { FolderStore } from '../investigation/folderStore';
import type { MiaRecord } from '../model';
import type { FacetName, GridColumn } from '../../protocol/messages';

/**
 * Where a loaded or reopened record's folders are written in its `FolderStore` (-1: it keeps them
 * as a list, or they are not written yet: a page of rows does not wait for a reopened index's), so
 * the columns below read them there instead of building its folders and their messages as objects.
 */
const placedAt = codedPosition;

/** The store of a record `placedAt` found placed. */
const storeOf = (record: MiaRecord): FolderStore =>
  (record as unknown as CodedRecord).folderStore() as FolderStore;

/** Number of messages a record lists (Sync records list none). */
export function itemCount(record: MiaRecord): number {
  const at = placedAt(record);
  if (at >= 0) return storeOf(record).messageCountAt(at);
  let n = 0;
  for (const f of record.folders) n += f.items.length;
  return n;
}

/** The app column: `AppId`, and the calling `ClientAppId` when it differs (Graph calls). */
export function appText(record: MiaRecord): string {
  const { appId, clientAppId } = record;
  if (clientAppId && appId && clientAppId !== appId) return `${appId} / ${clientAppId}`;
  return appId ?? clientAppId ?? '';
}

/** `True`/`False` when the record carries the flag, empty when it does not (newer records). */
export function throttledText(record: MiaRecord): string {
  return record.isThrottled === undefined ? '' : record.isThrottled ? 'True' : 'False';
}

/**
 * The subject column: the subject of the first message the record lists (the record's own, else
 * the message metadata's), with `(+N)` when it lists more. Empty for Sync records and unknown subjects.
 */
export function subjectText(record: MiaRecord, metadata?: MessageMetadataIndex): string {
  let first: string | undefined;
  let n = 0;
  const at = placedAt(record);
  if (at >= 0) {
    const store = storeOf(record);
    const code = store.firstMessageCodeAt(at);
    if (code < 0) return '';
    const messages = store.messages;
    first = messages.subjectAt(code) ?? metadata?.get(messages.keyAt(code))?.subject;
    n = store.messageCountAt(at);
  } else {
    for (const f of record.folders) {
      for (const m of f.items) {
        if (n++ === 0) first = m.subject ?? metadata?.get(m.key)?.subject;
      }
    }
  }
  if (first === undefined) return '';
  return n > 1 ? `${first} (+${n - 1})` : first;
}

/** Display text of one grid cell (plain text, rendered as text by the webview). */
export function cellText(
  record: MiaRecord,
  column: Exclude<GridColumn, 'time'>,
  metadata?: MessageMetadataIndex,
): string {
  switch (column) {
    case 'subject':
      return subjectText(record, metadata);
    case 'mailbox':
      return record.mailbox;
    case 'actor':
      return record.actor ?? '';
    case 'access':
      return record.accessType;
    case 'throttled':
      return throttledText(record);
    case 'items':
      return record.accessType === 'Sync' ? '' : String(itemCount(record));
    case 'folders': {
      const at = placedAt(record);
      return (at >= 0 ? storeOf(record).folderPathsAt(at) : record.folders.map((f) => f.path)).join(', ');
    }
    case 'session':
      return record.sessionId ?? '';
    case 'ip':
      return record.ip ?? '';
    case 'client':
      return record.clientInfo ?? '';
    case 'app':
      return appText(record);
  }
}

/** The value a record has for a facet (facet columns are single-valued). */
export function facetValue(record: MiaRecord, facet: FacetName): string {
  return cellText(record, facet);
}
