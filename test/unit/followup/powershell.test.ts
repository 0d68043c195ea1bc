import * as assert from 'node:assert/strict';
import { psString } from '../../../src/core/followup/escape';
import { powershellAudit } from '../../../src/core/followup/powershellAudit';
import { emptyScope, HOSTILE, hostileScope, plainScope } from './hostile';
import { psStrings } from './psLexer';

/** The single-quoted literals of the `$UserIds = @( ... )` block, decoded. */
function userIds(script: string): string[] {
  const start = script.indexOf('$UserIds = @(');
  const end = script.indexOf('\n)', start);
  return psStrings(script.slice(start, end + 2)).map((s) => s.value);
}

describe('followup/powershell: Search-UnifiedAuditLog re-collection', () => {
  it('tokenizes: every string closed, every bracket balanced (ordinary, empty and hostile scopes)', () => {
    for (const scope of [plainScope(), emptyScope(), hostileScope()]) {
      assert.doesNotThrow(() => psStrings(powershellAudit(scope)));
    }
  });

  it('passes every untrusted value through the escaper: each account is one literal with exactly its value', () => {
    const scope = hostileScope();
    const script = powershellAudit(scope);
    assert.deepEqual(userIds(script), [...HOSTILE]);
    for (const v of HOSTILE) assert.ok(script.includes(psString(v)), `escaped ${JSON.stringify(v)}`);
    // Nothing from the export outside single quotes: no double-quoted string holds a hostile value.
    for (const s of psStrings(script).filter((x) => x.quote === 'double')) {
      for (const v of HOSTILE) assert.ok(!s.value.includes(v), `double-quoted on line ${s.line}`);
    }
  });

  it('re-collects completely: ReturnLargeSet with one SessionId per pass, HighCompleteness, pages to ResultCount, splits at 50,000, de-duplicates by Identity, exports CSV and JSON Lines', () => {
    const script = powershellAudit(plainScope({ actors: ['delegate@contoso.com'] }));
    assert.match(script, /Search-UnifiedAuditLog @Params/);
    assert.match(script, /Operations\s+= 'MailItemsAccessed'/);
    assert.match(script, /SessionCommand = 'ReturnLargeSet'/);
    assert.match(script, /SessionId\s+= \$SessionId/);
    assert.match(script, /if \(\$HasHighCompleteness\) \{ \$Params\.HighCompleteness = \$true \}/);
    assert.match(script, /Parameters\.ContainsKey\('HighCompleteness'\)/);
    assert.match(script, /UserIds = \$UserIds/);
    assert.match(script, /\$Cap = 50000/);
    assert.match(script, /while \(\$Last -lt \$Total\)/);
    assert.match(script, /ResultIndex/);
    assert.match(script, /\$Pending\.Push\(@\(\$From, \$Middle\)\)/);
    assert.match(script, /\$Seen\.ContainsKey\(\$Key\)/);
    assert.match(script, /\$Row\.Identity/);
    assert.match(script, /Export-Csv -Path \$Csv -NoTypeInformation/);
    assert.match(script, /AuditData\.jsonl/);
    // The SessionId is created once per interval attempt, outside the paging loop.
    const session = script.indexOf('$SessionId = [guid]::NewGuid()');
    const paging = script.indexOf('do {');
    assert.ok(session > 0 && session < paging, 'SessionId fixed before paging');
    assert.deepEqual(userIds(script), ['alex.wilber@contoso.com', 'delegate@contoso.com']);
  });

  it('names the window as UTC times parsed invariantly, or a default span when the scope has none', () => {
    const script = powershellAudit(plainScope());
    assert.match(
      script,
      /\$Start = \[datetime\]::Parse\('2025-03-03T00:00:00Z', \[Globalization\.CultureInfo\]::InvariantCulture/,
    );
    assert.match(script, /\$End = \[datetime\]::Parse\('2025-03-05T00:00:00Z'/);
    const open = powershellAudit(emptyScope());
    assert.match(open, /\$Start = \(Get-Date\)\.ToUniversalTime\(\)\.AddDays\(-180\)/);
    assert.match(open, /whole tenant/);
    assert.match(open, /\$UserIds = @\(\)/);
  });

  it('says that a mailbox known only by GUID cannot be searched by -UserIds', () => {
    const script = powershellAudit(plainScope({ mailboxes: ['2c4f5f3e-1111-2222-3333-444455556666'] }));
    assert.match(script, /1 mailbox\(es\) known only by MailboxGuid/);
    assert.deepEqual(userIds(script), []);
  });
});
