import * as assert from 'node:assert/strict';
import { fixturePath } from '../../support/paths';
import { describeDiagnostics, kqlDiagnostics } from './kustoCheck';
import { runMia as mia } from '../../support/runCli';

describe('cli: mia followup', function () {
  this.timeout(60_000);

  it('prints the Sentinel query of the scope flags, valid KQL naming the mailbox and window', async () => {
    const r = await mia(
      'followup',
      '--kind',
      'sentinel',
      '--mailbox',
      'alex@contoso.com',
      '--from',
      '2025-03-03',
      '--to',
      '2025-03-04',
      '--ip',
      '1.2.3.4:80',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /h"alex@contoso\.com"/);
    assert.match(r.stdout, /TimeGenerated >= datetime\(2025-03-03T00:00:00Z\)/);
    assert.match(r.stdout, /TimeGenerated < datetime\(2025-03-04T00:00:00Z\)/);
    assert.match(r.stdout, /ClientIp in \(h"1\.2\.3\.4"\)/);
    const d = kqlDiagnostics(r.stdout);
    assert.deepEqual(d, [], describeDiagnostics(r.stdout, d));
  });

  it('reads exports when named: graph-messages looks up the messages found', async () => {
    const r = await mia('followup', '--kind', 'graph-messages', fixturePath('samples'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^GET https:\/\/graph\.microsoft\.com\/v1\.0\/users\/[^/\s]+\/messages\?\$filter=internetMessageId%20eq%20/m,
    );
    assert.match(r.stdout, /POST https:\/\/graph\.microsoft\.com\/v1\.0\/\$batch/);
  });

  it('prints each kind', async () => {
    for (const kind of ['defender', 'powershell', 'graph-audit']) {
      const r = await mia(
        'followup',
        '--kind',
        kind,
        '--mailbox',
        'alex@contoso.com',
        '--from',
        '2025-03-03',
        '--to',
        '2025-03-04',
      );
      assert.equal(r.status, 0, `${kind}: ${r.stderr}`);
      assert.match(r.stdout, /alex@contoso\.com/);
    }
    const graph = await mia('followup', '--kind', 'graph-audit', '--mailbox', 'alex@contoso.com');
    assert.deepEqual((JSON.parse(graph.stdout) as { operationFilters: string[] }).operationFilters, [
      'MailItemsAccessed',
    ]);
  });

  it('exits 2 with the reason on a bad kind, a bad time or a missing export', async () => {
    const bad = await mia('followup', '--kind', 'splunk');
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /--kind must be one of sentinel, defender, powershell, graph-audit, graph-messages \(got "splunk"\)/,
    );
    const none = await mia('followup');
    assert.equal(none.status, 2);
    const time = await mia('followup', '--kind', 'sentinel', '--from', 'yesterday');
    assert.equal(time.status, 2);
    assert.match(time.stderr, /not an ISO 8601 date/);
    const missing = await mia('followup', '--kind', 'sentinel', fixturePath('does-not-exist.json'));
    assert.equal(missing.status, 2, missing.stderr);
    const help = await mia('followup', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--kind KIND/);
  });
});
