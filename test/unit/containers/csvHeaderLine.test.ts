import * as assert from 'node:assert/strict';
import { memoryByteSource } from '../../../src/core/byteSource';
import { csvHeaderLine } from '../../../src/core/containers/csvHeaderLine';
import { ByteWindow } from '../../../src/core/text/byteWindow';
import { COMMA, SEMICOLON, TAB, type UnitWidth } from '../../../src/core/text/units';

const TOO_LONG = new Error('too long');

/** `csvHeaderLine` over `text` encoded in units of `w` bytes, read 16 bytes at a time. */
async function headerOf(text: string, w: UnitWidth = 1) {
  const bytes = Buffer.from(text, w === 1 ? 'utf8' : 'utf16le');
  const win = new ByteWindow(memoryByteSource('/evidence/x.csv', bytes), {
    chunkSize: 16,
    unitWidth: w,
    size: bytes.length,
  });
  const found = await csvHeaderLine(win, 0, w, () => TOO_LONG);
  return { ...found, size: bytes.length };
}

describe('containers/csv header line', () => {
  it("skips blank lines, a #TYPE line and Excel's sep= hint, which then sets the only delimiter", async () => {
    const text =
      '\r\n#TYPE System.Management.Automation.PSCustomObject\r\n"sep=;"\r\nId;"Audit, Data"\r\n1;2\r\n';
    const { first, header } = await headerOf(text);
    assert.equal(first, '', 'the first line read, whatever it was');
    assert.equal(header?.text, 'Id;"Audit, Data"', 'without its line break');
    assert.deepStrictEqual(header?.splits, [{ delimiter: SEMICOLON, names: ['Id', 'Audit, Data'] }]);
    assert.equal(header?.next, text.indexOf('1;2'), 'the data starts on the next line');
  });

  it('splits a header by every delimiter that reads it, in order; a BOM is not part of a name', async () => {
    const { header } = await headerOf('\uFEFFa,b;c\td\nx');
    assert.deepStrictEqual(header?.splits, [
      { delimiter: COMMA, names: ['a', 'b;c\td'] },
      { delimiter: SEMICOLON, names: ['a,b', 'c\td'] },
      { delimiter: TAB, names: ['a,b;c', 'd'] },
    ]);
  });

  it('reads UTF-16 units, and a header that is the whole file', async () => {
    const { header, size } = await headerOf('\r\nCreationDate,AuditData', 2);
    assert.deepStrictEqual(header?.splits[0], { delimiter: COMMA, names: ['CreationDate', 'AuditData'] });
    assert.equal(header?.next, size);
  });

  it('finds no header in a file of blank and type lines, and names its first line', async () => {
    const { first, header } = await headerOf('#TYPE Deserialized.Thing\n\n\n');
    assert.equal(header, undefined);
    assert.equal(first, '#TYPE Deserialized.Thing');
    assert.equal((await headerOf('')).header, undefined);
  });

  it('gives up after eight lines that are not a header', async () => {
    assert.equal((await headerOf('\n'.repeat(8) + 'a,b\n')).header, undefined);
    assert.equal((await headerOf('\n'.repeat(7) + 'a,b\n')).header?.text, 'a,b');
  });

  it('throws the given error for a line longer than a header can be (1 MiB)', async () => {
    await assert.rejects(headerOf(`${'x'.repeat((1 << 20) + 10)}\na`), TOO_LONG);
    assert.equal((await headerOf(`${'x'.repeat(1000)},y\na`)).header?.splits[0].names[1], 'y');
  });
});
