import * as assert from 'node:assert/strict';
import { defenderKql } from '../../../src/core/followup/defenderKql';
import type { FollowUpScope } from '../../../src/core/followup/followUpScope';
import { normaliseIp } from '../../../src/core/normalise/matchKeys';
import { sentinelKql } from '../../../src/core/followup/sentinelKql';
import { emptyScope, HOSTILE, hostileScope, plainScope } from './hostile';
import { describeDiagnostics, kqlDiagnostics, kqlStringLiterals } from './kustoCheck';

const GENERATORS: [string, (s: FollowUpScope) => string, string][] = [
  ['Sentinel (OfficeActivity)', sentinelKql, 'OfficeActivity'],
  ['Defender (CloudAppEvents)', defenderKql, 'CloudAppEvents'],
];

const SCOPES: [string, () => FollowUpScope][] = [
  ['an ordinary scope', () => plainScope()],
  [
    'a scope by MailboxGuid with a client filter',
    () => plainScope({ mailboxes: ['2c4f5f3e-1111-2222-3333-444455556666'], clientInfo: ['Client=OWA'] }),
  ],
  ['everything (no mailbox, window, context or finding)', emptyScope],
  ['hostile values in every field', hostileScope],
];

function assertValid(query: string): void {
  const diagnostics = kqlDiagnostics(query);
  assert.deepEqual(
    diagnostics,
    [],
    `Kusto.Language found ${diagnostics.length} problem(s):\n${describeDiagnostics(query, diagnostics)}\n--- query ---\n${query}`,
  );
}

describe('followup/kql: every query parses and binds in Kusto.Language with no diagnostic', function () {
  this.timeout(120_000);

  for (const [name, generate, table] of GENERATORS) {
    describe(name, () => {
      for (const [scopeName, scope] of SCOPES) {
        it(`${scopeName}`, () => {
          const query = generate(scope());
          assertValid(query);
          assert.match(query, new RegExp(`^${table}$`, 'm'), 'queries the table');
        });
      }

      it('carries each hostile value as a literal whose parsed value is exactly that value', () => {
        const scope = hostileScope();
        const values = kqlStringLiterals(generate(scope));
        for (const v of HOSTILE) {
          assert.ok(values.includes(v), `mailbox/session/app literal ${JSON.stringify(v)}`);
          assert.ok(
            values.includes(`${v.trim().toLowerCase()} ${v.toLowerCase()}`),
            `known message ${JSON.stringify(v)}`,
          );
        }
      });

      it('filters mailbox, window, session, IP and app, and looks properties up by name', () => {
        const query = generate(plainScope());
        assert.match(query, /MailboxOwnerUPN in~ \(h"alex\.wilber@contoso\.com"\)/);
        assert.match(query, />= datetime\(2025-03-03T00:00:00Z\)/);
        assert.match(query, /< datetime\(2025-03-05T00:00:00Z\)/);
        assert.match(query, /SessionId in~ \(h"8f3c1e52-7a44-4c1a-9f0e-2b6d5c7a9e10"\)/);
        assert.match(query, /ClientIp in \(h"203\.0\.113\.7", h"2001:db8::1"\)/);
        assert.match(query, /AppId in~ \(h"00000003-0000-0000-c000-000000000000"\) or ClientAppId in~/);
        assert.match(query, /=~ "MailAccessType"/);
        assert.match(query, /=~ "IsThrottled"/);
        assert.match(query, /AADSessionId/);
        assert.match(query, /mv-expand MiaFolder = MiaFolders/);
        assert.match(query, /mv-expand MiaMessage = MiaMessages/);
        assert.match(query, /ParentFolder/);
        // No filter at all for what the scope leaves open.
        const open = generate(emptyScope());
        assert.doesNotMatch(open, / datetime\(|MailboxOwnerUPN in~|SessionId in~|ClientIp in \(/);
      });
    });
  }

  it('Sentinel reads the renamed columns; Defender reads RawEventData by name', () => {
    const s = sentinelKql(plainScope());
    assert.match(s, /Client_IPAddress/);
    assert.match(s, /column_ifexists\("SessionId", ""\)/);
    assert.match(s, /todynamic\(Folders\)/);
    assert.match(s, /Operation == "MailItemsAccessed"/);
    const d = defenderKql(plainScope());
    assert.match(d, /ActionType == "MailItemsAccessed"/);
    assert.match(d, /RawEventData\.ClientIPAddress/);
    assert.match(d, /RawEventData\.OperationProperties/);
    assert.match(d, /RawEventData\.Folders/);
  });

  describe('the checker is honest: it rejects broken queries', () => {
    it('a column that OfficeActivity does not have (SessionId read directly)', () => {
      const broken = sentinelKql(plainScope()).replace(
        'tostring(column_ifexists("SessionId", ""))',
        'SessionId',
      );
      const diagnostics = kqlDiagnostics(broken);
      assert.ok(
        diagnostics.some((d) => d.code === 'KS142' && /SessionId/.test(d.message)),
        describeDiagnostics(broken, diagnostics) || 'no diagnostic',
      );
    });

    it('a syntax error (an unescaped quote in a literal)', () => {
      const broken = sentinelKql(plainScope()).replace(
        'h"alex.wilber@contoso.com"',
        '"alex"wilber@contoso.com"',
      );
      assert.notDeepEqual(kqlDiagnostics(broken), []);
    });

    it('the wrong table for the columns', () => {
      const broken = defenderKql(plainScope()).replace(/^CloudAppEvents$/m, 'OfficeActivity');
      assert.ok(kqlDiagnostics(broken).some((d) => /RawEventData|Timestamp|ActionType/.test(d.message)));
    });

    it('a value written raw instead of escaped would break out of its literal', () => {
      const raw = sentinelKql(plainScope()).replace('h"alex.wilber@contoso.com"', `"${HOSTILE[0]}"`);
      assert.notDeepEqual(kqlDiagnostics(raw), []);
    });
  });

  it('the KQL IP rule gives what the engine gives (its regular expressions run on the spec forms)', () => {
    // The patterns are taken from the generated query itself, so a change there is seen here.
    const literals = kqlStringLiterals(sentinelKql(plainScope()));
    const bracket = new RegExp(literals.find((l) => l.startsWith('^\\['))!);
    const mapped = new RegExp(literals.find((l) => l.startsWith('(?i)^::ffff:'))!.slice(4), 'i');
    const v4port = new RegExp(literals.find((l) => l.startsWith('^\\d{1,3}'))!);
    const kqlIp = (raw: string): string => {
      const s = raw.trim();
      const b = s.startsWith('[') && s.includes(']') ? (bracket.exec(s)?.[1] ?? '').trim() : s;
      const m = mapped.test(b) ? b.slice(7) : b;
      const p = v4port.test(m) ? m.split(':')[0] : m;
      return p.includes(':') ? p.toLowerCase() : p;
    };
    for (const raw of [
      '1.2.3.4',
      '1.2.3.4:5678',
      '[2001:DB8::1]:443',
      '::ffff:1.2.3.4',
      '::FFFF:10.0.0.1:80',
      '2603:10B6:A03::5',
      ' 10.1.1.1 ',
      '[fe80::1]',
    ]) {
      assert.equal(kqlIp(raw), normaliseIp(raw), raw);
    }
  });
});
