import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { memoryByteSource } from '../../../../src/core/byteSource';
import { loadMessageMetadata } from '../../../../src/core/enrich/metadata/loadMessageMetadata';
import { MetadataFileError } from '../../../../src/core/enrich/metadata/metadataErrors';
import { MetadataStore } from '../../../../src/core/enrich/metadata/metadataStore';
import { messageIdKey } from '../../../../src/core/normalise/matchKeys';
import { runScope } from '../../../../src/core/scope/runScope';
import { fixturePath } from '../../../support/paths';

const fx = (name: string) => fixturePath('metadata', name);
const CEAF_KEY = 'ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com';

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<MetadataFileError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof MetadataFileError, String(err));
    assert.match(err.message, pattern);
    return err;
  }
  assert.fail('expected a MetadataFileError');
}

describe('enrich/metadata store', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mia-metadata-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('merges sources in the order added: first non-empty value wins, recipients are united, origins kept', async () => {
    const store = new MetadataStore();
    await store.add(fx('purview-results-resaved.csv'));
    await store.add(fx('purview-results.csv'));
    await store.add(fx('graph-messages.json'));
    const m = store.get(CEAF_KEY);
    assert.ok(m);
    assert.equal(m.subject, 'Q3 budget review (re-saved)', 'the first source added wins');
    assert.equal(m.sender, 'alex.wilber@devcooks.onmicrosoft.com');
    assert.equal(
      m.internetMessageId,
      '<ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com>',
    );
    // Filled from the second source because the first had no Cc.
    assert.deepEqual(m.recipients, [
      'nelson@o365.devcooks.com',
      'lidia.holloway@devcooks.onmicrosoft.com',
      'nestor.wilke@devcooks.onmicrosoft.com',
    ]);
    assert.deepEqual(m.origins, [
      { sourceIndex: 0, line: 2 },
      { sourceIndex: 1, line: 2 },
      { sourceIndex: 2, line: 13 },
    ]);
    assert.equal(store.sources.length, 3);

    const reversed = new MetadataStore();
    await reversed.add(fx('graph-messages.json'));
    await reversed.add(fx('purview-results.csv'));
    assert.equal(reversed.get(CEAF_KEY)?.subject, 'Q3 budget review (from Graph)');
    assert.equal(
      reversed.get(CEAF_KEY)?.hasAttachments,
      false,
      'the first source said false: true later does not override',
    );
    assert.equal(
      reversed.get(CEAF_KEY)?.sizeBytes,
      48213,
      'a field the first source lacked is filled by the next',
    );
  });

  it('adds the same bytes once, even under another name', async () => {
    const copy = path.join(dir, 'copy-of-results.csv');
    copyFileSync(fx('purview-results.csv'), copy);
    const store = new MetadataStore();
    const first = await store.add(fx('purview-results.csv'));
    const again = await store.add(copy);
    assert.equal(again, first);
    assert.equal(store.sources.length, 1);
    assert.equal(store.get(CEAF_KEY)?.origins.length, 1);
  });

  it("joins on the engine's normalised InternetMessageId: every accessed message of the samples is found", async () => {
    const samples = [
      'devcooks-2022-owa-bind-two-folders.json',
      'sekoia-2023-owa-bind-localised-folder.json',
      'sekoia-2025-bind-no-session-no-throttle-flag.json',
      'snare-2020-ios-bind-no-brackets.json',
    ].map((n) => fixturePath('samples', n));
    const report = await runScope({ inputs: samples });
    const keys = report.mailboxes.flatMap((mb) => mb.messages.map((m) => m.key));
    assert.ok(keys.length >= 6);
    const files = readdirSync(fixturePath('metadata'))
      .filter((n) => n !== 'not-metadata.csv')
      .map((n) => fx(n));
    const store = await loadMessageMetadata(files);
    const matched = keys.filter((k) => store.get(k) !== undefined);
    // Written with other brackets, case and spacing than the audit records; all join.
    for (const k of [
      CEAF_KEY,
      'am0pr07mb576312b164491af0f9214c738df6a@am0pr07mb5763.eurprd07.prod.outlook.com',
      'abcdef@mail.example.com',
      '71ceaeec-6dc3-4452-839f-6db34dd95f95@db5eur01bg102.eop-eur01.prod.protection.outlook.com',
    ]) {
      assert.ok(keys.includes(k), `the engine reports ${k}`);
      assert.ok(matched.includes(k), `metadata joins ${k}`);
    }
    for (const m of store.values()) assert.equal(m.key, messageIdKey(m.internetMessageId));
  });

  it('loads a folder of metadata files in name order', async () => {
    const sub = path.join(dir, 'folder');
    mkdirSync(path.join(sub, 'nested'), { recursive: true });
    copyFileSync(fx('graph-messages.json'), path.join(sub, 'b-graph.json'));
    copyFileSync(fx('ediscovery-premium.csv'), path.join(sub, 'a-premium.csv'));
    copyFileSync(fx('message-trace.csv'), path.join(sub, 'nested', 'trace.csv'));
    const store = await loadMessageMetadata([sub]);
    assert.deepEqual(
      store.sources.map((s) => [path.basename(s.path), s.format]),
      [
        ['a-premium.csv', 'ediscovery-premium'],
        ['b-graph.json', 'graph-messages'],
        ['trace.csv', 'message-trace'],
      ],
    );
    assert.ok(store.lookup('<abcdef@mail.example.com>'));
  });

  it('refuses a file that is not metadata, naming the file and why', async () => {
    await rejects(
      loadMessageMetadata([fx('not-metadata.csv')]),
      /not-metadata\.csv: not a recognised message metadata file: the first line is "Name,Value"/,
    );
    await rejects(
      loadMessageMetadata([fixturePath('containers', 'graph-audit.csv')]),
      /graph-audit\.csv: this is an audit export/,
    );
    await rejects(
      loadMessageMetadata([fixturePath('samples', 'devcooks-2022-rest-bind-no-session.json')]),
      /audit export/,
    );
    await rejects(
      loadMessageMetadata([path.join(dir, 'missing.csv')]),
      /missing\.csv: no such file or folder/,
    );
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await rejects(loadMessageMetadata([empty]), /empty\.csv: the file is empty/);
    const be = path.join(dir, 'utf16be.csv');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('\0M\0e', 'latin1')]));
    await rejects(loadMessageMetadata([be]), /utf16be\.csv: UTF-16 big-endian/);
    const store = new MetadataStore();
    await rejects(store.add(fx('not-metadata.csv')), /not-metadata/);
    assert.equal(store.sources.length, 0, 'a refused file leaves the store unchanged');
  });

  it('streams a large file: 20,000 rows across many reads, every row kept', async function () {
    this.timeout(20_000); // a correctness test: a loaded machine must not fail it on time
    const lines = ['Internet Message Id,Subject or Title,Received or Created'];
    for (let i = 0; i < 20000; i++)
      lines.push(
        `<m${i}@big.example>,"Subject, number ${i}",2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      );
    const store = new MetadataStore({ chunkSize: 4096 });
    const stats = await store.add(memoryByteSource('big.csv', lines.join('\r\n')));
    assert.equal(stats.rows, 20000);
    assert.equal(store.size, 20000);
    assert.equal(store.lookup('<M19999@BIG.EXAMPLE>')?.subject, 'Subject, number 19999');
    assert.equal(store.get('m12345@big.example')?.origins[0].line, 12347);
  });

  it('matches headers of other generations and writes (lower case, underscores, quotes)', async () => {
    const text = '"internet_message_id";"SUBJECT OR TITLE";"sender_or_created_by"\n"<X@Y>";"Hello";"a@b"\n';
    const store = new MetadataStore();
    const stats = await store.add(memoryByteSource('gen.csv', text));
    assert.equal(stats.format, 'purview-results');
    assert.equal(store.get('x@y')?.subject, 'Hello');
    assert.equal(store.get('x@y')?.sender, 'a@b');
  });
});
