import * as assert from 'node:assert/strict';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatInputTime,
  formatIsoWithZone,
  formatOffset,
  offsetFor,
  parseInputTime,
  recordCountText,
} from '../../../webview/logic/timeFormat';

const t = Date.UTC(2025, 2, 1, 10, 5, 9, 42);

describe('timeFormat', () => {
  it('formats UTC and shifted wall-clock times', () => {
    assert.equal(formatDateTime(t, 0), '2025-03-01 10:05:09');
    assert.equal(formatDateTime(t, 0, true), '2025-03-01 10:05:09.042');
    assert.equal(formatDateTime(t, 60), '2025-03-01 11:05:09');
    assert.equal(formatDateTime(t, -11 * 60), '2025-02-28 23:05:09');
    assert.equal(formatDateTime(Number.NaN, 0), '');
  });

  it('writes zones and ISO strings', () => {
    assert.equal(formatOffset(0), '+00:00');
    assert.equal(formatOffset(330), '+05:30');
    assert.equal(formatOffset(-300), '-05:00');
    assert.equal(formatIsoWithZone(t, 0), '2025-03-01T10:05:09Z');
    assert.equal(formatIsoWithZone(t, 120), '2025-03-01T12:05:09+02:00');
  });

  it('uses no offset for UTC and the given local offset otherwise', () => {
    assert.equal(
      offsetFor('utc', t, () => 120),
      0,
    );
    assert.equal(
      offsetFor('local', t, () => 120),
      120,
    );
  });

  it('parses the forms an analyst types, in UTC or with an explicit zone', () => {
    assert.equal(parseInputTime('2025-03-01', 'utc'), Date.UTC(2025, 2, 1));
    assert.equal(parseInputTime('2025-03-01 10:05', 'utc'), Date.UTC(2025, 2, 1, 10, 5));
    assert.equal(
      parseInputTime('2025-03-01T10:05:09Z', 'local', () => 120),
      Date.UTC(2025, 2, 1, 10, 5, 9),
    );
    assert.equal(parseInputTime('2025-03-01T10:05:09.5Z', 'utc'), Date.UTC(2025, 2, 1, 10, 5, 9, 500));
    assert.equal(parseInputTime('2025-03-01T12:05+02:00', 'utc'), Date.UTC(2025, 2, 1, 10, 5));
    assert.equal(parseInputTime(' 2025-03-01T05:05-0500 ', 'utc'), Date.UTC(2025, 2, 1, 10, 5));
  });

  it('reads a zone-less time as local wall-clock time in local mode', () => {
    assert.equal(
      parseInputTime('2025-03-01 11:00', 'local', () => 60),
      Date.UTC(2025, 2, 1, 10, 0),
    );
    assert.equal(
      parseInputTime('2025-03-01 00:30', 'local', () => -300),
      Date.UTC(2025, 2, 1, 5, 30),
    );
  });

  it('rejects what is not a time', () => {
    for (const text of [
      '',
      'yesterday',
      '2025-13-01',
      '2025-02-30',
      '2025-03-01 25:00',
      '2025-03-01T10:00+5',
    ]) {
      assert.equal(parseInputTime(text, 'utc'), undefined, text);
    }
  });

  it('round-trips the input format', () => {
    const text = formatInputTime(Date.UTC(2025, 2, 1, 10, 0), 0);
    assert.equal(text, '2025-03-01 10:00');
    assert.equal(parseInputTime(text, 'utc'), Date.UTC(2025, 2, 1, 10, 0));
    assert.equal(formatInputTime(t, 0), '2025-03-01 10:05:09');
  });

  it('counts records with grouped digits and bytes in units', () => {
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(recordCountText(12, 3456), '12 of 3,456 records');
    assert.equal(recordCountText(1, 1), '1 of 1 record');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(250 * 1024 * 1024), '250 MB');
  });
});
