import * as vscode from 'vscode';
import type { ScopeReport } from '../../core/report/reportTypes';
import { byteSize } from '../byteSize';
import { settingKeys, settingsSection } from '../constants';
import {
  askSaveTarget,
  extensionOf,
  offerReveal,
  renderWithin,
  showReport,
  writeOutput,
  writePieces,
  type ReportDocuments,
  type TextReportFormat,
} from './reportDocuments';

/** Where a text report goes. */
export interface ReportDelivery {
  /** Written here when given. */
  output?: vscode.Uri;
  /** Shown in VS Code (when small enough). */
  open: boolean;
  /** The longest text shown, in characters (`mia.reports.maxShownMB`). */
  maxShownChars: number;
}

/** The limit as people set it (`mia.reports.maxShownMB`). */
export function limitText(maxShownChars: number): string {
  return byteSize(maxShownChars).replace('.0 ', ' ');
}

/**
 * Writes and shows a scoping report in a text format. A report longer than the limit is never
 * joined into one string nor shown: VS Code gives no document over 50 MB to extensions, and a
 * preview of one far smaller hangs. It is written to `output` piece by piece as it is made; with
 * no `output`, when it was to be shown, the person is told why and asked where to save it.
 */
export async function deliverTextReport(
  docs: ReportDocuments,
  report: ScopeReport,
  format: TextReportFormat,
  inputs: readonly string[],
  delivery: ReportDelivery,
): Promise<void> {
  const rendered = renderWithin(report, format, delivery.maxShownChars);
  if ('text' in rendered) {
    if (delivery.output) await writeOutput(delivery.output, rendered.text, inputs);
    if (delivery.open) await showReport(docs, report, format, rendered.text, inputs);
    return;
  }
  const limit = limitText(delivery.maxShownChars);
  if (delivery.output) {
    const bytes = await writePieces(delivery.output, rendered.pieces, inputs);
    if (delivery.open)
      offerReveal(
        delivery.output,
        `The scoping report (${byteSize(bytes)}) is larger than ${limit}, too large to show in VS Code: ` +
          `it is saved in ${delivery.output.fsPath}.`,
        true,
      );
    return;
  }
  if (!delivery.open) return;
  const save = 'Save…';
  const choice = await vscode.window.showWarningMessage(
    `The scoping report is larger than ${limit}, too large to show in VS Code. Save it to a file?`,
    {
      modal: true,
      detail:
        `The file is written as the report is made. The limit is the setting ` +
        `${settingsSection}.${settingKeys.reportsMaxShownMB} (VS Code gives no document over 50 MB to extensions).`,
    },
    save,
  );
  if (choice !== save) return;
  const target = await askSaveTarget(`scoping-report.${extensionOf(format)}`, format);
  if (!target) return;
  const bytes = await writePieces(target, rendered.pieces, inputs);
  offerReveal(target, `Saved ${target.fsPath} (${byteSize(bytes)})`, true);
}
