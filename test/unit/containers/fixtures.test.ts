import * as assert from 'node:assert/strict';
import { containerFixtures } from '../../support/containerFixtures/writeContainerFixtures';
import { fixtureBytes, fixtureNames } from '../../support/containerFixtures/readRows';

describe('container fixtures', () => {
  it('are exactly what the generator builds from the published samples', () => {
    const built = containerFixtures();
    assert.deepEqual(fixtureNames(), built.map((f) => f.name).sort());
    for (const f of built) {
      assert.ok(fixtureBytes(f.name).equals(f.bytes), `${f.name} differs from the generator: regenerate it`);
    }
  });
});
