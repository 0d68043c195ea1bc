/**
 * Every id the extension shares with its manifest (package.json "contributes") lives here, so a
 * rename happens in one place and the integration tests can compare the two.
 * Pure data: no `vscode` import, so tests and scripts can load it anywhere.
 */

/** `<publisher>.<name>` from package.json. */
export const extensionId = 'mia-investigator.mailitemsaccessed-investigator';

/** The custom editor (readonly) that opens an audit export. */
export const auditExportViewType = 'mia.auditExport';

/** The activity-bar view container. */
export const viewContainerId = 'mia';

/** Views inside the `mia` container. */
export const viewIds = {
  mailboxes: 'mia.mailboxes',
  findings: 'mia.findings',
} as const;

/** Every contributed command. */
export const commandIds = {
  openExport: 'mia.openExport',
  addExport: 'mia.addExport',
  revealMessage: 'mia.revealMessage',
  scopeReport: 'mia.scopeReport',
  goToMessage: 'mia.goToMessage',
  exportMessageIds: 'mia.exportMessageIds',
  showThrottledWindows: 'mia.showThrottledWindows',
} as const;

/** One contributed command id. */
export type CommandId = (typeof commandIds)[keyof typeof commandIds];

/** The configuration section; keys below are relative to it (`mia.throttle.threshold`, …). */
export const settingsSection = 'mia';

/** Setting keys relative to {@link settingsSection}. */
export const settingKeys = {
  throttleThreshold: 'throttle.threshold',
  throttleWindowHours: 'throttle.windowHours',
  diagnosticsMaxPerKind: 'diagnostics.maxPerKind',
  displayTimeZone: 'display.timeZone',
} as const;

/** Defaults of the settings (the manifest declares the same values; a test compares them). */
export const settingDefaults = {
  throttleThreshold: 1000,
  throttleWindowHours: 24,
  diagnosticsMaxPerKind: 100,
  displayTimeZone: 'UTC',
} as const;

/** File extensions the custom editor is offered for (lower case, with the dot). */
export const auditExportExtensions = ['.csv', '.json', '.jsonl', '.ndjson'] as const;
