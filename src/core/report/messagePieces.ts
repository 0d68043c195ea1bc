import { asciiBytes } from './byteText';

/**
 * The constant text of a message of the JSON report (field names, separators and indentation as
 * JSON.stringify(…, null, 2) writes them), so `MessageRows` writes a message piece by piece.
 */

/** Indentation by depth: a line break, then two spaces per level (as JSON.stringify(…, null, 2)). */
const breaks: string[] = [];
export function br(depth: number): string {
  for (let d = breaks.length; d <= depth; d++) breaks.push(`\n${'  '.repeat(d)}`);
  return breaks[depth];
}

/** The constant text around a message's values, for one depth, as ASCII bytes. */
export interface BytePieces {
  readonly open: Uint8Array;
  readonly key: Uint8Array;
  readonly folders: Uint8Array;
  /** A field's list (items one level deeper than the field). */
  readonly listOpen: Uint8Array;
  readonly listSep: Uint8Array;
  readonly listClose: Uint8Array;
  readonly firstAccess: Uint8Array;
  readonly lastAccess: Uint8Array;
  readonly accessCount: Uint8Array;
  readonly size: Uint8Array;
  readonly subject: Uint8Array;
  readonly sessions: Uint8Array;
  readonly ips: Uint8Array;
  readonly clients: Uint8Array;
  readonly appIds: Uint8Array;
  readonly contexts: Uint8Array;
  readonly useOpen: Uint8Array;
  readonly useFirst: Uint8Array;
  readonly useLast: Uint8Array;
  readonly useCount: Uint8Array;
  readonly useClose: Uint8Array;
  readonly source: Uint8Array;
  readonly line: Uint8Array;
  readonly recordId: Uint8Array;
  readonly offset: Uint8Array;
  readonly sourceIndex: Uint8Array;
  /** The end of `firstRecord`, `subjectFrom` and the metadata fields of a message without metadata. */
  readonly noSubjectTail: Uint8Array;
  readonly auditTail: Uint8Array;
}

const byDepth: BytePieces[] = [];

/**
 * The pieces of a message written `depth` levels deep (made once per depth), in a literal: an object
 * filled by computed keys (`out[k] = …`) went to V8's dictionary mode past a dozen properties, and
 * the writers' reads of its pieces (a few dozen per message) were generic lookups instead of fixed
 * offsets.
 */
export function bytePieces(depth: number): BytePieces {
  let x = byDepth[depth];
  if (x === undefined) {
    const b = asciiBytes;
    const h = br(depth);
    const f = br(depth + 1);
    const g = br(depth + 2);
    const u = br(depth + 3);
    const rest =
      `,${f}"sender": null,${f}"recipients": [],${f}"sentUtc": null,${f}"receivedUtc": null` +
      `,${f}"hasAttachments": null,${f}"metadataOrigins": []${h}}`;
    x = {
      open: b(`{${f}"internetMessageId": `),
      key: b(`,${f}"key": `),
      folders: b(`,${f}"folders": `),
      listOpen: b(`[${g}`),
      listSep: b(`,${g}`),
      listClose: b(`${f}]`),
      firstAccess: b(`,${f}"firstAccessUtc": "`),
      lastAccess: b(`",${f}"lastAccessUtc": "`),
      accessCount: b(`",${f}"accessCount": `),
      size: b(`,${f}"sizeInBytes": `),
      subject: b(`,${f}"subject": `),
      sessions: b(`,${f}"sessions": `),
      ips: b(`,${f}"ips": `),
      clients: b(`,${f}"clients": `),
      appIds: b(`,${f}"appIds": `),
      contexts: b(`,${f}"contexts": `),
      useOpen: b(`{${u}"context": `),
      useFirst: b(`,${u}"firstUtc": "`),
      useLast: b(`",${u}"lastUtc": "`),
      useCount: b(`",${u}"count": `),
      useClose: b(`${g}}`),
      source: b(`,${f}"firstRecord": {${g}"source": `),
      line: b(`,${g}"line": `),
      recordId: b(`,${g}"recordId": `),
      offset: b(`,${g}"offset": `),
      sourceIndex: b(`,${g}"sourceIndex": `),
      noSubjectTail: b(`${f}},${f}"subjectFrom": null${rest}`),
      auditTail: b(`${f}},${f}"subjectFrom": "audit"${rest}`),
    };
    byDepth[depth] = x;
  }
  return x;
}
