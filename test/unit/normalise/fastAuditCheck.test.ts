import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fastMiaAudit, miaAuditSchema } from '../../../src/core/normalise/auditSchema';
import { canonicalAudit } from '../../../src/core/normalise/auditShape';
import { fixturePath } from '../../support/paths';

/** The AuditData of every published sample (the Defender wrapper carries it in RawEventData). */
function samples(): Record<string, unknown>[] {
  const dir = fixturePath('samples');
  return readdirSync(dir).map((f) => {
    const o = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, unknown>;
    const props = o.properties as Record<string, unknown> | undefined;
    return (props?.RawEventData as Record<string, unknown>) ?? o;
  });
}

/** Values of every kind a field may hold in a hostile or odd export. */
const ODD: unknown[] = [
  'text',
  '',
  ' 12 ',
  '1e3',
  '12abc',
  7,
  1.5,
  NaN,
  Infinity,
  true,
  false,
  {},
  { value: 'x' },
  [],
  [{}],
  [{ Name: 'x' }],
  ['a'],
];

function variants(base: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (p.length > 0) paths.push(p);
    if (Array.isArray(v)) v.slice(0, 2).forEach((x, i) => walk(x, [...p, i]));
    else if (typeof v === 'object' && v !== null)
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(base, []);
  for (const p of paths) {
    for (const odd of ODD) {
      const copy = structuredClone(base);
      let o: Record<string | number, unknown> = copy;
      for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[p[p.length - 1]] = odd;
      out.push(copy);
    }
  }
  return out;
}

describe('normalise/fastMiaAudit', () => {
  it('accepts the published samples, unchanged, as zod does', () => {
    for (const s of samples()) {
      const canon = canonicalAudit(s);
      const fast = fastMiaAudit(canon);
      assert.ok(fast, `sample ${String(s.Id)} should take the fast path`);
      assert.deepEqual(fast, miaAuditSchema.parse(canon));
    }
  });

  it('never accepts what zod rejects, and what it accepts zod returns unchanged', function () {
    this.timeout(30000);
    let accepted = 0;
    let rejected = 0;
    for (const s of samples()) {
      for (const v of variants(s)) {
        const canon = canonicalAudit(v);
        const fast = fastMiaAudit(canon);
        const zod = miaAuditSchema.safeParse(canon);
        if (fast === undefined) {
          rejected++;
          continue;
        }
        accepted++;
        assert.ok(zod.success, `fast path accepted what zod rejects: ${JSON.stringify(canon).slice(0, 300)}`);
        assert.deepEqual(fast, zod.data);
      }
    }
    // Both outcomes must be exercised for the comparison to mean anything.
    assert.ok(accepted > 1000 && rejected > 100, `accepted ${accepted}, rejected ${rejected}`);
  });
});
