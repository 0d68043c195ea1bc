/** JSON Lines: one raw AuditData object per line, or one cmdlet object with AuditData as a string. */
import { auditJson } from '../json';
import { assertSupported, eolOf, truncate, type Piece, type Renderer } from './common';
import { cmdletObject } from './powershellJson';

export const renderJsonLines: Renderer = function* (rows, options, total): Iterable<Piece> {
  const eol = eolOf(options);
  const cmdlet = options.linesContent === 'cmdlet';
  const o = { ...options, auditDataAs: 'string' as const, psStyle: 'ps7' as const };
  let index = 0;
  for (const { audit, broken } of rows) {
    assertSupported('json-lines', broken, ['truncated-json']);
    index++;
    const line = cmdlet ? auditJson(cmdletObject(audit, o, index, total ?? index)) : auditJson(audit);
    yield { text: (broken === 'truncated-json' ? truncate(line) : line) + eol, row: true };
  }
};
