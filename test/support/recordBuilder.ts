import type { MiaRecord } from '../../src/core/model';

let next = 0;

/** A normalised record with sensible defaults, for tests of code downstream of normalisation. */
export function buildRecord(overrides: Partial<MiaRecord> = {}): MiaRecord {
  next++;
  const mailbox = overrides.mailbox ?? 'alice@contoso.com';
  return {
    id: `00000000-0000-0000-0000-${String(next).padStart(12, '0')}`,
    timeMs: Date.UTC(2025, 2, 1, 10, 0, 0),
    mailbox,
    mailboxKey: mailbox.toLowerCase(),
    accessType: 'Bind',
    folders: [
      { path: '\\Inbox', key: 'inbox', items: [{ internetMessageId: `<m${next}@x>`, key: `m${next}@x` }] },
    ],
    provenance: { sourceIndex: 0, line: next + 1, offset: next * 100, length: 100 },
    ...overrides,
  };
}
