import * as assert from 'node:assert/strict';
import { detectCsvFormat, headerKey } from '../../../../src/core/enrich/metadata/metadataHeaders';
import {
  cellText,
  parseBoolean,
  parseDate,
  parseRecipients,
  parseSize,
} from '../../../../src/core/enrich/metadata/metadataValues';

describe('enrich/metadata values', () => {
  it('matches header names loosely: case, spaces, underscores, BOM and quotes', () => {
    for (const name of [
      'Internet Message Id',
      'InternetMessageId',
      'internet_message_id',
      '\uFEFF"INTERNET MESSAGE ID"',
      ' Internet-Message-ID ',
    ]) {
      assert.equal(headerKey(name), 'internetmessageid', name);
    }
    assert.equal(headerKey('Email_message_ID'), 'emailmessageid');
  });

  it('tells the formats apart by their columns', () => {
    assert.equal(
      detectCsvFormat(['Document ID', 'Subject or Title', 'Internet Message Id'])?.format,
      'purview-results',
    );
    assert.equal(detectCsvFormat(['Email_message_ID', 'Email_subject'])?.format, 'ediscovery-premium');
    assert.equal(
      detectCsvFormat(['MessageId', 'Received', 'SenderAddress', 'MessageTraceId'])?.format,
      'message-trace',
    );
    assert.equal(
      detectCsvFormat(['origin_timestamp_utc', 'sender_address', 'message_subject', 'message_id'])?.format,
      'message-trace-report',
    );
    assert.equal(detectCsvFormat(['CreationDate', 'UserIds', 'Operations', 'AuditData']), undefined);
    assert.equal(detectCsvFormat(['MessageId']), undefined, 'a lone MessageId column says too little');
  });

  it('maps every recipient column (To, Cc, Bcc) and the first of the other aliases', () => {
    const found = detectCsvFormat([
      'Internet Message Id',
      'Recipients in To line',
      'Recipients in Cc line',
      'Subject or Title',
      'Subject',
    ]);
    assert.deepEqual(found?.columns.recipients, [1, 2]);
    assert.deepEqual(found?.columns.subject, [3]);
  });

  it('reads ISO dates with any fraction and zone, as UTC when no zone is written', () => {
    assert.deepEqual(parseDate('2020-11-02T07:41:12.1234567Z'), {
      ms: Date.UTC(2020, 10, 2, 7, 41, 12, 123),
    });
    assert.deepEqual(parseDate('2022-06-13 09:12:33'), { ms: Date.UTC(2022, 5, 13, 9, 12, 33) });
    assert.deepEqual(parseDate('2022-06-13T11:12:33+02:00'), { ms: Date.UTC(2022, 5, 13, 9, 12, 33) });
    assert.ok('error' in parseDate('2022-02-30T00:00:00Z'));
  });

  it('reads spreadsheet dates, settling the day/month order only when the numbers do', () => {
    assert.deepEqual(parseDate('13/06/2022 09:12'), { ms: Date.UTC(2022, 5, 13, 9, 12), order: 'day-first' });
    assert.deepEqual(parseDate('6/14/2023 9:12:33 PM'), {
      ms: Date.UTC(2023, 5, 14, 21, 12, 33),
      order: 'month-first',
    });
    assert.deepEqual(parseDate('14.06.2023 00:05:01'), {
      ms: Date.UTC(2023, 5, 14, 0, 5, 1),
      order: 'day-first',
    });
    assert.deepEqual(parseDate('1/2/2025 12:00:00 AM'), {
      ambiguous: { first: 1, second: 2, year: 2025, timeMs: 0, offsetMs: 0 },
    });
    assert.ok('error' in parseDate('yesterday'));
    assert.ok('error' in parseDate('13/13/2022'));
  });

  it('reads booleans, sizes, recipients and Excel text guards', () => {
    assert.equal(parseBoolean('TRUE'), true);
    assert.equal(parseBoolean('Falsch'), false);
    assert.equal(parseBoolean('maybe'), undefined);
    assert.equal(parseSize('48.213'), 48213);
    assert.equal(parseSize('1,234,567'), 1234567);
    assert.equal(parseSize('12 KB'), undefined);
    assert.deepEqual(parseRecipients('a@x.example; b@x.example'), ['a@x.example', 'b@x.example']);
    assert.deepEqual(parseRecipients('Doe, Jane <jane@x.example>'), ['Doe, Jane <jane@x.example>']);
    assert.deepEqual(parseRecipients('a@x.example,b@x.example'), ['a@x.example', 'b@x.example']);
    assert.deepEqual(parseRecipients('a@x.example##Receive, Deliver;b@x.example##Fail'), [
      'a@x.example',
      'b@x.example',
    ]);
    assert.equal(cellText(' ="000123" '), '000123');
  });
});
