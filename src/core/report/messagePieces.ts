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

/** The constant text around a message's values, for one depth. */
export interface Pieces {
  open: string;
  key: string;
  folders: string;
  /** A field's list (items one level deeper than the field). */
  listOpen: string;
  listSep: string;
  listClose: string;
  firstAccess: string;
  lastAccess: string;
  accessCount: string;
  size: string;
  subject: string;
  sessions: string;
  ips: string;
  clients: string;
  appIds: string;
  contexts: string;
  useOpen: string;
  useFirst: string;
  useLast: string;
  useCount: string;
  useClose: string;
  source: string;
  line: string;
  recordId: string;
  offset: string;
  sourceIndex: string;
  /** The end of `firstRecord`, `subjectFrom` and the metadata fields of a message without metadata. */
  noSubjectTail: string;
  auditTail: string;
}

const piecesByDepth: Pieces[] = [];

/** The pieces of a message written `depth` levels deep (made once per depth). */
export function pieces(depth: number): Pieces {
  let x = piecesByDepth[depth];
  if (x === undefined) {
    const h = br(depth);
    const f = br(depth + 1);
    const g = br(depth + 2);
    const u = br(depth + 3);
    const rest =
      `,${f}"sender": null,${f}"recipients": [],${f}"sentUtc": null,${f}"receivedUtc": null` +
      `,${f}"hasAttachments": null,${f}"metadataOrigins": []${h}}`;
    x = {
      open: `{${f}"internetMessageId": `,
      key: `,${f}"key": `,
      folders: `,${f}"folders": `,
      listOpen: `[${g}`,
      listSep: `,${g}`,
      listClose: `${f}]`,
      firstAccess: `,${f}"firstAccessUtc": "`,
      lastAccess: `",${f}"lastAccessUtc": "`,
      accessCount: `",${f}"accessCount": `,
      size: `,${f}"sizeInBytes": `,
      subject: `,${f}"subject": `,
      sessions: `,${f}"sessions": `,
      ips: `,${f}"ips": `,
      clients: `,${f}"clients": `,
      appIds: `,${f}"appIds": `,
      contexts: `,${f}"contexts": `,
      useOpen: `{${u}"context": `,
      useFirst: `,${u}"firstUtc": "`,
      useLast: `",${u}"lastUtc": "`,
      useCount: `",${u}"count": `,
      useClose: `${g}}`,
      source: `,${f}"firstRecord": {${g}"source": `,
      line: `,${g}"line": `,
      recordId: `,${g}"recordId": `,
      offset: `,${g}"offset": `,
      sourceIndex: `,${g}"sourceIndex": `,
      noSubjectTail: `${f}},${f}"subjectFrom": null${rest}`,
      auditTail: `${f}},${f}"subjectFrom": "audit"${rest}`,
    };
    piecesByDepth[depth] = x;
  }
  return x;
}

/** The pieces of a message as ASCII bytes, by field of `Pieces`. */
export type BytePieces = { readonly [K in keyof Pieces]: Uint8Array };

const bytePiecesByDepth: BytePieces[] = [];

/** `pieces(depth)` as bytes (made once per depth). */
export function bytePieces(depth: number): BytePieces {
  let b = bytePiecesByDepth[depth];
  if (b === undefined) bytePiecesByDepth[depth] = b = asBytes(pieces(depth));
  return b;
}

/**
 * Every piece of `x` as bytes, in a literal: an object filled by computed keys (`out[k] = …` over
 * `Object.keys`) went to V8's dictionary mode past a dozen properties, and the writers' reads of
 * its pieces (a few dozen per message) were generic lookups instead of fixed offsets.
 */
function asBytes(x: Pieces): BytePieces {
  const b = asciiBytes;
  return {
    open: b(x.open),
    key: b(x.key),
    folders: b(x.folders),
    listOpen: b(x.listOpen),
    listSep: b(x.listSep),
    listClose: b(x.listClose),
    firstAccess: b(x.firstAccess),
    lastAccess: b(x.lastAccess),
    accessCount: b(x.accessCount),
    size: b(x.size),
    subject: b(x.subject),
    sessions: b(x.sessions),
    ips: b(x.ips),
    clients: b(x.clients),
    appIds: b(x.appIds),
    contexts: b(x.contexts),
    useOpen: b(x.useOpen),
    useFirst: b(x.useFirst),
    useLast: b(x.useLast),
    useCount: b(x.useCount),
    useClose: b(x.useClose),
    source: b(x.source),
    line: b(x.line),
    recordId: b(x.recordId),
    offset: b(x.offset),
    sourceIndex: b(x.sourceIndex),
    noSubjectTail: b(x.noSubjectTail),
    auditTail: b(x.auditTail),
  };
}
