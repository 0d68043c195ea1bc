import * as assert from 'node:assert/strict';
import { formatUtc, parseUtcTime } from '../../../src/core/normalise/time';

describe('normalise/time', () => {
  it('reads a time without Z as UTC', () => {
    assert.equal(parseUtcTime('2023-09-15T18:16:53'), Date.UTC(2023, 8, 15, 18, 16, 53));
  });

  it('honours Z and offsets', () => {
    assert.equal(parseUtcTime('2024-10-03T11:23:17Z'), Date.UTC(2024, 9, 3, 11, 23, 17));
    assert.equal(parseUtcTime('2024-10-03T13:23:17+02:00'), Date.UTC(2024, 9, 3, 11, 23, 17));
    assert.equal(parseUtcTime('2024-10-03T06:23:17-0500'), Date.UTC(2024, 9, 3, 11, 23, 17));
  });

  it('keeps milliseconds and truncates longer fractions (7 decimals from the portal)', () => {
    assert.equal(parseUtcTime('2024-10-03T11:29:06.6566759Z'), Date.UTC(2024, 9, 3, 11, 29, 6, 656));
    assert.equal(parseUtcTime('2024-10-03T11:29:06.5'), Date.UTC(2024, 9, 3, 11, 29, 6, 500));
  });

  it('accepts PowerShell /Date(ms)/', () => {
    assert.equal(parseUtcTime('/Date(1694801813000)/'), 1694801813000);
    assert.equal(parseUtcTime('/Date(1694801813000+0200)/'), 1694801813000);
  });

  it('reads the common form exactly as the general reader does (same time with Z appended)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (const year of [0, 99, 100, 1900, 1999, 2000, 2023, 2024, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const [sep, clock] of [
            ['T', '00:00:00'],
            [' ', '23:59:59'],
            ['T', '24:00:00'],
            ['T', '12:60:00'],
            ['T', '12:00:60'],
          ]) {
            const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${sep}${clock}`;
            assert.equal(parseUtcTime(s), parseUtcTime(`${s}Z`), s);
            checked++;
          }
        }
      }
    }
    assert.equal(checked, 9 * 14 * 33 * 5);
    for (const odd of [
      '2023-09-15t18:16:53',
      '2023-09-15T18:16:5x',
      '+023-09-15T18:16:53',
      ' 2023-09-15T18:16:53 ',
    ]) {
      assert.equal(parseUtcTime(odd), parseUtcTime(`${odd.trim()}Z`), odd);
    }
  });

  it('rejects impossible and foreign forms', () => {
    for (const bad of [
      '2023-02-30T00:00:00',
      '2023-13-01T00:00:00',
      '2023-01-01T24:00:00',
      '3/12/2025 10:00:00 AM',
      'yesterday',
      '',
    ]) {
      assert.equal(parseUtcTime(bad), undefined, bad);
    }
  });

  it('accepts a bare date only when asked (command-line bounds)', () => {
    assert.equal(parseUtcTime('2024-05-01'), undefined);
    assert.equal(parseUtcTime('2024-05-01', true), Date.UTC(2024, 4, 1));
  });

  it('formats whole seconds without milliseconds and keeps non-zero ones', () => {
    assert.equal(formatUtc(Date.UTC(2023, 8, 15, 18, 16, 53)), '2023-09-15T18:16:53Z');
    assert.equal(formatUtc(Date.UTC(2023, 8, 15, 18, 16, 53, 250)), '2023-09-15T18:16:53.250Z');
  });
});
