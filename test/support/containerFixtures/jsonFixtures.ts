import type { Fixture } from './csvFixtures';
import {
  creationIsoZ,
  creationTime,
  defenderWrapper,
  fixtureAudits,
  operationOf,
  recordTypeName,
  type Audit,
} from './records';
import { sentinelRow } from './sentinelRows';
import { encodeText, powershellJson } from './text';

/** A Graph `security/auditLog/queries/{id}/records` item (camelCase envelope, auditData an object). */
export function graphRecord(a: Audit): Record<string, unknown> {
  return {
    id: a.Id,
    createdDateTime: creationIsoZ(a),
    auditLogRecordType: recordTypeName(a).replace(/^E/, 'e'),
    operation: operationOf(a),
    organizationId: a.OrganizationId,
    userType: 'regular',
    userId: a.UserId,
    service: 'Exchange',
    objectId: null,
    userPrincipalName: a.UserId,
    clientIp: a.ClientIPAddress,
    administrativeUnits: [],
    auditData: a,
  };
}

/** A `Search-UnifiedAuditLog` result object as `ConvertTo-Json` writes it. */
export function cmdletObject(
  a: Audit,
  i: number,
  n: number,
  auditAs: 'string' | 'object',
  date: 'iso' | 'ms',
): Record<string, unknown> {
  const t = creationTime(a);
  return {
    RecordType: recordTypeName(a),
    CreationDate: date === 'ms' ? `/Date(${t.getTime()})/` : t.toISOString().slice(0, 19),
    UserIds: a.UserId,
    Operations: operationOf(a),
    AuditData: auditAs === 'string' ? JSON.stringify(a) : a,
    ResultIndex: i + 1,
    ResultCount: n,
    Identity: a.Id,
    IsValid: true,
    ObjectState: 'Unchanged',
  };
}

/** A Defender streaming-export wrapper around one AuditData (built on the published sample). */
function defenderWrapperFor(a: Audit, i: number): Record<string, unknown> {
  const w = defenderWrapper();
  const props = { ...(w.properties as Record<string, unknown>) };
  props.ActionType = operationOf(a);
  props.Timestamp = creationIsoZ(a);
  // Half of them carry RawEventData as JSON text, as some pipelines do.
  props.RawEventData = i % 2 === 0 ? a : JSON.stringify(a);
  return { ...w, time: props.Timestamp, properties: props };
}

/** PS 5.1 writes `/Date(ms)/` with escaped slashes. */
const escapeDates = (json: string) => json.replace(/"\/Date\((\d+)\)\/"/g, '"\\/Date($1)\\/"');

function fixture(name: string, text: string, utf16 = false): Fixture {
  return { name, bytes: encodeText(text, utf16 ? { utf16: true, bom: true } : {}) };
}

/** JSON Lines with broken lines between valid ones (the tests describe each line). */
function brokenLines(audits: Audit[]): string {
  const ok = (a: Audit) => JSON.stringify(a);
  return (
    [
      ok(audits[0]), // 1
      ok(audits[1]).slice(0, 700), // 2: cut short
      ok(audits[2]), // 3
      '{"CreationTime": "2023-09-15T18:16:53", "Id": oops}', // 4: not JSON
      '', // 5: blank
      '[1, 2, 3]', // 6: not an object
      ok(audits[3]), // 7
      '{"Hello": "world"}', // 8: no audit fields
      ok(audits[4]), // 9
    ].join('\n') + '\n'
  );
}

/** A PowerShell pretty array whose third element was cut in the middle of a string. */
function brokenPowershell(audits: Audit[]): string {
  const parts = audits.slice(0, 5).map((a, i) => powershellJson(cmdletObject(a, i, 5, 'string', 'iso')));
  const indent = (s: string) =>
    s
      .split('\r\n')
      .map((l) => `    ${l}`)
      .join('\r\n');
  const elements = parts.map(indent);
  const cut = elements[2].slice(0, elements[2].indexOf('"AuditData"') + 120);
  elements[2] = cut;
  return `[\r\n${elements.join(',\r\n')}\r\n]\r\n`;
}

