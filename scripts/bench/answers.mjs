// Answers every bench contestant must agree on: per mailbox (lower-cased owner), the distinct
// normalised message ids of Bind records (count + digest) and the distinct normalised synced
// folders of Sync records. Spec §2 normalisation: message id trimmed, one pair of <> stripped,
// lower-cased; folder trimmed, one leading \ stripped, lower-cased.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export function messageIdKey(id) {
  let s = id.trim();
  if (s.length >= 2 && s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  return s.toLowerCase();
}

export function folderKey(path) {
  let s = path.trim();
  if (s.startsWith('\\')) s = s.slice(1);
  return s.toLowerCase();
}

/** sha256 of the sorted distinct ids joined by "\n" (the generator's digestMessageIds). */
export function digestIds(ids) {
  const sorted = [...new Set(ids)].sort();
  return createHash('sha256').update(sorted.join('\n')).digest('hex');
}

/** Accumulates answers from plain AuditData objects (naive pipeline). */
export class AnswerAccumulator {
  constructor() {
    this.mailboxes = new Map();
    this.ids = new Set();
  }
  add(a) {
    if (typeof a?.Operation !== 'string' || a.Operation.trim().toLowerCase() !== 'mailitemsaccessed') return;
    const id = String(a.Id ?? '').trim();
    if (id === '' || this.ids.has(id)) return;
    this.ids.add(id);
    const owner = (a.MailboxOwnerUPN ?? '').trim() || (a.MailboxGuid ?? '').trim();
    if (!owner) return;
    const key = owner.toLowerCase();
    let m = this.mailboxes.get(key);
    if (!m) this.mailboxes.set(key, (m = { ids: new Set(), folders: new Set() }));
    const access = (a.OperationProperties ?? []).find(
      (p) => String(p.Name).trim().toLowerCase() === 'mailaccesstype',
    );
    const type = String(access?.Value ?? '')
      .trim()
      .toLowerCase();
    const folders = a.Folders?.length ? a.Folders : a.Item?.ParentFolder ? [a.Item.ParentFolder] : [];
    if (type === 'bind') {
      for (const f of folders)
        for (const item of f.FolderItems ?? []) {
          const mid = item.InternetMessageId;
          if (typeof mid === 'string' && mid.trim() !== '') m.ids.add(messageIdKey(mid));
        }
      const mid = a.Folders?.length ? undefined : a.Item?.InternetMessageId;
      if (typeof mid === 'string' && mid.trim() !== '') m.ids.add(messageIdKey(mid));
    } else if (type === 'sync') {
      if (folders.length === 0) m.folders.add('');
      for (const f of folders) m.folders.add(folderKey(f.Path ?? f.Name ?? ''));
    }
  }
  result() {
    const out = {};
    for (const key of [...this.mailboxes.keys()].sort()) {
      const m = this.mailboxes.get(key);
      out[key] = {
        messages: m.ids.size,
        messagesSha256: digestIds(m.ids),
        syncedFolders: [...m.folders].sort(),
      };
    }
    return { distinctRecords: this.ids.size, mailboxes: out };
  }
}

/**
 * Answers from the engine's JSON scope report, read line by line (the report can exceed the
 * largest string V8 can hold). Relies on the report's two-space indentation.
 */
export async function answersFromReport(path) {
  const mailboxes = {};
  let recordsLoaded;
  let current;
  let list; // 'messages' | 'syncedFolders' | undefined
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('    "recordsLoaded": ')) recordsLoaded = Number(line.slice(21).replace(/,$/, ''));
    if (line.startsWith('      "mailboxKey": ')) {
      const key = JSON.parse(line.slice(20).replace(/,$/, ''));
      current = mailboxes[key] = { ids: [], folders: [] };
      list = undefined;
    } else if (line.startsWith('      "messages": [')) list = 'messages';
    else if (line.startsWith('      "syncedFolders": [')) list = 'syncedFolders';
    else if (line.startsWith('      "')) list = undefined;
    else if (current && list && line.startsWith('          "key": ')) {
      const value = JSON.parse(line.slice(17).replace(/,$/, ''));
      if (list === 'messages') current.ids.push(value);
      else current.folders.push(value);
    }
  }
  const out = {};
  for (const key of Object.keys(mailboxes).sort()) {
    const m = mailboxes[key];
    out[key] = {
      messages: new Set(m.ids).size,
      messagesSha256: digestIds(m.ids),
      syncedFolders: [...new Set(m.folders)].sort(),
    };
  }
  return { distinctRecords: recordsLoaded, mailboxes: out };
}

/** Answers from the generator's truth file. */
export function answersFromTruth(truth) {
  const out = {};
  for (const m of [...truth.mailboxes].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    out[m.key] = {
      messages: m.distinctMessages,
      messagesSha256: m.messagesSha256,
      syncedFolders: [...m.syncedFolders].sort(),
    };
  }
  return { distinctRecords: truth.distinctRecords, mailboxes: out };
}

/** One digest over a whole answer (what the bench compares). */
export function answerDigest(answer) {
  const canonical = JSON.stringify({
    distinctRecords: answer.distinctRecords,
    mailboxes: Object.keys(answer.mailboxes)
      .sort()
      .map((k) => [k, answer.mailboxes[k]]),
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
