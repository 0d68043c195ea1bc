import * as vscode from 'vscode';
import type { ThrottleOptions } from '../../core/analysis/throttle';
import { timeFormatter, type TimeFormatter } from '../../core/findings/displayTime';
import { settingDefaults, settingKeys, settingsSection } from '../constants';

/** The settings the investigate features read. */
export interface InvestigateSettings {
  throttle: ThrottleOptions;
  maxPerKind: number;
  timeZone: string;
  formatTime: TimeFormatter;
  /** `mia.enrichment.ipDatabase`: a user MMDB path, or '' for the bundled country database only. */
  ipDatabase: string;
  /** `mia.reports.maxShownMB` in characters: longer reports are saved to a file, not shown. */
  maxShownChars: number;
}

function finite(value: unknown, fallback: number, ok: (n: number) => boolean): number {
  return typeof value === 'number' && Number.isFinite(value) && ok(value) ? value : fallback;
}

/** Reads `mia.*` (a hand-edited settings.json can hold anything: bad values fall back to defaults). */
export function readSettings(): InvestigateSettings {
  const config = vscode.workspace.getConfiguration(settingsSection);
  const threshold = Math.floor(
    finite(config.get(settingKeys.throttleThreshold), settingDefaults.throttleThreshold, (n) => n >= 1),
  );
  const hours = finite(
    config.get(settingKeys.throttleWindowHours),
    settingDefaults.throttleWindowHours,
    (n) => n > 0,
  );
  const maxPerKind = Math.floor(
    finite(
      config.get(settingKeys.diagnosticsMaxPerKind),
      settingDefaults.diagnosticsMaxPerKind,
      (n) => n >= 0,
    ),
  );
  const zone = config.get<unknown>(settingKeys.displayTimeZone);
  const timeZone =
    typeof zone === 'string' && zone.trim() !== '' ? zone.trim() : settingDefaults.displayTimeZone;
  const db = config.get<unknown>(settingKeys.ipDatabase);
  const ipDatabase = typeof db === 'string' ? db.trim() : settingDefaults.ipDatabase;
  // VS Code gives no document over 50 MB to extensions.
  const maxShownMB = finite(
    config.get(settingKeys.reportsMaxShownMB),
    settingDefaults.reportsMaxShownMB,
    (n) => n > 0 && n <= 50,
  );
  return {
    throttle: { threshold, hours },
    maxPerKind,
    timeZone,
    formatTime: timeFormatter(timeZone),
    ipDatabase,
    maxShownChars: Math.floor(maxShownMB * 1024 * 1024),
  };
}

/** Calls `listener` when a `mia.*` setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(settingsSection)) listener();
  });
}
