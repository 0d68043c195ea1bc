import * as vscode from 'vscode';
import { ScopeAnalysisWarmer } from '../../core/analysis/scopeAnalysisWarmer';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { SessionAnalysis } from './sessionAnalysis';

/**
 * Computes the active investigation's per-mailbox report analyses once it is loaded, in idle
 * slices (`ScopeAnalysisWarmer`): "Create Scoping Report" on an indexed investigation then finds
 * them memoised and only writes. Only the active session is warmed, and only when no load runs
 * (a load changes the records, which would discard the work).
 */
export function warmScopeAnalyses(store: InvestigationStore, analysis: SessionAnalysis): vscode.Disposable {
  const warmers = new Map<InvestigationSession, ScopeAnalysisWarmer>();
  const warm = (session: InvestigationSession | undefined): void => {
    if (!session || session.loading || store.active !== session) return;
    let warmer = warmers.get(session);
    if (!warmer) {
      warmer = new ScopeAnalysisWarmer(
        () => session.investigation.records,
        () => analysis.settings.throttle,
      );
      warmers.set(session, warmer);
    }
    // The warm-up competes with the grid's first rows for the one host thread: it waits for them.
    const ready = warmer;
    void session.firstRows.whenOpen().then(() => ready.poke());
  };
  const forget = (): void => {
    const open = new Set(store.all);
    for (const [session, warmer] of warmers) {
      if (open.has(session)) continue;
      warmer.dispose();
      warmers.delete(session);
    }
  };
  const listeners = [
    store.onDidChangeSession(warm),
    store.onDidChangeActive(warm),
    store.onDidChangeSessions(forget),
    analysis.onDidChange(() => warm(store.active)),
  ];
  warm(store.active);
  return new vscode.Disposable(() => {
    for (const l of listeners) l.dispose();
    for (const warmer of warmers.values()) warmer.dispose();
    warmers.clear();
  });
}
