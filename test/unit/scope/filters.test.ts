import * as assert from 'node:assert/strict';
import { hasContextFilter, recordFilter } from '../../../src/core/scope/filters';
import { resolveScopeOptions, ScopeOptionError } from '../../../src/core/scope/scopeOptions';
import { H, rec, T0 } from '../analysis/records';

const owner = rec({
  timeMs: T0,
  mailbox: 'Victim@Contoso.com',
  session: 'Owner-Sess',
  ip: '192.0.2.10',
  client: 'Client=MSExchangeRPC',
  appId: 'outlook-app',
});
const attacker = rec({
  timeMs: T0 + H,
  mailbox: 'victim@contoso.com',
  session: 'evil-sess',
  ip: '2001:db8::66',
  client: 'Client=OWA;Action=ViaProxy',
  appId: '00000003-0000-0000-c000-000000000000',
  clientAppId: 'EVIL-APP',
});
const other = rec({
  timeMs: T0 + 2 * H,
  mailbox: 'ceo@contoso.com',
  ip: '203.0.113.1',
  client: 'Client=REST;Client=RESTSystem;;',
});
const all = [owner, attacker, other];
const kept = (f: Parameters<typeof recordFilter>[0]) => all.filter(recordFilter(f)).map((r) => r.id);

describe('scope/filters', () => {
  it('no filter keeps everything', () => {
    assert.deepEqual(kept({}), [owner.id, attacker.id, other.id]);
  });

  it('mailboxes, case-insensitively, by UPN or GUID', () => {
    assert.deepEqual(kept({ mailboxes: ['VICTIM@contoso.com'] }), [owner.id, attacker.id]);
    const withGuid = { ...other, mailboxGuid: 'ABCD-1' };
    assert.equal(recordFilter({ mailboxes: ['abcd-1'] })(withGuid), true);
  });

  it('time window [from, to): from inclusive, to exclusive', () => {
    assert.deepEqual(kept({ fromMs: T0 + H }), [attacker.id, other.id]);
    assert.deepEqual(kept({ toMs: T0 + H }), [owner.id]);
    assert.deepEqual(kept({ fromMs: T0, toMs: T0 + 2 * H }), [owner.id, attacker.id]);
  });

  it('sessions, case-insensitively', () => {
    assert.deepEqual(kept({ sessions: ['owner-sess'] }), [owner.id]);
    assert.deepEqual(kept({ sessions: ['owner-sess', 'EVIL-SESS'] }), [owner.id, attacker.id]);
  });

  it('IPs are normalised before comparing', () => {
    assert.deepEqual(kept({ ips: ['[2001:DB8::66]:443'] }), [attacker.id]);
    assert.deepEqual(kept({ ips: ['::ffff:192.0.2.10'] }), [owner.id]);
    assert.deepEqual(kept({ ips: ['203.0.113.1:50000'] }), [other.id]);
  });

  it('client app ids match AppId or ClientAppId', () => {
    assert.deepEqual(kept({ clientApps: ['evil-app'] }), [attacker.id]);
    assert.deepEqual(kept({ clientApps: ['00000003-0000-0000-C000-000000000000'] }), [attacker.id]);
    assert.deepEqual(kept({ clientApps: ['outlook-app'] }), [owner.id]);
  });

  it('ClientInfoString substrings, case-insensitively', () => {
    assert.deepEqual(kept({ clientInfo: ['viaproxy'] }), [attacker.id]);
    assert.deepEqual(kept({ clientInfo: ['rest', 'msexchangerpc'] }), [owner.id, other.id]);
  });

  it('kinds combine with AND', () => {
    assert.deepEqual(kept({ mailboxes: ['victim@contoso.com'], ips: ['203.0.113.1'] }), []);
    assert.deepEqual(kept({ mailboxes: ['victim@contoso.com'], clientInfo: ['owa'], fromMs: T0 + H }), [
      attacker.id,
    ]);
  });

  it('hasContextFilter', () => {
    assert.equal(hasContextFilter({ mailboxes: ['x'], fromMs: 1 }), false);
    assert.equal(hasContextFilter({ ips: ['1.2.3.4'] }), true);
    assert.equal(hasContextFilter({ sessions: [' '] }), false);
  });

  describe('resolveScopeOptions', () => {
    it('reads ISO times as UTC when they name no offset', () => {
      const { filters, throttle } = resolveScopeOptions({
        from: '2024-05-01T08:00:00',
        to: '2024-05-02T10:00:00+02:00',
      });
      assert.equal(filters.fromMs, Date.UTC(2024, 4, 1, 8));
      assert.equal(filters.toMs, Date.UTC(2024, 4, 2, 8));
      assert.deepEqual(throttle, { threshold: 1000, hours: 24 });
    });

    it('rejects bad times, from after to, bad throttle settings', () => {
      assert.throws(() => resolveScopeOptions({ from: 'last tuesday' }), ScopeOptionError);
      assert.throws(() => resolveScopeOptions({ from: '2024-05-02', to: '2024-05-01' }), /must be before/);
      assert.throws(() => resolveScopeOptions({ throttleThreshold: -1 }), /threshold/);
      assert.throws(() => resolveScopeOptions({ throttleHours: 0 }), /hours/);
    });
  });
});
