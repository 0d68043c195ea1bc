import * as assert from 'node:assert/strict';
import {
  defaultIntegrationTimeoutMs,
  integrationTimeoutEnv,
  integrationTimeoutMs,
} from '../../support/harness/extensionHostTests';

describe('harness/integrationTimeoutMs', () => {
  it('is generous by default (15 minutes) when the variable is unset or blank', () => {
    assert.equal(defaultIntegrationTimeoutMs, 900_000);
    assert.equal(integrationTimeoutMs({}), 900_000);
    assert.equal(integrationTimeoutMs({ [integrationTimeoutEnv]: ' ' }), 900_000);
  });

  it('takes MIA_INTEGRATION_TIMEOUT_MS in milliseconds', () => {
    assert.equal(integrationTimeoutEnv, 'MIA_INTEGRATION_TIMEOUT_MS');
    assert.equal(integrationTimeoutMs({ MIA_INTEGRATION_TIMEOUT_MS: '1800000' }), 1_800_000);
  });

  it('refuses a value that is not a positive number, naming the variable', () => {
    for (const bad of ['15m', '0', '-5', 'NaN'])
      assert.throws(
        () => integrationTimeoutMs({ MIA_INTEGRATION_TIMEOUT_MS: bad }),
        new RegExp(`MIA_INTEGRATION_TIMEOUT_MS must be a positive number of milliseconds, not "${bad}"`),
      );
  });
});
