import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { writeCsvReport } from '../../core/report/csvReport';
import { writeHtmlReport } from '../../core/report/htmlReport';
import { writeJsonReport } from '../../core/report/jsonReport';
import { writeMarkdownReport } from '../../core/report/markdownReport';
import { writeXlsxReport } from '../../core/report/xlsxReport';
import type { ScopeReport } from '../../core/report/reportTypes';
import { reportScheme } from '../constants';

/** Formats of the scoping report. */
export type ReportFormat = 'markdown' | 'html' | 'json' | 'csv' | 'xlsx';

/** The formats written as text (shown in the editor); `xlsx` is a binary workbook saved to a file. */
export type TextReportFormat = Exclude<ReportFormat, 'xlsx'>;

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

/** A nonce for the one `<style>` of an HTML report (CSP). */
export function nonce(): string {
  return randomBytes(16)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** The report as text in a format (HTML with a fresh nonce). */
export function renderReport(report: ScopeReport, format: TextReportFormat): string {
  switch (format) {
    case 'markdown':
      return writeMarkdownReport(report);
    case 'html':
      return writeHtmlReport(report, { nonce: nonce() });
    case 'json':
      return writeJsonReport(report);
    case 'csv':
      return writeCsvReport(report);
  }
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

/** Asks where to save `text` (a report or export) and writes it; returns the file, or undefined. */
export async function saveText(
  text: string,
  defaultName: string,
  format: ReportFormat | 'csv',
  inputs: readonly string[] = [],
): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
    filters: { [FILTER_NAME[format]]: [EXTENSION[format]] },
    saveLabel: 'Save',
  });
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
  if (target.scheme === 'file' && inputs.some((p) => vscode.Uri.file(p).fsPath === target.fsPath)) {
    throw new Error(`${target.fsPath} is one of the exports: exports are evidence and are never written`);
  }
  await vscode.workspace.fs.writeFile(
    target,
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  );
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
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'scoping-report.xlsx') : undefined,
    filters: { [FILTER_NAME.xlsx]: [EXTENSION.xlsx] },
    saveLabel: 'Save',
  });
  if (!target) return undefined;
  await writeXlsxOutput(target, report, inputs);
  offerReveal(target);
  return target;
}

/** "Saved …" with a Reveal button: the OS file manager on the desktop, else the Explorer view. */
export function offerReveal(target: vscode.Uri): void {
  void vscode.window.showInformationMessage(`Saved ${target.fsPath}`, 'Reveal').then(async (choice) => {
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
