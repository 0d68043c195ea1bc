import * as assert from 'node:assert/strict';
import {
  followUpScopeFromOptions,
  followUpScopeFromReport,
  isGuid,
} from '../../../src/core/followup/followUpScope';
import { ScopeOptionError } from '../../../src/core/scope/scopeOptions';
import { runScope } from '../../../src/core/scope/runScope';
import { fixturePath } from '../../support/paths';

describe('followup/followUpScope', () => {
  it('from options: times as mia scope reads them, IPs normalised, blanks dropped', () => {
    const scope = followUpScopeFromOptions({
      mailboxes: ['a@x.com', ' A@X.com ', ''],
      from: '2025-03-03',
      to: '2025-03-05T10:00:00+02:00',
      ips: ['[2001:DB8::1]:443', '1.2.3.4:5678'],
      sessions: ['s'],
    });
    assert.deepEqual(scope.mailboxes, ['a@x.com']);
    assert.equal(scope.fromUtc, '2025-03-03T00:00:00Z');
    assert.equal(scope.toUtc, '2025-03-05T08:00:00Z');
    assert.deepEqual(scope.ips, ['2001:db8::1', '1.2.3.4']);
    assert.deepEqual(scope.sessions, ['s']);
    assert.throws(() => followUpScopeFromOptions({ from: 'yesterday' }), ScopeOptionError);
  });

  it('from a report of the published samples: mailboxes, the window the records span, messages and folders found', async () => {
    const report = await runScope({ inputs: [fixturePath('samples')] });
    const scope = followUpScopeFromReport(report);
    const mailboxes = report.mailboxes.map((m) => m.mailbox);
    assert.deepEqual(
      scope.mailboxes,
      [...new Set(mailboxes.map((m) => m.toLowerCase()))].map((k) =>
        mailboxes.find((m) => m.toLowerCase() === k),
      ),
    );
    const messageCount = report.mailboxes.reduce((n, m) => n + m.messages.length, 0);
    assert.ok(messageCount > 0);
    assert.equal(scope.messages.length, messageCount);
    for (const m of scope.messages)
      assert.equal(
        m.key,
        m.key
          .trim()
          .toLowerCase()
          .replace(/^<(.*)>$/, '$1'),
      );
    const firsts = report.mailboxes.map((m) => m.firstUtc!).sort();
    const lasts = report.mailboxes.map((m) => m.lastUtc!).sort();
    assert.equal(scope.fromUtc, firsts[0]);
    assert.ok(scope.toUtc! > lasts[lasts.length - 1], 'the exclusive end is after the last record');
    // Accounts other than the owners that read (app-only access in the samples).
    for (const a of scope.actors)
      assert.ok(!scope.mailboxes.some((m) => m.toLowerCase() === a.toLowerCase()));
  });

  it('from a filtered report: the filters are the scope', async () => {
    const report = await runScope({
      inputs: [fixturePath('samples')],
      from: '2020-01-01',
      to: '2030-01-01',
      ips: ['[2001:DB8::1]:443'],
    });
    const scope = followUpScopeFromReport(report);
    assert.equal(scope.fromUtc, '2020-01-01T00:00:00Z');
    assert.equal(scope.toUtc, '2030-01-01T00:00:00Z');
    assert.deepEqual(scope.ips, ['2001:db8::1']);
  });

  it('isGuid tells a MailboxGuid from a UPN', () => {
    assert.ok(isGuid('2c4f5f3e-1111-2222-3333-444455556666'));
    assert.ok(!isGuid('alex@contoso.com'));
  });
});
