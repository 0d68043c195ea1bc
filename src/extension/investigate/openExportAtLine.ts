import * as path from 'node:path';
import * as vscode from 'vscode';

/** Where an export should open, and what to say when it cannot. */
export interface ExportLine {
  /** The export file. */
  file: string;
  /** 1-based line. */
  line: number;
  viewColumn?: vscode.ViewColumn;
}

/**
 * Opens an export as text at a line, for the person: through the workbench (`vscode.open`), so the
 * extension never asks for the document's text. VS Code refuses files over 50 MB to extensions
 * (`openTextDocument`/`showTextDocument` fail), but the workbench itself opens them; over
 * `workbench.editorLargeFileConfirmation` it first asks ("Open Anyway"), keeping the selection.
 * Rejects when the workbench could not open it either.
 */
export async function openExportAtLine({ file, line, viewColumn }: ExportLine): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(file);
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  const options: vscode.TextDocumentShowOptions = {
    selection: new vscode.Range(at, at),
    preview: true,
    ...(viewColumn === undefined ? {} : { viewColumn }),
  };
  await vscode.commands.executeCommand('vscode.open', uri, options);
  return uri;
}

/** A one-line explanation for when an export could not be opened at a line. */
export function cannotOpenMessage(file: string, line: number, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `${path.basename(file)}, line ${line}: the export could not be opened as text (${why}).`;
}
