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
  addMetadata: 'mia.addMetadata',
  copyFollowUpQuery: 'mia.copyFollowUpQuery',
  // Tree, Findings and raw-record commands (menus and clicks; hidden from the palette).
  openRecord: 'mia.openRecord',
  openMessage: 'mia.openMessage',
  openFinding: 'mia.openFinding',
  showMore: 'mia.showMore',
  filterBySession: 'mia.filterBySession',
  filterByIp: 'mia.filterByIp',
  clearFilter: 'mia.clearFilter',
  copyMessageId: 'mia.copyMessageId',
  groupBySession: 'mia.groupBySession',
  groupByMailbox: 'mia.groupByMailbox',
} as const;

/** Context keys set by the extension (used in package.json `when` clauses). */
export const contextKeys = {
  /** How the Mailboxes tree groups: `mailbox` (default) or `session`. */
  mailboxesGrouping: 'mia.mailboxes.grouping',
  /** True while the active investigation's shared filter is not empty. */
  filtered: 'mia.filtered',
  /** True while at least one investigation is open (offers "Add Export to Investigation"). */
  investigationOpen: 'mia.investigationOpen',
} as const;

/** URI scheme of the read-only raw AuditData documents (language `jsonc`). */
export const rawRecordScheme = 'mia-raw';

/** URI scheme of the scoping reports opened as documents or previews. */
export const reportScheme = 'mia-report';

/** `source` of every diagnostic the extension publishes. */
export const diagnosticSource = 'MailItemsAccessed';

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
  ipDatabase: 'enrichment.ipDatabase',
  indexEnabled: 'index.enabled',
  reportsMaxShownMB: 'reports.maxShownMB',
} as const;

/** Defaults of the settings (the manifest declares the same values; a test compares them). */
export const settingDefaults = {
  throttleThreshold: 1000,
  throttleWindowHours: 24,
  diagnosticsMaxPerKind: 100,
  displayTimeZone: 'UTC',
  ipDatabase: '',
  indexEnabled: true,
  reportsMaxShownMB: 20,
} as const;

/** File extensions the custom editor is offered for (lower case, with the dot). */
export const auditExportExtensions = ['.csv', '.json', '.jsonl', '.ndjson'] as const;
