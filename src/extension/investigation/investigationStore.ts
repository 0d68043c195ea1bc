import * as vscode from 'vscode';
import type { Labeller } from '../../core/enrich/enrichTypes';
import { InvestigationSession } from './investigationSession';

/**
 * Every investigation open in this window, and which one is active (the last one focused in an
 * editor). The tree, the Findings view, diagnostics and commands follow the active session.
 */
export class InvestigationStore implements vscode.Disposable {
  private readonly sessions = new Map<string, InvestigationSession>();
  private activeId: string | undefined;
  private readonly changedSessions = new vscode.EventEmitter<void>();
  private readonly changedActive = new vscode.EventEmitter<InvestigationSession | undefined>();
  private readonly sessionListeners = new Map<string, vscode.Disposable>();
  private readonly changedSession = new vscode.EventEmitter<InvestigationSession>();

  /** A session was opened or closed. */
  readonly onDidChangeSessions = this.changedSessions.event;
  /** The active session changed (or was closed: undefined). */
  readonly onDidChangeActive = this.changedActive.event;
  /** Any session changed (records, loaded, filter, sources). */
  readonly onDidChangeSession = this.changedSession.event;

  private stopping = false;

  /** True once the store is being disposed (the extension stops: a reload or a shutdown). */
  get disposing(): boolean {
    return this.stopping;
  }

  get all(): InvestigationSession[] {
    return [...this.sessions.values()];
  }

  get active(): InvestigationSession | undefined {
    return this.activeId ? this.sessions.get(this.activeId) : undefined;
  }

  get(id: string): InvestigationSession | undefined {
    return this.sessions.get(id);
  }

  /** The session that holds this file, if any. */
  findByFile(uri: vscode.Uri): InvestigationSession | undefined {
    const key = uri.toString();
    return this.all.find((s) => s.files.some((f) => f.toString() === key));
  }

  /**
   * Opens these files as one investigation and starts loading them; returns the session. When a
   * session already holds the first file, that session is returned and the other files are added
   * to it (a file belongs to one session). Makes the session active.
   */
  open(files: readonly vscode.Uri[]): InvestigationSession {
    if (files.length === 0) throw new Error('InvestigationStore.open: no files');
    const existing = this.sessions.get(files[0].toString()) ?? this.findByFile(files[0]);
    if (existing) {
      void existing.addFiles(files);
      this.setActive(existing);
      return existing;
    }
    const id = files[0].toString();
    const session = new InvestigationSession(id, []);
    this.sessions.set(id, session);
    this.sessionListeners.set(
      id,
      session.onDidChange(() => this.changedSession.fire(session)),
    );
    void session.addFiles(files);
    this.changedSessions.fire();
    this.setActive(session);
    return session;
  }

  /**
   * Optional hook another feature sets to open a record's raw AuditData as a read-only document
   * (its own URI scheme); the editor's "Open raw record" uses it when set, else an untitled JSON
   * document.
   */
  rawRecordUri: ((session: InvestigationSession, record: number) => vscode.Uri | undefined) | undefined;

  /** Optional hook: the current offline labeller of apps and IPs (set by the investigate features). */
  labels: (() => Labeller) | undefined;

  setActive(session: InvestigationSession | undefined): void {
    if (this.activeId === session?.id) return;
    this.activeId = session?.id;
    this.changedActive.fire(session);
  }

  /** Closes a session (its diagnostics and tree nodes go with it). */
  close(session: InvestigationSession): void {
    if (!this.sessions.delete(session.id)) return;
    this.sessionListeners.get(session.id)?.dispose();
    this.sessionListeners.delete(session.id);
    if (this.activeId === session.id) this.setActive(this.all.at(-1));
    this.changedSessions.fire();
    session.dispose();
  }

  dispose(): void {
    this.stopping = true;
    for (const s of this.all) this.close(s);
    this.changedSessions.dispose();
    this.changedActive.dispose();
    this.changedSession.dispose();
  }
}
