/**
 * The constant text of a message of the JSON report (field names, separators and indentation as
 * JSON.stringify(…, null, 2) writes them), so `MessageRows` writes a message as a list of pieces.
 */

/** Indentation by depth: a line break, then two spaces per level (as JSON.stringify(…, null, 2)). */
const breaks: string[] = [];
export function br(depth: number): string {
  for (let d = breaks.length; d <= depth; d++) breaks.push(`\n${'  '.repeat(d)}`);
  return breaks[depth];
}

/** A number as JSON writes it. */
export function num(n: number | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : 'null';
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

/** A list of quoted items as a field's value. */
export function valueList(items: readonly string[], x: Pieces, out: string[]): void {
  if (items.length === 0) {
    out.push('[]');
    return;
  }
  out.push(x.listOpen, items[0]);
  for (let j = 1; j < items.length; j++) out.push(x.listSep, items[j]);
  out.push(x.listClose);
}

/** The four value lists of a message, from `"sessions": ` on (that name is written by the caller). */
export function valueLists(
  s: string[],
  p: string[],
  c: string[],
  a: string[],
  x: Pieces,
  out: string[],
): void {
  valueList(s, x, out);
  out.push(x.ips);
  valueList(p, x, out);
  out.push(x.clients);
  valueList(c, x, out);
  out.push(x.appIds);
  valueList(a, x, out);
}
