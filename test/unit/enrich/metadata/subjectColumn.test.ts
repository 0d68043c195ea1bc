import * as assert from 'node:assert/strict';
import { MetadataStore } from '../../../../src/core/enrich/metadata/metadataStore';
import { loadInvestigation } from '../../../../src/core/investigation/investigation';
import { subjectText } from '../../../../src/core/query/recordColumns';
import { RecordQuery } from '../../../../src/core/query/recordQuery';
import { fixturePath } from '../../../support/paths';

describe('enrich/metadata in the grid (subject column)', () => {
  it("shows the first listed message's subject from the metadata, +N for more, and sorts by it", async () => {
    const investigation = await loadInvestigation([
      fixturePath('samples', 'devcooks-2022-owa-bind-two-folders.json'),
    ]);
    try {
      const records = investigation.records;
      const store = new MetadataStore();
      const query = new RecordQuery(records, store);
      query.run({ text: '', facets: {} }, { column: 'time', descending: false });
      assert.ok(
        query.rows(0, records.length).every((r) => r.cells.subject === ''),
        'nothing known yet',
      );

      await store.add(fixturePath('metadata', 'purview-results.csv'));
      const rows = query.rows(0, records.length);
      const expected = records.map((r) => {
        const items = r.folders.flatMap((f) => f.items);
        if (items.length === 0) return '';
        const subject = store.get(items[0].key)?.subject;
        if (subject === undefined) return '';
        return items.length > 1 ? `${subject} (+${items.length - 1})` : subject;
      });
      assert.deepEqual(
        rows.map((r) => r.cells.subject),
        rows.map((r) => expected[r.record]),
      );
      assert.ok(
        rows.some((r) => r.cells.subject !== ''),
        'some record shows a subject',
      );
      for (const r of rows) assert.equal(r.cells.subject, subjectText(records[r.record], store));

      query.run({ text: '', facets: {} }, { column: 'subject', descending: false });
      const sorted = query.rows(0, records.length).map((r) => r.cells.subject.toLowerCase());
      assert.deepEqual(sorted, [...sorted].sort());
    } finally {
      await investigation.close();
    }
  });
});
