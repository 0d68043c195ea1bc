import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadMessageMetadata } from '../../core/enrich/metadata/loadMessageMetadata';
import { buildScopeReport, type BuildOptions } from '../../core/report/buildReport';
import { materialiseMessages } from '../../core/report/reportMessages';
import type { ScopeReport } from '../../core/report/reportTypes';
import { runScope } from '../../core/scope/runScope';
import type { ScopeOptions } from '../../core/scope/scopeOptions';
import { commandIds } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import {
  REPORT_FORMATS,
  saveXlsx,
  writeXlsxOutput,
  type ReportDocuments,
  type ReportFormat,
} from '../investigate/reportDocuments';
import { deliverTextReport } from '../investigate/reportDelivery';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { promptFormat, promptScope, type ScopeChoices } from '../investigate/scopePrompts';
import { warmScopeAnalyses } from '../investigate/scopeAnalysisWarming';

/** Options of `mia.scopeReport` called from code (tests, tasks, other extensions). */
export interface ScopeReportArgs extends ScopeChoices {
  /** Exports to read (Uris or paths); default: the active investigation. */
  files?: readonly (vscode.Uri | string)[];
  /** Substrings of ClientInfoString. */
  clientInfo?: string[];
  format?: ReportFormat;
  /** Where to write the report (Uri or path); an `xlsx` workbook is written here (else, with `open`, a save dialog asks). */
  output?: vscode.Uri | string;
  /** Show the report (default false from code). */
  open?: boolean;
  /** Message metadata files or folders to join; default: the active investigation's metadata. */
  metadata?: readonly (vscode.Uri | string)[];
}

/** True for an options object (not a Uri or tree node that a menu may pass). */
export function isArgs(value: unknown): value is ScopeReportArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !('kind' in value);
}

/** A Uri or path (or `file:` URI string) as a file-system path. */
export function toPath(value: vscode.Uri | string): string {
  if (value instanceof vscode.Uri) return value.fsPath;
  if (/^file:/i.test(value)) return vscode.Uri.parse(value).fsPath;
  return path.resolve(value);
}

/** A Uri or path as a Uri. */
export function toUri(value: vscode.Uri | string): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return vscode.Uri.parse(value);
  return vscode.Uri.file(path.resolve(value));
}

/** The active session, loaded; or undefined (after telling the person) when none is open. */
export async function activeLoaded(store: InvestigationStore): Promise<InvestigationSession | undefined> {
  const session = store.active;
  if (!session) {
    const choice = await vscode.window.showWarningMessage(
      'Open an audit export first.',
      'Open Audit Export…',
    );
    if (choice) await vscode.commands.executeCommand(commandIds.openExport);
    return undefined;
  }
  if (session.loading) {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Waiting for ${session.title} to load…` },
      () => session.whenIdle(),
    );
  }
  return session;
}

/**
 * The scoping report for the choices: on `files` when given (read afresh, exactly as `mia scope`
 * does), else on the active investigation; the throttle model from the settings. Same core
 * functions and options as the CLI, so the JSON is the CLI's. With `build.deferMessages`, messages
 * stay rows that the report writers read one at a time (see `BuildOptions`).
 */
export async function produceReport(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  args: ScopeReportArgs,
  build: BuildOptions = {},
): Promise<{ report: ScopeReport; inputs: string[] }> {
  const { threshold, hours } = analysis.settings.throttle;
  const options: ScopeOptions = {
    mailboxes: args.mailboxes,
    sessions: args.sessions,
    ips: args.ips,
    clientApps: args.clientApps,
    clientInfo: args.clientInfo,
    from: args.from,
    to: args.to,
    throttleThreshold: threshold,
    throttleHours: hours,
  };
  const named =
    args.metadata && args.metadata.length > 0
      ? await loadMessageMetadata(args.metadata.map(toPath))
      : undefined;
  if (args.files && args.files.length > 0) {
    const inputs = args.files.map(toPath);
    return {
      report: await runScope({
        ...options,
        inputs,
        enrichment: { labels: analysis.labels, ...(named ? { metadata: named } : {}) },
        deferMessages: build.deferMessages,
      }),
      inputs,
    };
  }
  const session = store.active;
  if (!session) throw new Error('No investigation is open: pass `files` or open an export first.');
  await session.whenIdle();
  const metadata = named ?? (session.metadata.sources.length > 0 ? session.metadata : undefined);
  return {
    report: buildScopeReport(
      session.investigation,
      options,
      { labels: analysis.labels, ...(metadata ? { metadata } : {}) },
      build,
    ),
    inputs: session.investigation.sources.map((s) => s.path),
  };
}

/**
 * `mia.scopeReport`: interactive from the palette (returns nothing); from code with options,
 * returns the JSON report.
 */
export function registerScopeReport(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  docs: ReportDocuments,
): vscode.Disposable {
  // Messages are written from their rows (no object per message while a report is built and
  // written); a report returned to code gets them as objects when it reads them.
  const deferred: BuildOptions = { deferMessages: true };
  const command = vscode.commands.registerCommand(
    commandIds.scopeReport,
    async (arg?: unknown): Promise<ScopeReport | undefined> => {
      if (isArgs(arg)) {
        const format = arg.format ?? 'json';
        if (!REPORT_FORMATS.includes(format))
          throw new Error(`format must be one of ${REPORT_FORMATS.join(', ')} (got ${String(format)})`);
        const { report, inputs } = await produceReport(store, analysis, arg, deferred);
        if (format === 'xlsx') {
          // A workbook is a file: written to `output`, or (with `open`) where the person chooses.
          if (arg.output !== undefined) await writeXlsxOutput(toUri(arg.output), report, inputs);
          else if (arg.open) await saveXlsx(report, inputs);
        } else if (arg.output !== undefined || arg.open) {
          await deliverTextReport(docs, report, format, inputs, {
            output: arg.output === undefined ? undefined : toUri(arg.output),
            open: arg.open === true,
            maxShownChars: analysis.settings.maxShownChars,
          });
        }
        materialiseMessages(report);
        return report;
      }
      const title = 'Create Scoping Report';
      const session = await activeLoaded(store);
      if (!session) return undefined;
      const choices = await promptScope(session, analysis.settings.formatTime, title);
      if (!choices) return undefined;
      const format = await promptFormat(title);
      if (!format) return undefined;
      try {
        const { report, inputs } = await produceReport(store, analysis, choices, deferred);
        if (format === 'xlsx') await saveXlsx(report, inputs);
        else
          await deliverTextReport(docs, report, format, inputs, {
            open: true,
            maxShownChars: analysis.settings.maxShownChars,
          });
        // Nothing is returned to the palette or a menu: the workbench would serialise it (the
        // 300,000-record export's report took 13 s and 770 MB to stringify, then 4 s to parse).
        return undefined;
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Could not create the report: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    },
  );
  return vscode.Disposable.from(command, warmScopeAnalyses(store, analysis));
}
