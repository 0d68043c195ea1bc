import * as vscode from 'vscode';
import { createLabeller, type OfflineLabeller } from '../../core/enrich/labels/offlineLabeller';
import { computeFindings } from '../../core/findings/findings';
import { compareFindings, computeSignalFindings } from '../../core/findings/signalFindings';
import type { Finding } from '../../core/findings/types';
import type { InvestigationSession } from '../investigation/investigationSession';
import { onDidChangeSettings, readSettings, type InvestigateSettings } from './settings';

interface Entry {
  records: number;
  sources: number;
  version: number;
  findings: Finding[];
  throttled: Map<string, Finding[]>;
}

/**
 * Findings of each session, computed once per state of its records and of the settings, shared by
 * the diagnostics, the Findings view, the tree's warning icons and the commands. Over everything
 * loaded (committed records), never over the filtered subset.
 */
export class SessionAnalysis implements vscode.Disposable {
  private readonly cache = new WeakMap<InvestigationSession, Entry>();
  private version = 0;
  private current: InvestigateSettings = readSettings();
  /**
   * Built on first use (a tree row, a finding, the grid's labels, a report), not at activation:
   * opening the country and ASN databases costs about 200 ms, wasted when no export is opened.
   */
  private labeller: OfflineLabeller | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;

  /** Settings changed: every finding may have changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.listener = onDidChangeSettings(() => {
      const before = this.current.ipDatabase;
      this.current = readSettings();
      // Rebuilt on next use; views refresh on `onDidChange` and ask for it then (with its warnings).
      if (this.current.ipDatabase !== before) this.labeller = undefined;
      this.version++;
      this.changed.fire();
    });
  }

  get settings(): InvestigateSettings {
    return this.current;
  }

  /** The one offline labeller of apps and IPs (issue 7), built from `mia.enrichment.ipDatabase`. */
  get labels(): OfflineLabeller {
    return (this.labeller ??= this.makeLabeller());
  }

  private makeLabeller(): OfflineLabeller {
    const labeller = createLabeller({ ipDatabase: this.current.ipDatabase });
    for (const w of labeller.warnings) void vscode.window.showWarningMessage(`MailItemsAccessed: ${w}`);
    return labeller;
  }

  private entry(session: InvestigationSession): Entry {
    const inv = session.investigation;
    const hit = this.cache.get(session);
    if (
      hit &&
      hit.records === inv.records.length &&
      hit.sources === inv.sources.length &&
      hit.version === this.version
    ) {
      return hit;
    }
    const findings = [
      ...computeFindings(inv, {
        throttle: this.current.throttle,
        formatTime: this.current.formatTime,
      }),
      ...computeSignalFindings(inv, this.labels, { formatTime: this.current.formatTime }),
    ].sort(compareFindings);
    const throttled = new Map<string, Finding[]>();
    for (const f of findings) {
      if (f.code !== 'mia.throttled' || f.mailboxKey === undefined) continue;
      const list = throttled.get(f.mailboxKey);
      if (list) list.push(f);
      else throttled.set(f.mailboxKey, [f]);
    }
    const fresh = {
      records: inv.records.length,
      sources: inv.sources.length,
      version: this.version,
      findings,
      throttled,
    };
    this.cache.set(session, fresh);
    return fresh;
  }

  /** Every finding of the session (uncapped), by source and line. */
  findings(session: InvestigationSession): Finding[] {
    return this.entry(session).findings;
  }

  /** Throttle-window findings by mailbox key. */
  throttled(session: InvestigationSession): ReadonlyMap<string, Finding[]> {
    return this.entry(session).throttled;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
