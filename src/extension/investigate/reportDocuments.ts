import * as vscode from 'vscode';
import {
  reportChunks,
  textWithin,
  type BoundedText,
  type TextReportFormat,
} from '../../core/report/reportChunks';
import { writeChunks } from '../../core/report/writeChunks';
import { writeXlsxReport } from '../../core/report/xlsxReport';
import type { ScopeReport } from '../../core/report/reportTypes';
import { reportScheme } from '../constants';

/** Formats of the scoping report: the text formats (shown in the editor), and `xlsx`, a binary workbook saved to a file. */
export type ReportFormat = TextReportFormat | 'xlsx';
export type { TextReportFormat };

export const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'html', 'json', 'csv', 'xlsx'];

const EXTENSION: Record<ReportFormat, string> = {
  markdown: 'md',
  html: 'html',
  json: 'json',
  csv: 'csv',
  xlsx: 'xlsx',
};
const FILTER_NAME: Record<ReportFormat, string> = {
  markdown: 'Markdown',
  html: 'HTML',
  json: 'JSON',
  csv: 'CSV',
  xlsx: 'Excel workbook',
};

/**
 * The report as text in a format (HTML with a fresh nonce) when it is at most `maxLength`
 * characters long; a longer one as its pieces, to be written to a file (see `textWithin`).
 */
export function renderWithin(report: ScopeReport, format: TextReportFormat, maxLength: number): BoundedText {
  return textWithin(reportChunks(report, format), maxLength);
}

/**
 * Generated text shown as read-only documents (scheme `mia-report`): reports and exports are never
 * untitled buffers that nag on close; "Save…" writes them where the person chooses.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  /** Keeps `text` under a new URI named `<base>-<n>.<ext>`. */
  add(base: string, extension: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: reportScheme, path: `/${base}-${this.next++}.${extension}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** Asks where to save a file of `format` (first offered in the workspace folder, as `defaultName`). */
export function askSaveTarget(defaultName: string, format: ReportFormat): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
    filters: { [FILTER_NAME[format]]: [EXTENSION[format]] },
    saveLabel: 'Save',
  });
}

/** Asks where to save `text` (a report or export) and writes it; returns the file, or undefined. */
export async function saveText(
  text: string,
  defaultName: string,
  format: ReportFormat,
  inputs: readonly string[] = [],
): Promise<vscode.Uri | undefined> {
  const target = await askSaveTarget(defaultName, format);
  if (!target) return undefined;
  await writeOutput(target, text, inputs);
  return target;
}

/** Writes a report file (text or bytes), refusing to overwrite an input export (evidence is never written). */
export async function writeOutput(
  target: vscode.Uri,
  content: string | Uint8Array,
  inputs: readonly string[],
): Promise<void> {
  refuseEvidence(target, inputs);
  await vscode.workspace.fs.writeFile(
    target,
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  );
}

function refuseEvidence(target: vscode.Uri, inputs: readonly string[]): void {
  if (target.scheme === 'file' && inputs.some((p) => vscode.Uri.file(p).fsPath === target.fsPath)) {
    throw new Error(`${target.fsPath} is one of the exports: exports are evidence and are never written`);
  }
}

/**
 * Writes a text in pieces (a report too large for one string) as UTF-8, refusing to overwrite an
 * input export; returns the bytes written. A local file is written piece by piece as they are made
 * (a partial file is removed on failure); any other file system gets the bytes at once.
 */
export async function writePieces(
  target: vscode.Uri,
  pieces: Iterable<string>,
  inputs: readonly string[],
): Promise<number> {
  refuseEvidence(target, inputs);
  if (target.scheme === 'file') return writeChunks(target.fsPath, pieces);
  const bytes = Buffer.concat(Array.from(pieces, (p) => Buffer.from(p, 'utf8')));
  await vscode.workspace.fs.writeFile(target, bytes);
  return bytes.length;
}

/** Writes the XLSX workbook of a report to `target`. */
export async function writeXlsxOutput(
  target: vscode.Uri,
  report: ScopeReport,
  inputs: readonly string[],
): Promise<void> {
  await writeOutput(target, await writeXlsxReport(report), inputs);
}

/**
 * Asks where to save the XLSX workbook of a report, writes it and offers to reveal it (without
 * waiting for the answer); returns the file, or undefined when the person cancelled.
 */
export async function saveXlsx(
  report: ScopeReport,
  inputs: readonly string[],
): Promise<vscode.Uri | undefined> {
  const target = await askSaveTarget('scoping-report.xlsx', 'xlsx');
  if (!target) return undefined;
  await writeXlsxOutput(target, report, inputs);
  offerReveal(target);
  return target;
}

/**
 * `message` ("Saved …" by default) with a Reveal button (the OS file manager on the desktop, else
 * the Explorer view) and, with `canOpen`, an Open button (the workbench opens the file itself, so a
 * file too large for extensions opens too).
 */
export function offerReveal(target: vscode.Uri, message = `Saved ${target.fsPath}`, canOpen = false): void {
  const buttons = canOpen ? ['Open', 'Reveal'] : ['Reveal'];
  void vscode.window.showInformationMessage(message, ...buttons).then(async (choice) => {
    if (choice === 'Open') {
      await vscode.commands.executeCommand('vscode.open', target);
      return;
    }
    if (choice !== 'Reveal') return;
    try {
      await vscode.commands.executeCommand('revealFileInOS', target);
    } catch {
      await vscode.commands.executeCommand('revealInExplorer', target);
    }
  });
}

/** File extension of a format. */
export function extensionOf(format: ReportFormat): string {
  return EXTENSION[format];
}

/**
 * Shows a report: Markdown in the Markdown preview, HTML in a webview panel, JSON and CSV as
 * read-only documents. Offers "Save…" (without waiting for the answer).
 */
export async function showReport(
  docs: ReportDocuments,
  report: ScopeReport,
  format: TextReportFormat,
  text: string,
  inputs: readonly string[],
): Promise<void> {
  const name = `scoping-report`;
  if (format === 'html') {
    const panel = vscode.window.createWebviewPanel(
      'mia.scopeReport',
      'Scoping Report',
      vscode.ViewColumn.Active,
      {
        enableScripts: false,
        enableCommandUris: false,
        localResourceRoots: [],
      },
    );
    panel.webview.html = text;
  } else {
    const uri = docs.add(name, extensionOf(format), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (format === 'markdown') {
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } else {
      await vscode.languages.setTextDocumentLanguage(doc, format === 'json' ? 'json' : 'plaintext');
      await vscode.window.showTextDocument(doc, { preview: false });
    }
  }
  void vscode.window
    .showInformationMessage(
      `Scoping report ready: ${report.totals.mailboxes} mailbox(es), ${report.totals.messages} message(s), ` +
        `${report.totals.syncedFolders} synced folder(s), ${report.totals.throttledWindows} throttled window(s).`,
      'Save…',
    )
    .then(async (choice) => {
      if (choice !== 'Save…') return;
      try {
        const saved = await saveText(text, `${name}.${extensionOf(format)}`, format, inputs);
        if (saved) void vscode.window.showInformationMessage(`Saved ${saved.fsPath}`);
      } catch (error) {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      }
    });
}
