/**
 * `Search-UnifiedAuditLog | Export-Csv`: every field quoted, an optional `#TYPE` line, optional
 * PowerShell remoting columns, CreationDate in the exporting machine's culture.
 */
import { auditJson } from '../json';
import { Rng, hashSeed } from '../prng';
import { localeDate } from '../time';
import { RECORD_TYPE_NAMES } from '../vocabulary';
import {
  assertSupported,
  csvField,
  csvJsonField,
  eolOf,
  formatTime,
  text,
  type Piece,
  type Renderer,
} from './common';

export const UAL_TYPE_LINE =
  '#TYPE Deserialized.Microsoft.Exchange.Data.ApplicationLogic.UnifiedAuditLogEvent';
export const UAL_COLUMNS = [
  'RecordType',
  'CreationDate',
  'UserIds',
  'Operations',
  'AuditData',
  'ResultIndex',
  'ResultCount',
  'Identity',
  'IsValid',
  'ObjectState',
];
export const UAL_PS_COLUMNS = ['PSComputerName', 'RunspaceId', 'PSShowComputerName'];

export const renderUnifiedAuditLogCsv: Renderer = function* (rows, options, total): Iterable<Piece> {
  const eol = eolOf(options);
  const columns = options.psColumns ? [...UAL_PS_COLUMNS, ...UAL_COLUMNS] : UAL_COLUMNS;
  if (options.typeLine) yield { text: UAL_TYPE_LINE + eol };
  yield { text: columns.map((c) => `"${c}"`).join(',') + eol };
  const runspace = new Rng(hashSeed('runspace', options.dateLocale)).guid();
  let index = 0;
  for (const { audit, broken } of rows) {
    assertSupported('unified-audit-log-csv', broken, ['truncated-json', 'broken-quoting']);
    index++;
    const recordType =
      typeof audit.RecordType === 'number'
        ? (RECORD_TYPE_NAMES[audit.RecordType] ?? String(audit.RecordType))
        : '';
    const fields: string[] = [];
    if (options.psColumns)
      fields.push(csvField('outlook.office365.com', true), csvField(runspace, true), csvField('False', true));
    fields.push(
      csvField(recordType, true),
      csvField(
        formatTime(audit, (ms) => localeDate(ms, options.dateLocale)),
        true,
      ),
      csvField(text(audit, 'UserId'), true),
      csvField(text(audit, 'Operation'), true),
      csvJsonField(auditJson(audit), broken, true),
      csvField(String(index), true),
      csvField(String(total ?? index), true),
      csvField(text(audit, 'Id'), true),
      csvField('True', true),
      csvField('Unchanged', true),
    );
    yield { text: fields.join(',') + eol, row: true };
  }
};
