import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { memoryByteSource } from '../../core/byteSource';
import { openContainer } from '../../core/containers/openContainer';
import type { ContainerKind } from '../../core/containers/types';
import { auditExportExtensions, auditExportViewType } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';

/** Bytes read to recognise an export (a header line or the first JSON elements). */
const sniffBytes = 256 * 1024;
/** workspaceState key: URIs already offered (once per file per workspace, not a nag). */
const offeredKey = 'mia.reopenOffer.offered';
/** Remembered files at most (oldest forgotten first). */
const maxRemembered = 2_000;

const containerNames: Record<ContainerKind, string> = {
  'purview-csv-classic': 'Purview audit search CSV',
  'purview-csv-new': 'Purview audit search CSV',
  'unified-audit-log-csv': 'Search-UnifiedAuditLog CSV',
  'graph-audit-json': 'Graph audit log query JSON',
  'graph-audit-csv': 'Graph audit log query CSV',
  'powershell-json': 'PowerShell audit JSON',
  'json-lines': 'JSON Lines',
  'defender-cloudappevents-json': 'Defender CloudAppEvents JSON',
  'defender-cloudappevents-csv': 'Defender advanced hunting CSV',
  'sentinel-officeactivity-csv': 'Sentinel OfficeActivity CSV',
  'sentinel-officeactivity-json': 'Sentinel OfficeActivity JSON',
};

/** The container of a file, judged from its first bytes, or undefined when it is not an export. */
export async function sniffContainer(file: string): Promise<ContainerKind | undefined> {
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return undefined;
  try {
    return (await openContainer(memoryByteSource(file, head))).kind;
  } catch {
    return undefined;
  }
}

/** One offer made (test hook). */
export interface ReopenOfferMade {
  uri: string;
  container: ContainerKind;
}

/**
 * When a file the engine recognises as an audit export is shown as text, offers once (per file
 * and workspace) to reopen it in the investigator. Files of an open investigation are not offered
 * (the user asked to see their source).
 */
export class ReopenOffer implements vscode.Disposable {
  /** Offers made since activation (test hook). */
  readonly offered: ReopenOfferMade[] = [];
  private readonly checking = new Set<string>();
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: InvestigationStore,
  ) {
    this.listener = vscode.window.onDidChangeVisibleTextEditors((editors) => this.check(editors));
    this.check(vscode.window.visibleTextEditors);
  }

  private remembered(): string[] {
    return this.state.get<string[]>(offeredKey, []);
  }

  private check(editors: readonly vscode.TextEditor[]): void {
    for (const editor of editors) {
      const uri = editor.document.uri;
      const key = uri.toString();
      if (uri.scheme !== 'file' || this.checking.has(key)) continue;
      const ext = path.extname(uri.fsPath).toLowerCase();
      if (!(auditExportExtensions as readonly string[]).includes(ext)) continue;
      if (this.remembered().includes(key) || this.store.findByFile(uri)) continue;
      this.checking.add(key);
      void this.offer(uri).finally(() => this.checking.delete(key));
    }
  }

  private async offer(uri: vscode.Uri): Promise<void> {
    const container = await sniffContainer(uri.fsPath).catch(() => undefined);
    if (!container) return;
    const key = uri.toString();
    // Remembered before asking: a dismissed offer is not repeated either.
    await this.state.update(
      offeredKey,
      [...this.remembered().filter((k) => k !== key), key].slice(-maxRemembered),
    );
    this.offered.push({ uri: key, container });
    const openItem = 'Open';
    const never = "Don't ask again for this file";
    const choice = await vscode.window.showInformationMessage(
      `This looks like a MailItemsAccessed export (${containerNames[container]}). Open it in MailItemsAccessed Investigator?`,
      openItem,
      never,
    );
    if (choice !== openItem) return;
    const column = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === key,
    )?.viewColumn;
    await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType, column);
    // Reopened: the text tab of the same file goes.
    const textTabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => !t.isDirty && t.input instanceof vscode.TabInputText && t.input.uri.toString() === key);
    if (textTabs.length > 0) await vscode.window.tabGroups.close(textTabs);
  }

  dispose(): void {
    this.listener.dispose();
  }
}
