import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  UnrecognisedExportError,
  type ContainerKind,
  type TextEncoding,
} from '../../../src/core/containers/types';
import { fixtureBytes, openBytes, readRows } from '../../support/containerFixtures/readRows';
import { fixturePath } from '../../support/paths';

/** What each committed fixture must be detected as. */
const EXPECTED: [string, ContainerKind, TextEncoding][] = [
  ['purview-classic-crlf.csv', 'purview-csv-classic', 'utf-8'],
  ['purview-classic-semicolon-lf.csv', 'purview-csv-classic', 'utf-8'],
  ['purview-classic-sep-line.csv', 'purview-csv-classic', 'utf-8'],
  ['purview-classic-excel-unicode-tab.txt', 'purview-csv-classic', 'utf-16le'],
  ['purview-new-bom-crlf.csv', 'purview-csv-new', 'utf-8'],
  ['purview-new-us-dates-lf.csv', 'purview-csv-new', 'utf-8'],
  ['purview-new-broken.csv', 'purview-csv-new', 'utf-8'],
  ['ual-type-line-crlf.csv', 'unified-audit-log-csv', 'utf-8'],
  ['ual-no-type-line-lf.csv', 'unified-audit-log-csv', 'utf-8'],
  ['ual-ps-columns-utf16-bom.csv', 'unified-audit-log-csv', 'utf-16le'],
  ['ual-utf16-no-bom.csv', 'unified-audit-log-csv', 'utf-16le'],
  ['graph-audit.csv', 'graph-audit-csv', 'utf-8'],
  ['defender-advanced-hunting.csv', 'defender-cloudappevents-csv', 'utf-8'],
  ['sentinel-officeactivity.csv', 'sentinel-officeactivity-csv', 'utf-8'],
  ['graph-audit-array.json', 'graph-audit-json', 'utf-8'],
  ['graph-audit-pages.json', 'graph-audit-json', 'utf-8'],
  ['graph-audit-empty-page.json', 'graph-audit-json', 'utf-8'],
  ['powershell-array-crlf.json', 'powershell-json', 'utf-8'],
  ['powershell-concatenated-arrays.json', 'powershell-json', 'utf-8'],
  ['powershell-single-object.json', 'powershell-json', 'utf-8'],
  ['powershell-auditdata-objects.json', 'powershell-json', 'utf-8'],
  ['powershell-raw-audit-array.json', 'powershell-json', 'utf-8'],
  ['powershell-compressed.json', 'powershell-json', 'utf-8'],
  ['powershell-ps51-utf16.json', 'powershell-json', 'utf-16le'],
  ['powershell-broken.json', 'powershell-json', 'utf-8'],
  ['json-lines-raw.jsonl', 'json-lines', 'utf-8'],
  ['json-lines-cmdlet-crlf.jsonl', 'json-lines', 'utf-8'],
  ['json-lines-graph.jsonl', 'json-lines', 'utf-8'],
  ['json-lines-broken.jsonl', 'json-lines', 'utf-8'],
  ['defender-wrapper-lines.json', 'defender-cloudappevents-json', 'utf-8'],
  ['defender-wrapper-array.json', 'defender-cloudappevents-json', 'utf-8'],
  ['sentinel-officeactivity.json', 'sentinel-officeactivity-json', 'utf-8'],
  ['empty.json', 'json-lines', 'utf-8'],
  ['bom-and-blank-lines.csv', 'json-lines', 'utf-8'],
];

