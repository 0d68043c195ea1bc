import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { miaAudit, otherAudit, syncItemShape } from '../normalise/auditBuilders';
import { jsonLines } from '../investigation/fakeReader';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { TestLabeller, testMetadataIndex, testSource } from './enrichmentFixture';

/** Strings an attacker controls, which every report must show as inert text. */
export const HOSTILE_CLIENT = 'Client=<script>alert(1)</script>|=cmd()';
export const HOSTILE_FOLDER = '\\Inbox <img src=x onerror=alert(2)> [x](http://evil.example) `code` | *bold*';
export const HOSTILE_SUBJECT = '=HYPERLINK("http://evil.example","click"), "quoted"\r\nsecond line';

/**
 * Two overlapping JSON Lines exports on disk: a flagged throttle window, an attacker session with
 * hostile strings, Syncs in both shapes, a duplicate across files, an other operation and a broken
 * row. Returns their paths.
 */
export function writeReportFixture(): { dir: string; first: string; second: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mia-report-'));
  const attackerBind = miaAudit({
    id: 'rec-attacker-1',
    time: '2024-05-01T10:00:00',
    session: 'evil-session',
    ip: '[2001:DB8::66]:443',
    client: HOSTILE_CLIENT,
    folders: [{ path: HOSTILE_FOLDER, ids: ['<Secret-1@contoso.com>', '<secret-2@contoso.com>'] }],
  });
  const items = (attackerBind.Folders as { FolderItems: Record<string, unknown>[] }[])[0].FolderItems;
  items[0].Subject = HOSTILE_SUBJECT;
  const first = path.join(dir, 'export-1.jsonl');
  writeFileSync(
    first,
    jsonLines([
      miaAudit({
        id: 'rec-owner-1',
        time: '2024-05-01T08:00:00',
        session: 'owner-session',
        ip: '192.0.2.10',
        client: 'Client=MSExchangeRPC',
        throttled: 'False',
        folders: [{ path: '\\Inbox', ids: ['<secret-1@contoso.com>'] }],
      }),
      attackerBind,
      otherAudit('rec-login', 'UserLoggedIn', '2024-05-01T09:59:00'),
      '{"Id": "cut short',
    ]),
  );
  const second = path.join(dir, 'export-2.jsonl');
  writeFileSync(
    second,
    jsonLines([
      attackerBind,
      miaAudit({
        id: 'rec-sync-1',
        time: '2024-05-01T11:00:00',
        access: 'Sync',
        session: 'evil-session',
        ip: '2001:db8::66',
        client: 'Client=MSExchangeRPC',
        folders: [{ path: '\\Sent Items', ids: [] }],
      }),
      syncItemShape({
        id: 'rec-sync-2',
        time: '2024-05-01T11:05:00',
        session: 'evil-session',
        ip: '2001:db8::66',
        folderName: 'Inbox',
      }),
      miaAudit({
        id: 'rec-flag',
        time: '2024-05-01T12:00:00',
        session: 'owner-session',
        throttled: 'True',
        folders: [{ path: '\\Inbox', ids: ['<other@contoso.com>'] }],
      }),
    ]),
  );
  return { dir, first, second };
}

/** A sender an attacker could plant in a metadata file: formula-like, markup, an address. */
export const HOSTILE_SENDER = '-2+3 <script>alert(3)</script> boss@contoso.com';
/** An AS organisation name with markup (IP databases are data from outside too). */
export const HOSTILE_AS_ORG = 'Evil <b>Org</b> | =1+1';

/**
 * The report fixture plus a third export a month later (so a coverage gap is unknown for the
 * mailbox), with hand-made metadata (one message unmatched, one placed in the synced `\Sent Items`,
 * a hostile sender) and labels (the attacker's IP with a hostile AS name).
 */
export async function enrichedFixtureReport(): Promise<{ dir: string; report: ScopeReport }> {
  const fx = writeReportFixture();
  const third = path.join(fx.dir, 'export-3.jsonl');
  writeFileSync(
    third,
    jsonLines([
      miaAudit({
        id: 'rec-late',
        time: '2024-06-01T09:00:00',
        session: 'owner-session',
        ip: '192.0.2.10',
        folders: [{ path: '\\Inbox', ids: ['<secret-2@contoso.com>'] }],
      }),
    ]),
  );
  const metadata = testMetadataIndex(
    [
      {
        internetMessageId: '<SECRET-1@contoso.com>',
        subject: 'not used: the audit has one',
        sender: 'ceo@contoso.com',
      },
      {
        internetMessageId: 'secret-2@contoso.com',
        subject: 'Merger plan for contoso.com',
        sender: HOSTILE_SENDER,
        recipients: ['victim@contoso.com'],
        sentMs: Date.UTC(2024, 3, 30, 8, 0, 0),
        hasAttachments: true,
        location: 'victim@contoso.com',
        folderPath: '\\Inbox',
      },
      {
        internetMessageId: '<sent-1@contoso.com>',
        location: 'victim@contoso.com',
        folderPath: '\\Sent Items',
      },
    ],
    [testSource(path.join(fx.dir, 'Results.csv'), { rejected: [{ line: 5, reason: 'unterminated quote' }] })],
  );
  const labels = new TestLabeller(
    {},
    {
      '2001:db8::66': { kind: 'public', asn: 64500, asOrganization: HOSTILE_AS_ORG, country: 'NL' },
      '192.0.2.10': { kind: 'private' },
    },
  );
  const report = await runScope({
    inputs: [fx.first, fx.second, third],
    enrichment: { metadata, labels },
    now: new Date('2026-01-01T00:00:00Z'),
  });
  return { dir: fx.dir, report };
}
