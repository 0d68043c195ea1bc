import { JsonSplitter } from '../../containers/jsonSplitter';
import type { ByteWindow } from '../../text/byteWindow';
import { bufferEncoding, type UnitWidth } from '../../text/units';
import type { MetadataCollector, MetadataRow } from './metadataCollector';
import { MetadataFileError } from './metadataErrors';

/** Elements read before a file with no `internetMessageId` at all is refused. */
const SNIFF_ELEMENTS = 20;

type Json = Record<string, unknown>;

/** The value of `key` in `obj`, matched without regard to case (PowerShell writes `InternetMessageId`). */
function pick(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Json;
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ emailAddress: { name, address } }` as an address (the name only when there is no address). */
function address(recipient: unknown): string | undefined {
  const email = pick(recipient, 'emailAddress');
  return str(pick(email, 'address')) || str(pick(email, 'name')) || undefined;
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map(address).filter((a): a is string => a !== undefined && a !== '');
}

/** One Graph message resource as a metadata row. */
export function graphMessageRow(obj: Json, line: number): MetadataRow {
  const attachments = pick(obj, 'hasAttachments');
  const size = pick(obj, 'size');
  return {
    line,
    id: str(pick(obj, 'internetMessageId')) ?? '',
    subject: str(pick(obj, 'subject')),
    sender: address(pick(obj, 'from')) ?? address(pick(obj, 'sender')),
    recipients: [
      ...addresses(pick(obj, 'toRecipients')),
      ...addresses(pick(obj, 'ccRecipients')),
      ...addresses(pick(obj, 'bccRecipients')),
    ],
    sent: str(pick(obj, 'sentDateTime')),
    received: str(pick(obj, 'receivedDateTime')) ?? str(pick(obj, 'createdDateTime')),
    hasAttachments: typeof attachments === 'boolean' ? attachments : str(attachments),
    size: typeof size === 'number' ? size : str(size),
  };
}

/**
 * Streams Graph message JSON into `collector`: an array of messages, `{ "value": [...] }` pages
 * (one or several, as `@odata.nextLink` paging saves them), or JSON Lines. An element that is not
 * a JSON object, or has no `internetMessageId`, is rejected with its line. A file whose first
 * elements all lack `internetMessageId` is not Graph message JSON and is refused.
 */
export async function readJsonMetadata(
  win: ByteWindow,
  start: number,
  w: UnitWidth,
  path: string,
  collector: MetadataCollector,
  maxRecordBytes: number,
): Promise<void> {
  const splitter = new JsonSplitter(win, start, w, maxRecordBytes);
  const enc = bufferEncoding(w);
  let seen = 0;
  let withId = 0;
  let auditLike = false;
  for (;;) {
    const span = await splitter.next();
    if (!span) break;
    seen++;
    if (span.error) {
      collector.reject(span.line, span.error);
    } else {
      let value: unknown;
      try {
        value = JSON.parse(win.bytes.toString(enc, span.start - win.base, span.end - win.base));
      } catch (err) {
        value = err;
      }
      if (value instanceof Error) collector.reject(span.line, `not valid JSON: ${value.message}`);
      else if (value === null || typeof value !== 'object' || Array.isArray(value))
        collector.reject(span.line, 'not a JSON object');
      else {
        const obj = value as Json;
        if (
          withId === 0 &&
          ['AuditData', 'Operation', 'Operations', 'RecordType'].some((k) => pick(obj, k) !== undefined)
        )
          auditLike = true;
        const row = graphMessageRow(obj, span.line);
        if (row.id.trim() !== '') withId++;
        if (row.id.trim() === '') collector.reject(span.line, 'the message has no internetMessageId');
        else collector.add(row);
      }
    }
    if (seen === SNIFF_ELEMENTS && withId === 0) break;
  }
  if (withId === 0 && seen > 0) {
    throw new MetadataFileError(
      path,
      auditLike
        ? 'this is an audit export, not message metadata: open or add it as an export'
        : 'not recognised as Graph message JSON: none of its first elements has an "internetMessageId"',
    );
  }
}
