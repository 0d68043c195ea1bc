/** Which renderer writes which container. */
import type { ContainerKind } from '../../../../src/core/containers/types';
import type { Renderer } from './common';
import { renderDefenderCsv, renderDefenderJson } from './defender';
import { renderGraphCsv, renderGraphJson } from './graphAudit';
import { renderJsonLines } from './jsonLines';
import { renderPowerShellJson } from './powershellJson';
import { renderPurviewClassic, renderPurviewNew } from './purviewCsv';
import { renderSentinelCsv, renderSentinelJson } from './sentinel';
import { renderUnifiedAuditLogCsv } from './unifiedAuditLogCsv';

export const RENDERERS: Record<ContainerKind, Renderer> = {
  'purview-csv-classic': renderPurviewClassic,
  'purview-csv-new': renderPurviewNew,
  'unified-audit-log-csv': renderUnifiedAuditLogCsv,
  'graph-audit-json': renderGraphJson,
  'graph-audit-csv': renderGraphCsv,
  'powershell-json': renderPowerShellJson,
  'json-lines': renderJsonLines,
  'defender-cloudappevents-json': renderDefenderJson,
  'defender-cloudappevents-csv': renderDefenderCsv,
  'sentinel-officeactivity-csv': renderSentinelCsv,
  'sentinel-officeactivity-json': renderSentinelJson,
};