describe('openContainer: detection', () => {
  for (const [name, kind, encoding] of EXPECTED) {
    it(`detects ${name} as ${kind} (${encoding})`, async () => {
      const reader = await openBytes(name, fixtureBytes(name));
      assert.equal(reader.kind, kind);
      assert.equal(reader.encoding, encoding);
    });
  }

  it('decides from the content, never from the file name', async () => {
    const csv = await openBytes('looks-like.json', fixtureBytes('purview-classic-crlf.csv'));
    assert.equal(csv.kind, 'purview-csv-classic');
    const json = await openBytes('looks-like.csv', fixtureBytes('json-lines-raw.jsonl'));
    assert.equal(json.kind, 'json-lines');
  });

  it('matches headers case-insensitively, with quotes, extra columns and any order', async () => {
    const text =
      '"EXTRA","auditdata","operations","USERIDS","creationdate"\r\n"x","{""Id"":""1"",""CreationTime"":""2024-01-01T00:00:00""}","Op","u","d"\r\n';
    const reader = await openBytes('odd-header.csv', text);
    assert.equal(reader.kind, 'purview-csv-classic');
    const rows = await readRows(reader);
    assert.deepEqual(rows[0].audit, { Id: '1', CreationTime: '2024-01-01T00:00:00' });
    assert.deepEqual(rows[0].envelope, { operation: 'Op', time: 'd' });
  });

  it('reads the Defender sample itself (one pretty-printed wrapper object)', async () => {
    const bytes = fs.readFileSync(fixturePath('samples', 'sekoia-2024-defender-cloudappevents-wrapper.json'));
    const reader = await openBytes('wrapper.json', bytes);
    assert.equal(reader.kind, 'defender-cloudappevents-json');
    const rows = await readRows(reader);
    assert.equal(rows.length, 1);
    const wrapper = JSON.parse(bytes.toString('utf8')) as {
      properties: { RawEventData: unknown; ActionType: string };
    };
    assert.deepEqual(rows[0].audit, wrapper.properties.RawEventData);
    assert.equal(rows[0].envelope?.operation, 'MailItemsAccessed');
    assert.equal(rows[0].envelope?.time, '2024-10-03T11:23:17Z');
  });

  it('opens an empty file or one with only a BOM and blank lines, and yields no rows', async () => {
    for (const name of ['empty.json', 'bom-and-blank-lines.csv']) {
      const bytes = fixtureBytes(name);
      const seen: Buffer[] = [];
      const rows = await readRows(await openBytes(name, bytes), {
        onBytes: (c) => seen.push(Buffer.from(c)),
      });
      assert.deepEqual(rows, []);
      assert.ok(Buffer.concat(seen).equals(bytes), `${name}: every byte still goes to onBytes`);
    }
    const utf16Empty = Buffer.from([0xff, 0xfe, 0x0d, 0x00, 0x0a, 0x00]);
    assert.deepEqual(await readRows(await openBytes('u16.csv', utf16Empty)), []);
  });

  it('reads an empty Graph page and an empty array as exports without rows', async () => {
    assert.deepEqual(
      await readRows(await openBytes('p.json', fixtureBytes('graph-audit-empty-page.json'))),
      [],
    );
    const empty = await openBytes('a.json', '[]\n');
    assert.equal(empty.kind, 'powershell-json');
    assert.deepEqual(await readRows(empty), []);
  });

  async function unrecognised(name: string, bytes: Buffer | string): Promise<UnrecognisedExportError> {
    try {
      await openBytes(name, bytes);
    } catch (error) {
      assert.ok(
        error instanceof UnrecognisedExportError,
        `expected UnrecognisedExportError, got ${String(error)}`,
      );
      return error;
    }
    assert.fail(`${name} was recognised`);
  }

  it('rejects a CSV of something else, naming the file, its first line and the containers expected', async () => {
    const error = await unrecognised('staff.csv', fixtureBytes('unrecognised.csv'));
    assert.equal(error.path, '/evidence/staff.csv');
    assert.match(error.message, /^\/evidence\/staff\.csv: not a recognised MailItemsAccessed export/);
    assert.match(error.message, /"Name,Email,Department"/);
    for (const container of [
      'Purview audit CSV',
      'Search-UnifiedAuditLog',
      'Graph audit',
      'PowerShell',
      'JSON Lines',
      'Defender CloudAppEvents',
      'Sentinel OfficeActivity',
    ]) {
      assert.ok(error.message.includes(container), `message names ${container}`);
    }
  });

  it('rejects JSON whose objects are no audit records', async () => {
    const error = await unrecognised('people.json', fixtureBytes('unrecognised-json.json'));
    assert.match(error.message, /people\.json: .*none of the fields of an audit record/);
  });

  it('rejects binary noise, UTF-16 big-endian and text that only starts like JSON, without hanging', async () => {
    let seed = 7;
    const noise = Buffer.alloc(20000);
    for (let i = 0; i < noise.length; i++)
      noise[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    await unrecognised('noise.bin', noise);
    await unrecognised('noise2.bin', Buffer.concat([Buffer.from('{'), noise]));
    const be = await unrecognised('be.csv', Buffer.from([0xfe, 0xff, 0, 0x43, 0, 0x72]));
    assert.match(be.message, /big-endian/);
    await unrecognised('junk.json', '{ this is not json at all');
    // Control characters from the file never reach the message.
    const ctl = await unrecognised('ctl.csv', 'a\u001b[31mb,c\r\n');
    assert.ok(!ctl.message.includes('\u001b'));
  });
});
