import * as path from 'node:path';
import * as vscode from 'vscode';
import { oneLine } from '../../core/findings/findings';
import { rawRecordScheme } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';

/**
 * Read-only documents (scheme `mia-raw`, language jsonc) holding one record's raw AuditData,
 * re-read from its export by byte offset and pretty-printed, headed by a `//` line naming the
 * source file and line. The URI names the session and the record; the content is produced on
 * demand, so nothing is held per record.
 */
export class RawRecordDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: InvestigationStore) {}

  /** The document URI of a record of a session. */
  uriFor(session: InvestigationSession, index: number): vscode.Uri {
    const record = session.investigation.records[index];
    const source = record ? session.investigation.sources[record.provenance.sourceIndex] : undefined;
    const name = source ? path.basename(source.path) : 'record';
    const line = record?.provenance.line ?? 0;
    const query = new URLSearchParams({ session: session.id, record: String(index), id: record?.id ?? '' });
    return vscode.Uri.from({
      scheme: rawRecordScheme,
      // The file name shows in the tab: the export and the line, as `.jsonc` so comments are valid.
      path: `/${name.replace(/[\\/]/g, '_')} line ${line}.jsonc`,
      query: query.toString(),
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const session = this.store.get(q.get('session') ?? '');
    const index = Number(q.get('record'));
    const record = session?.investigation.records[index];
    if (!session || !record || record.id !== q.get('id')) {
      return '// This record is no longer open: open its export again.\nnull\n';
    }
    const source = session.investigation.sources[record.provenance.sourceIndex];
    const head = `// MailItemsAccessed record ${oneLine(record.id)}: ${oneLine(source?.path ?? '?')}, line ${record.provenance.line} (read-only)`;
    try {
      const raw = await session.investigation.readRawAuditData(record);
      return `${head}\n${JSON.stringify(raw, null, 2)}\n`;
    } catch (error) {
      return `${head}\n// Could not re-read it: ${oneLine(error instanceof Error ? error.message : String(error))}\nnull\n`;
    }
  }
}

/**
 * Opens a record's raw AuditData in a read-only jsonc editor and asks the session's editors (if
 * any) to select it in their grid. Returns the document's URI.
 */
export async function openRawRecord(
  raw: RawRecordDocuments,
  session: InvestigationSession,
  index: number,
  options: { preserveFocus?: boolean; preview?: boolean } = {},
): Promise<vscode.Uri> {
  const uri = raw.uriFor(session, index);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'jsonc') doc = await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
  await vscode.window.showTextDocument(doc, {
    preview: options.preview ?? true,
    preserveFocus: options.preserveFocus ?? false,
    viewColumn: showsExport(session) ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
  });
  session.reveal(index);
  return uri;
}

/** True when the active tab is an investigator editor of one of the session's files (keep it visible). */
function showsExport(session: InvestigationSession): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputCustom)) return false;
  return session.files.some((f) => f.toString() === input.uri.toString());
}
