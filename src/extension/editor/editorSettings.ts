import * as vscode from 'vscode';
import type { ThrottleOptions } from '../../core/analysis/throttle';
import { settingDefaults, settingKeys, settingsSection } from '../constants';

/** The throttle model's parameters from the `mia.throttle.*` settings (spec §1 defaults). */
export function throttleSettings(): ThrottleOptions {
  const config = vscode.workspace.getConfiguration(settingsSection);
  const threshold = config.get<number>(settingKeys.throttleThreshold, settingDefaults.throttleThreshold);
  const hours = config.get<number>(settingKeys.throttleWindowHours, settingDefaults.throttleWindowHours);
  // A hand-edited settings.json can hold anything: fall back to the defaults rather than fail.
  return {
    threshold:
      Number.isFinite(threshold) && threshold >= 1
        ? Math.floor(threshold)
        : settingDefaults.throttleThreshold,
    hours: Number.isFinite(hours) && hours > 0 ? hours : settingDefaults.throttleWindowHours,
  };
}

/**
 * The zone the webview names its "local time" after (a label only: the webview formats local time
 * in its own zone, which is the machine's zone in desktop VS Code).
 */
export function localTimeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}
