import * as vscode from 'vscode';
import type { MiaRecord } from '../../core/model';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import { cannotOpenMessage, openExportAtLine } from '../investigate/openExportAtLine';

/** A record of the session by index, or an error a person understands. */
export function recordAt(session: InvestigationSession, index: number): MiaRecord {
  const record = session.record(index);
  if (!record) throw new Error(`Record ${index} is not in this investigation (any more).`);
  return record;
}

/** The raw AuditData of a record, re-read from its export and pretty-printed. */
export async function rawJson(session: InvestigationSession, record: MiaRecord): Promise<string> {
  return JSON.stringify(await session.investigation.readRawAuditData(record), null, 2);
}

/** Copies a record's raw AuditData (pretty-printed JSON) to the clipboard. */
export async function copyRaw(session: InvestigationSession, index: number): Promise<void> {
  await vscode.env.clipboard.writeText(await rawJson(session, recordAt(session, index)));
}

/**
 * Opens a record's raw AuditData in an editor beside the grid: the read-only document of the
 * store's `rawRecordUri` hook when another feature provides one, else an untitled JSONC document
 * headed by the source file and line.
 */
export async function openRaw(
  store: InvestigationStore,
  session: InvestigationSession,
  index: number,
): Promise<void> {
  const record = recordAt(session, index);
  const uri = store.rawRecordUri?.(session, index);
  if (uri) {
    await vscode.commands.executeCommand('vscode.open', uri, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
    return;
  }
  const source = session.investigation.sourcePath(record.provenance.sourceIndex) ?? '';
  // The header is a comment and the id is JSON-escaped: untrusted text stays inert.
  const header = `// MailItemsAccessed record ${JSON.stringify(record.id)}\n// ${source}:${record.provenance.line} (byte offset ${record.provenance.offset})\n`;
  const document = await vscode.workspace.openTextDocument({
    language: 'jsonc',
    content: header + (await rawJson(session, record)) + '\n',
  });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/**
 * Opens the record's source file as text at the record's first line, beside the grid, through the
 * workbench (exports over 50 MB, which VS Code refuses to extensions, open too). When even the
 * workbench cannot open it, the reply says where the record is and how to read it.
 */
export async function revealSource(session: InvestigationSession, index: number): Promise<void> {
  const record = recordAt(session, index);
  const file = session.investigation.sourcePath(record.provenance.sourceIndex);
  if (!file) throw new Error(`The source of record ${index} is unknown.`);
  const { line, offset } = record.provenance;
  try {
    await openExportAtLine({ file, line, viewColumn: vscode.ViewColumn.Beside });
  } catch (error) {
    throw new Error(
      `${cannotOpenMessage(file, line, error)} The record is at byte offset ${offset}; use "Open raw record" to read it.`,
    );
  }
}
