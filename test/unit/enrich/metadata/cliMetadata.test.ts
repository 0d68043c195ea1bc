import * as assert from 'node:assert/strict';
import { parseCommand } from '../../../../src/cli/args';
import type { MetadataStore } from '../../../../src/core/enrich/metadata/metadataStore';
import type { ScopeReport } from '../../../../src/core/report/reportTypes';
import * as scope from '../../../../src/core/scope/runScope';
import { fixturePath } from '../../../support/paths';
import { runMia as mia } from '../../../support/runCli';

const SAMPLE = fixturePath('samples', 'devcooks-2022-owa-bind-two-folders.json');

describe('cli --metadata', () => {
  it('is repeatable and defaults to none', () => {
    const none = parseCommand(['scope', 'a.csv']);
    assert.ok(none.kind === 'scope');
    assert.deepEqual(none.metadata, []);
    const two = parseCommand(['scope', 'a.csv', '--metadata', 'r.csv', '--metadata', 'folder']);
    assert.ok(two.kind === 'scope');
    assert.deepEqual(two.metadata, ['r.csv', 'folder']);
    assert.deepEqual(two.inputs, ['a.csv']);
  });

  it('loads the files and hands runScope the joined metadata', async () => {
    const real = scope.runScope;
    // The module's exports object: writable in CommonJS, read-only only to the type checker.
    const exportsObject: { runScope: typeof real } = scope;
    let seen: scope.RunScopeOptions | undefined;
    // A spy that records the options and runs the real scope.
    exportsObject.runScope = (o) => ((seen = o), real(o));
    try {
      const run = await mia(
        'scope',
        SAMPLE,
        '--format',
        'json',
        '--metadata',
        fixturePath('metadata', 'purview-results.csv'),
        '--metadata',
        fixturePath('metadata', 'graph-messages.json'),
      );
      assert.equal(run.status, 0, run.stderr);
      const metadata = seen?.enrichment?.metadata as MetadataStore | undefined;
      assert.ok(metadata, 'enrichment.metadata reached runScope');
      assert.equal(metadata.sources.length, 2);
      const report = JSON.parse(run.stdout) as ScopeReport;
      const keys = report.mailboxes.flatMap((m) => m.messages.map((x) => x.key));
      assert.equal(
        metadata.get('ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com')
          ?.subject,
        'Q3 budget review',
      );
      assert.ok(
        keys.includes('ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com'),
      );
    } finally {
      exportsObject.runScope = real;
    }
  });

  it('exits 2 naming the file for a missing or unrecognised metadata file, before reading exports', async () => {
    let run = await mia('scope', SAMPLE, '--metadata', fixturePath('metadata', 'not-metadata.csv'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--metadata .*not-metadata\.csv: not a recognised message metadata file/);
    assert.equal(run.stdout, '');
    run = await mia('scope', SAMPLE, '--metadata', fixturePath('metadata', 'nope.csv'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope\.csv: no such file or folder/);
  });

  it('never writes the report over a metadata file', async () => {
    const file = fixturePath('metadata', 'purview-results.csv');
    const run = await mia('scope', SAMPLE, '--metadata', file, '--out', file);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is a metadata file: evidence is never written/);
  });
});
