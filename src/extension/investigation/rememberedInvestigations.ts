import * as vscode from 'vscode';
import { auditExportViewType } from '../constants';
import type { InvestigationStore } from './investigationStore';

/** URI strings of the files shown in investigator tabs (shown or waiting in the background). */
function investigatorTabs(): Set<string> {
  const out = new Set<string>();
  for (const group of vscode.window.tabGroups.all)
    for (const tab of group.tabs)
      if (tab.input instanceof vscode.TabInputCustom && tab.input.viewType === auditExportViewType)
        out.add(tab.input.uri.toString());
  return out;
}

/** workspaceState key: the file lists (URI strings) of the investigations open in this window. */
export const rememberedInvestigationsKey = 'mia.openInvestigations';

/**
 * A closed investigation is forgotten only after this delay: when the window reloads, the
 * extension host may still hear its panels go away before it stops, and the investigation must
 * then come back whole, not be forgotten.
 */
const forgetDelayMs = 5000;

function sameLists(a: readonly string[][], b: readonly string[][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Remembers, per workspace, which export files make up each open investigation (paths only, never
 * contents), so that a window reload, which restores only the editor tabs, re-opens every file of a
 * multi-file investigation as one investigation, in its order. Lists are saved when an
 * investigation opens or gains files, and dropped a little after it closes (not when the extension
 * stops: that is a reload or a shutdown, after which it must come back).
 */
export class RememberedInvestigations implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private forgetTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly store: InvestigationStore,
  ) {
    this.disposables.push(
      store.onDidChangeSessions(() => this.save()),
      // Files added to an open investigation (fires often while loading: cheap when unchanged).
      store.onDidChangeSession(() => this.save()),
      // A tab closed before it was ever shown (so no investigation opened for it).
      vscode.window.tabGroups.onDidChangeTabs(() => this.save()),
    );
  }

  /** The remembered lists (URI strings, in each investigation's order). */
  get lists(): string[][] {
    const value = this.memento.get<unknown>(rememberedInvestigationsKey);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (l): l is string[] => Array.isArray(l) && l.length > 0 && l.every((u) => typeof u === 'string'),
    );
  }

  /**
   * The files of the remembered investigation that held `uri`, in order, when it held more than
   * `uri` alone (the tab restored after a reload belongs to it); else undefined.
   */
  filesWith(uri: vscode.Uri): vscode.Uri[] | undefined {
    const key = uri.toString();
    const list = this.lists.find((l) => l.includes(key));
    if (!list || list.length < 2) return undefined;
    return list.map((u) => vscode.Uri.parse(u, true));
  }

  /**
   * The lists to keep: every open investigation's, plus remembered ones that no open investigation
   * shares a file with but that still have an investigator tab (after a reload, a tab in the
   * background is restored only when it is shown: its investigation must wait for it).
   */
  private current(): string[][] {
    const open = this.store.all.map((s) => s.files.map((f) => f.toString())).filter((l) => l.length > 0);
    const tabs = investigatorTabs();
    const waiting = this.lists.filter(
      (l) => l.some((u) => tabs.has(u)) && !open.some((o) => o.some((u) => l.includes(u))),
    );
    return [...open, ...waiting];
  }

  private save(): void {
    if (this.stopped || this.store.disposing) return;
    const now = this.current();
    const saved = this.lists;
    if (sameLists(now, saved)) {
      clearTimeout(this.forgetTimer);
      this.forgetTimer = undefined;
      return;
    }
    const keys = new Set(now.map((l) => JSON.stringify(l)));
    const forgets = saved.some(
      (l) => !keys.has(JSON.stringify(l)) && !now.some((n) => l.every((u) => n.includes(u))),
    );
    if (!forgets) {
      void this.memento.update(rememberedInvestigationsKey, now);
      return;
    }
    clearTimeout(this.forgetTimer);
    this.forgetTimer = setTimeout(() => {
      this.forgetTimer = undefined;
      if (this.stopped || this.store.disposing) return;
      void this.memento.update(rememberedInvestigationsKey, this.current());
    }, forgetDelayMs);
  }

  dispose(): void {
    this.stopped = true;
    clearTimeout(this.forgetTimer);
    for (const d of this.disposables) d.dispose();
  }
}
