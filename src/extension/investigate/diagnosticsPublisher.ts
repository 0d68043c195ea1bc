import * as vscode from 'vscode';
import { capFindings } from '../../core/findings/capFindings';
import type { Finding, FindingSeverity } from '../../core/findings/types';
import { diagnosticSource, settingKeys, settingsSection } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { SessionAnalysis } from './sessionAnalysis';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A whole line without reading the document (exports can be far too large to open as text). */
function lineRange(line: number): vscode.Range {
  const l = Math.max(0, line - 1);
  // The end column is past any line: VS Code clamps it to the line.
  return new vscode.Range(l, 0, l, 2 ** 31 - 1);
}

/**
 * Publishes each open investigation's findings as diagnostics (source `MailItemsAccessed`) on its
 * export files, at the line of the record or row, capped per code and file by
 * `mia.diagnostics.maxPerKind` with one summary each. Published when a load finishes (again after
 * files are added or a setting changes); cleared when the investigation closes.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(diagnosticSource);
  private readonly published = new Map<InvestigationSession, vscode.Uri[]>();
  private readonly watched = new Map<InvestigationSession, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: InvestigationStore,
    private readonly analysis: SessionAnalysis,
  ) {
    this.disposables.push(
      store.onDidChangeSessions(() => this.sync()),
      analysis.onDidChange(() => {
        for (const s of this.watched.keys()) if (!s.loading) this.publish(s);
      }),
    );
    this.sync();
  }

  /** Watches new sessions, clears closed ones. */
  private sync(): void {
    const open = new Set(this.store.all);
    for (const [session, listener] of this.watched) {
      if (open.has(session)) continue;
      listener.dispose();
      this.watched.delete(session);
      this.clear(session);
    }
    for (const session of open) {
      if (this.watched.has(session)) continue;
      this.watched.set(
        session,
        session.onDidChange((change) => {
          if (change === 'loaded') this.publishAfterFirstRows(session);
        }),
      );
      if (!session.loading && session.investigation.sources.length > 0) this.publishAfterFirstRows(session);
    }
  }

  private clear(session: InvestigationSession): void {
    for (const uri of this.published.get(session) ?? []) this.collection.delete(uri);
    this.published.delete(session);
  }

  /** Publishes once an editor opening on the session has shown its rows (findings take seconds). */
  private publishAfterFirstRows(session: InvestigationSession): void {
    void session.firstRows.whenOpen().then(() => {
      if (!session.loading) this.publish(session);
    });
  }

  /** (Re)publishes the diagnostics of one session. */
  publish(session: InvestigationSession): void {
    if (!this.store.all.includes(session)) return;
    const sources = session.investigation.sources;
    const uris = sources.map((s) => vscode.Uri.file(s.path));
    const max = this.analysis.settings.maxPerKind;
    const capped = capFindings(
      this.analysis.findings(session),
      max,
      `${settingsSection}.${settingKeys.diagnosticsMaxPerKind}`,
    );
    const perFile = new Map<number, vscode.Diagnostic[]>();
    for (const f of capped) {
      const list = perFile.get(f.sourceIndex) ?? [];
      list.push(this.diagnostic(f, uris));
      perFile.set(f.sourceIndex, list);
    }
    this.clear(session);
    uris.forEach((uri, i) => this.collection.set(uri, perFile.get(i) ?? []));
    this.published.set(session, uris);
  }

  private diagnostic(f: Finding, uris: readonly vscode.Uri[]): vscode.Diagnostic {
    const d = new vscode.Diagnostic(lineRange(f.line), f.message, SEVERITY[f.severity]);
    d.source = diagnosticSource;
    d.code = f.code;
    const related = f.related
      .filter((r) => uris[r.sourceIndex] !== undefined)
      .map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(uris[r.sourceIndex], lineRange(r.line)),
            r.message,
          ),
      );
    if (related.length > 0) d.relatedInformation = related;
    return d;
  }

  dispose(): void {
    for (const l of this.watched.values()) l.dispose();
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
