import * as assert from 'node:assert/strict';
import { sentinelToAudit } from '../../../src/core/containers/sentinel';

function auditOf(row: Record<string, unknown>): Record<string, unknown> {
  const result = sentinelToAudit(row);
  assert.ok('audit' in result, 'row is rebuilt');
  return result.audit;
}

describe('Sentinel OfficeActivity enum columns', () => {
  it('maps known LogonType and UserType names to their numbers', () => {
    const audit = auditOf({ OfficeId: 'x', Logon_Type: 'Owner', UserType: 'Regular' });
    assert.equal(audit.LogonType, 0);
    assert.equal(audit.UserType, 0);
  });

  it('keeps untrusted names that happen to be Object.prototype members as text', () => {
    const audit = auditOf({ OfficeId: 'x', Logon_Type: 'constructor', UserType: 'toString' });
    assert.equal(audit.LogonType, 'constructor');
    assert.equal(audit.UserType, 'toString');
  });
});
