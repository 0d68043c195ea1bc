import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadMessageMetadata } from '../../../../src/core/enrich/metadata/loadMessageMetadata';
import type { MetadataStore } from '../../../../src/core/enrich/metadata/metadataStore';
import { fixturePath } from '../../../support/paths';

const fx = (name: string) => fixturePath('metadata', name);
const load = (name: string, chunkSize?: number): Promise<MetadataStore> =>
  loadMessageMetadata([fx(name)], { chunkSize });

const CEAF = '<ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com>';

describe('enrich/metadata formats', () => {
  it('Purview Results.csv (UTF-8 BOM, CRLF): every field, Document ID as text, the row without id rejected', async () => {
    const store = await load('purview-results.csv');
    const [src] = store.sources;
    assert.equal(src.format, 'purview-results');
    assert.equal(src.encoding, 'utf-8');
    assert.equal(src.bom, true);
    assert.equal(src.rows, 4);
    assert.equal(src.messages, 3);
    assert.deepEqual(src.rejected, [{ line: 4, reason: 'no message id in the row' }]);
    assert.equal(
      src.sha256,
      createHash('sha256')
        .update(readFileSync(fx('purview-results.csv')))
        .digest('hex'),
    );
    const m = store.lookup(CEAF);
    assert.ok(m);
    assert.equal(m.subject, 'Q3 budget review');
    assert.equal(m.sender, 'Bowen, Alex <alex.wilber@devcooks.onmicrosoft.com>');
    assert.deepEqual(m.recipients, [
      'nelson@o365.devcooks.com',
      'lidia.holloway@devcooks.onmicrosoft.com',
      'nestor.wilke@devcooks.onmicrosoft.com',
    ]);
    assert.equal(m.sentMs, Date.UTC(2022, 5, 13, 9, 12, 33));
    assert.equal(m.receivedMs, Date.UTC(2022, 5, 13, 9, 12, 35));
    assert.equal(m.hasAttachments, true);
    assert.equal(m.sizeBytes, 48213);
    assert.equal(m.location, 'nelson@o365.devcooks.com');
    assert.equal(m.folderPath, '/Inbox/Projects');
    assert.equal(m.documentId, '0004711000000000001');
    assert.equal(typeof m.documentId, 'string');
    assert.deepEqual(m.origins, [{ sourceIndex: 0, line: 2 }]);
    // Quoted cells with "" escapes and markup come back as the literal text.
    assert.equal(
      store.lookup('<ae042a57-4cd4-466a-adf0-417549c30a96@az.westeurope.production.microsoft.com>')?.subject,
      'Invoice 2022-118, "urgent"',
    );
    const spaced = store.lookup('abccdb15-1bd4-476f-88f8-0bde5349cb61@az.westus2.production.microsoft.com');
    assert.equal(spaced?.subject, '<b>Re: Wire transfer</b>');
    assert.equal(
      spaced?.internetMessageId,
      'abccdb15-1bd4-476f-88f8-0bde5349cb61@az.westus2.production.microsoft.com',
    );
  });

  it('Results.csv re-saved by a spreadsheet: ";", all quoted, day-first dates, ="…" ids, localised values', async () => {
    const store = await load('purview-results-resaved.csv');
    const [src] = store.sources;
    assert.equal(src.format, 'purview-results');
    assert.equal(src.dateOrder, 'day-first');
    const m = store.lookup(CEAF);
    assert.equal(m?.subject, 'Q3 budget review (re-saved)');
    assert.equal(m?.documentId, '0000000000123');
    assert.equal(m?.sizeBytes, 48213);
    assert.equal(m?.hasAttachments, true);
    assert.equal(m?.sentMs, Date.UTC(2022, 5, 13, 9, 12));
    // 05/06/2022 alone could be either; the file's 13/06/2022 settles it as 5 June.
    const lunch = store.lookup('<5c06433f-d7f6-48c7-8752-72f5cf93011c@az.westus.production.microsoft.com>');
    assert.equal(lunch?.documentId, '0000000000124');
    assert.equal(lunch?.sentMs, Date.UTC(2022, 5, 5, 14, 5));
    assert.equal(lunch?.hasAttachments, false);
    // A row with unreadable values is kept; the values are left out with a warning naming the line.
    const broken = store.lookup('<broken-date@devcooks.onmicrosoft.com>');
    assert.equal(broken?.subject, 'Broken date');
    assert.equal(broken?.sentMs, undefined);
    assert.equal(broken?.hasAttachments, undefined);
    assert.deepEqual(
      src.warnings.map((w) => w.line),
      [4, 4],
    );
    assert.match(src.warnings[0].reason, /31\/02\/2022/);
    assert.deepEqual(src.rejected, []);
  });

  it('Results.csv saved as Unicode text: UTF-16LE with BOM, tab-delimited, non-ASCII subject', async () => {
    const store = await load('purview-results-unicode-text.txt');
    const [src] = store.sources;
    assert.equal(src.encoding, 'utf-16le');
    assert.equal(src.bom, true);
    const m = store.lookup(CEAF);
    assert.equal(m?.subject, 'Réunion budgétaire – 会議');
    assert.equal(m?.receivedMs, Date.UTC(2022, 5, 13, 9, 12, 35));
    assert.equal(m?.documentId, '0004711000000000009');
  });

  it('eDiscovery (Premium) load file: ids with and without brackets, To and Cc joined', async () => {
    const store = await load('ediscovery-premium.csv');
    const [src] = store.sources;
    assert.equal(src.format, 'ediscovery-premium');
    assert.deepEqual(src.rejected, [{ line: 4, reason: 'no message id in the row' }]);
    const a = store.lookup(
      '<AM0PR07MB576312B164491AF0F9214C738DF6A@AM0PR07MB5763.eurprd07.prod.outlook.com>',
    );
    assert.equal(a?.subject, 'Contrat fournisseur 2023');
    assert.equal(a?.folderPath, 'marie.martin@sekoia.example/Boîte de réception/Contrats');
    assert.equal(a?.documentId, '4d2b1f0e-0001');
    const b = store.lookup('AM0PR07MB5763A95F7E4A5BA512692F698DF6A@AM0PR07MB5763.eurprd07.prod.outlook.com');
    assert.deepEqual(b?.recipients, ['marie.martin@sekoia.example', 'paul.durand@sekoia.example']);
    assert.equal(b?.sentMs, Date.UTC(2023, 2, 2, 9, 40));
  });

  it('Get-MessageTrace | Export-Csv: #TYPE line, one row per recipient merged, bad rows rejected, later rows kept', async () => {
    const store = await load('message-trace.csv');
    const [src] = store.sources;
    assert.equal(src.format, 'message-trace');
    assert.deepEqual(src.rejected, [
      { line: 6, reason: 'no message id in the row' },
      { line: 7, reason: 'a quoted field is never closed (unbalanced quote)' },
    ]);
    const m = store.lookup('<abcdef@mail.example.com>');
    assert.equal(m?.subject, 'Overdue invoice #4471');
    assert.equal(m?.sender, 'invoices@supplier.example');
    assert.equal(m?.receivedMs, Date.UTC(2025, 0, 14, 16, 2, 11));
    assert.equal(m?.sizeBytes, 35412);
    // ALICE@… on line 8 repeats alice@… (case-insensitive); carol on line 9 comes after the broken row.
    assert.deepEqual(m?.recipients, [
      'alice@contoso.example',
      'bob@contoso.example',
      'carol@contoso.example',
    ]);
    assert.deepEqual(
      m?.origins.map((o) => o.line),
      [3, 4, 8, 9],
    );
    assert.equal(store.lookup('<unterminated@contoso.example>'), undefined);
  });

  it('admin-centre message trace report: UTF-16LE without BOM, several rows per message merged', async () => {
    const store = await load('message-trace-report-utf16-nobom.csv');
    const [src] = store.sources;
    assert.equal(src.format, 'message-trace-report');
    assert.equal(src.encoding, 'utf-16le');
    assert.equal(src.bom, false);
    assert.equal(src.rows, 3);
    assert.equal(src.messages, 2);
    const m = store.lookup(
      '71CEAEEC-6DC3-4452-839F-6DB34DD95F95@DB5EUR01BG102.EOP-EUR01.PROD.PROTECTION.OUTLOOK.COM',
    );
    assert.equal(m?.subject, 'Your mailbox is almost full');
    assert.equal(m?.receivedMs, Date.UTC(2020, 10, 2, 7, 41, 12, 123), 'the first row wins');
    assert.deepEqual(m?.recipients, ['jsmith@snare.example', 'akumar@snare.example']);
    assert.deepEqual(m?.origins, [
      { sourceIndex: 0, line: 2 },
      { sourceIndex: 0, line: 3 },
    ]);
  });

  it('Graph messages: an array, a { value } page and JSON Lines (PascalCase keys too)', async () => {
    const arr = await load('graph-messages.json');
    assert.equal(arr.sources[0].format, 'graph-messages');
    assert.deepEqual(arr.sources[0].rejected, [{ line: 21, reason: 'the message has no internetMessageId' }]);
    const m = arr.lookup('<1@emsecure.net>');
    assert.equal(m?.subject, 'Votre relevé est disponible');
    assert.equal(m?.sender, 'noreply@emsecure.net');
    assert.deepEqual(m?.recipients, ['victim@sekoia.example']);
    assert.equal(m?.hasAttachments, true);
    assert.equal(m?.sentMs, Date.UTC(2024, 9, 2, 9));

    const page = await load('graph-messages-page.json');
    assert.equal(page.size, 1);
    assert.equal(page.lookup('<2.prod.linkedin.com>')?.sender, 'messages-noreply@linkedin.com');

    const lines = await load('graph-messages.jsonl');
    assert.equal(lines.sources[0].rejected.length, 1);
    assert.equal(lines.sources[0].rejected[0].line, 2);
    assert.equal(lines.lookup('<user3@example.com>')?.sender, 'cfo@example.com');
    assert.equal(lines.lookup('<user3@example.com>')?.hasAttachments, true);
    assert.equal(lines.lookup('<user4@example.com>')?.subject, 'Holiday plans');
  });

  it('reads the same whatever the chunk size (rows and UTF-16 units split across reads)', async () => {
    for (const name of [
      'purview-results.csv',
      'message-trace.csv',
      'message-trace-report-utf16-nobom.csv',
      'graph-messages.json',
    ]) {
      const whole = await load(name);
      for (const chunk of [3, 7, 64]) {
        const small = await load(name, chunk);
        assert.deepEqual([...small.values()], [...whole.values()], `${name} at ${chunk}`);
        assert.deepEqual(small.sources[0].rejected, whole.sources[0].rejected, `${name} at ${chunk}`);
        assert.equal(small.sources[0].sha256, whole.sources[0].sha256);
      }
    }
  });
});