/** Every JSON container fixture. */
export function jsonFixtures(): Fixture[] {
  const audits = fixtureAudits();
  const n = audits.length;
  const half = Math.ceil(n / 2);
  const graph = audits.map(graphRecord);
  const page = (items: unknown[], next: boolean, nextFirst: boolean) => {
    const link = next
      ? {
          '@odata.nextLink':
            'https://graph.microsoft.com/beta/security/auditLog/queries/1/records?$skiptoken=abc',
        }
      : {};
    return nextFirst
      ? {
          '@odata.context': 'https://graph.microsoft.com/beta/$metadata#security/auditLog/queries/records',
          ...link,
          value: items,
        }
      : {
          '@odata.context': 'https://graph.microsoft.com/beta/$metadata#security/auditLog/queries/records',
          value: items,
          ...link,
        };
  };
  const cmdlets = (as: 'string' | 'object', date: 'iso' | 'ms') =>
    audits.map((a, i) => cmdletObject(a, i, n, as, date));
  const lines = (items: unknown[], eol = '\n') => items.map((x) => JSON.stringify(x)).join(eol) + eol;
  return [
    fixture('graph-audit-array.json', JSON.stringify(graph, null, 2)),
    fixture(
      'graph-audit-pages.json',
      `${JSON.stringify(page(graph.slice(0, half), true, false), null, 2)}\n${JSON.stringify(page(graph.slice(half), false, true))}\n`,
    ),
    fixture('graph-audit-empty-page.json', JSON.stringify(page([], false, false))),
    fixture('powershell-array-crlf.json', powershellJson(cmdlets('string', 'iso'))),
    fixture(
      'powershell-concatenated-arrays.json',
      `${powershellJson(cmdlets('string', 'iso').slice(0, half))}\r\n${powershellJson(cmdlets('object', 'iso').slice(half))}\r\n`,
    ),
    fixture('powershell-single-object.json', powershellJson(cmdlets('object', 'iso')[0])),
    fixture('powershell-auditdata-objects.json', JSON.stringify(cmdlets('object', 'iso'), null, 2)),
    fixture('powershell-raw-audit-array.json', JSON.stringify(audits, null, 2)),
    fixture('powershell-compressed.json', JSON.stringify(cmdlets('string', 'iso'))),
    fixture('powershell-ps51-utf16.json', escapeDates(powershellJson(cmdlets('string', 'ms'))), true),
    fixture('json-lines-raw.jsonl', lines(audits)),
    fixture(
      'json-lines-cmdlet-crlf.jsonl',
      audits
        .map((a, i) => JSON.stringify(cmdletObject(a, i, n, i % 2 === 0 ? 'string' : 'object', 'iso')))
        .join('\r\n\r\n') + '\r\n',
    ),
    fixture('json-lines-graph.jsonl', lines(graph)),
    fixture('defender-wrapper-lines.json', lines(audits.map(defenderWrapperFor))),
    fixture('defender-wrapper-array.json', JSON.stringify(audits.map(defenderWrapperFor), null, 2)),
    fixture(
      'sentinel-officeactivity.json',
      JSON.stringify(
        audits.map((a, i) => sentinelRow(a, i, 'json')),
        null,
        2,
      ),
    ),
    fixture('json-lines-broken.jsonl', brokenLines(audits)),
    fixture('powershell-broken.json', brokenPowershell(audits)),
  ];
}

/** Files that are not exports, or empty ones. */
export function otherFixtures(): Fixture[] {
  return [
    { name: 'empty.json', bytes: Buffer.alloc(0) },
    { name: 'bom-and-blank-lines.csv', bytes: encodeText('\r\n  \r\n', { bom: true }) },
    {
      name: 'unrecognised.csv',
      bytes: encodeText('Name,Email,Department\r\nAlice,alice@example.com,Sales\r\n'),
    },
    { name: 'unrecognised-json.json', bytes: encodeText('[{"name": "Alice"}, {"name": "Bob"}]\n') },
  ];
}
