/**
 * `Search-UnifiedAuditLog | ConvertTo-Json` (and Extractor-Suite): cmdlet objects, AuditData as a
 * string or an object, as one array, several concatenated arrays (pages) or a single object.
 * Windows PowerShell 5.1 indents by 4, writes `"key":  value`, escapes <>&' and dates as /Date(ms)/.
 */
import { auditJson, prettyJson, type PrettyOptions } from '../json';
import type { AuditRecord } from '../records';
import { Rng, hashSeed } from '../prng';
import { isoZ, msAjaxDate } from '../time';
import { RECORD_TYPE_NAMES } from '../vocabulary';
import { assertSupported, eolOf, formatTime, text, type Piece, type Renderer } from './common';
import type { ResolvedOptions } from './options';

/** The cmdlet object (`UnifiedAuditRecord`) around one AuditData. */
export function cmdletObject(
  audit: AuditRecord,
  options: ResolvedOptions,
  index: number,
  total: number,
): Record<string, unknown> {
  const ps51 = options.psStyle === 'ps51';
  const out: Record<string, unknown> = {};
  if (ps51) {
    out.PSComputerName = 'outlook.office365.com';
    out.RunspaceId = new Rng(hashSeed('runspace-json')).guid();
    out.PSShowComputerName = false;
  }
  const rt = audit.RecordType;
  out.RecordType = ps51 && typeof rt === 'number' ? (RECORD_TYPE_NAMES[rt] ?? rt) : rt;
  const created = formatTime(audit, ps51 ? msAjaxDate : isoZ);
  if (created) out.CreationDate = created;
  out.UserIds = text(audit, 'UserId');
  out.Operations = text(audit, 'Operation');
  out.AuditData = options.auditDataAs === 'string' ? auditJson(audit) : audit;
  out.ResultIndex = index;
  out.ResultCount = total;
  if (typeof audit.Id === 'string') out.Identity = audit.Id;
  out.IsValid = true;
  out.ObjectState = 'Unchanged';
  return out;
}

export const renderPowerShellJson: Renderer = function* (rows, options, total): Iterable<Piece> {
  const eol = eolOf(options);
  const ps51 = options.psStyle === 'ps51';
  const pretty: PrettyOptions = {
    indent: ps51 ? '    ' : '  ',
    colon: ps51 ? ':  ' : ': ',
    escapeHtml: ps51,
    eol,
  };
  const list = [...rows];
  const count = total ?? list.length;
  if (options.psShape === 'single') {
    if (list.length !== 1) throw new Error(`psShape 'single' needs exactly one row (got ${list.length})`);
    assertSupported('powershell-json', list[0].broken, []);
    yield { text: prettyJson(cmdletObject(list[0].audit, options, 1, count), pretty), row: true };
    yield { text: eol };
    return;
  }
  const pageSize = options.psShape === 'pages' ? Math.max(1, options.pageSize) : Number.MAX_SAFE_INTEGER;
  yield { text: '[' + eol };
  for (let i = 0; i < list.length; i++) {
    assertSupported('powershell-json', list[i].broken, []);
    if (i > 0) yield { text: i % pageSize === 0 ? `${eol}]${eol}[${eol}` : `,${eol}` };
    yield {
      text: prettyJson(cmdletObject(list[i].audit, options, i + 1, count), pretty, pretty.indent),
      row: true,
    };
  }
  yield { text: (list.length ? eol : '') + ']' + eol };
};
