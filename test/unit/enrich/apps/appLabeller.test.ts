import * as assert from 'node:assert/strict';
import { AppLabeller } from '../../../../src/core/enrich/apps/appLabeller';
import {
  CURATED_APPS,
  MICROSOFT_GRAPH_APP_ID,
  microsoftAppNames,
} from '../../../../src/core/enrich/apps/appTables';
import { clientHint } from '../../../../src/core/enrich/apps/clientHints';
import { appLabelText } from '../../../../src/core/enrich/labels/labelText';

const OUTLOOK_MOBILE = '27922004-5251-4030-b22d-91ecd9a37ea4';
const EM_CLIENT = 'e9a7fea1-1cc0-4cd9-a31b-9137ca5deedd';
const PERFECTDATA = 'ff8d92dc-3d82-41d6-bcbd-b9174d163620';
const UNKNOWN = 'b4f2c9e1-7d3a-4e58-9c61-0f8a2d7e5b34';
// In the shipped Microsoft list, not in the curated table: labelled from the JSON alone.
const AZURE_PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';

describe('app labels', () => {
  const apps = new AppLabeller();

  it('ships a Microsoft first-party list (Graph and Exchange Online among them)', () => {
    const names = microsoftAppNames();
    assert.ok(names.size >= 40, `${names.size} ids`);
    assert.equal(names.get(MICROSOFT_GRAPH_APP_ID), 'Microsoft Graph');
    assert.equal(names.get('00000002-0000-0ff1-ce00-000000000000'), 'Office 365 Exchange Online');
  });

  it('labels a Microsoft first-party id from the shipped list, not flagged', () => {
    const name = microsoftAppNames().get(AZURE_PORTAL);
    assert.ok(name, 'the id is in the shipped list');
    assert.ok(!CURATED_APPS.some((a) => a.appId === AZURE_PORTAL));
    const l = apps.label(AZURE_PORTAL);
    assert.deepEqual([l?.publisher, l?.name, l?.flagged, l?.kind], ['microsoft', name, false, undefined]);
    assert.equal(appLabelText(l), `${name} (Microsoft)`);
  });

  it('when AppId is Microsoft Graph the calling app is ClientAppId', () => {
    const viaGraph = apps.label(MICROSOFT_GRAPH_APP_ID, OUTLOOK_MOBILE);
    assert.equal(viaGraph?.appId, OUTLOOK_MOBILE);
    assert.equal(viaGraph?.name, 'Outlook Mobile');
    assert.equal(viaGraph?.kind, 'mail-client');
    // Graph with an unknown client: the unknown client is labelled (and flagged), not Graph.
    const attacker = apps.label(MICROSOFT_GRAPH_APP_ID.toUpperCase(), UNKNOWN);
    assert.equal(attacker?.appId, UNKNOWN);
    assert.equal(attacker?.publisher, 'unknown');
    assert.equal(attacker?.flagged, true);
    // Graph without a ClientAppId is Graph itself.
    assert.equal(apps.label(MICROSOFT_GRAPH_APP_ID)?.name, 'Microsoft Graph');
    // Any other AppId is labelled itself, whatever ClientAppId says.
    assert.equal(apps.label(OUTLOOK_MOBILE, UNKNOWN)?.appId, OUTLOOK_MOBILE);
  });

  it('flags unknown third-party apps', () => {
    const l = apps.label(UNKNOWN);
    assert.equal(l?.publisher, 'unknown');
    assert.equal(l?.flagged, true);
    assert.match(appLabelText(l) ?? '', /unknown app b4f2c9e1-.* \(flagged\)/);
    assert.equal(apps.label(undefined), undefined);
    assert.equal(apps.label('  '), undefined);
    // A ClientAppId alone (no AppId) is labelled.
    assert.equal(apps.label(undefined, OUTLOOK_MOBILE)?.name, 'Outlook Mobile');
  });

  it('flags apps known to be abused in mailbox compromises, with their public source', () => {
    for (const id of [EM_CLIENT, PERFECTDATA]) {
      const l = apps.label(id.toUpperCase());
      assert.equal(l?.kind, 'abused');
      assert.equal(l?.publisher, 'third-party');
      assert.equal(l?.flagged, true);
      assert.match(l?.note ?? '', /huntresslabs\/rogueapps|randomaccess3\/detections/);
    }
    assert.equal(appLabelText(apps.label(EM_CLIENT)), 'eM Client (third-party, abused)');
    // Abused through Graph: the client id decides.
    assert.equal(apps.label(MICROSOFT_GRAPH_APP_ID, PERFECTDATA)?.kind, 'abused');
    // Every abused entry names a source and is a GUID.
    for (const a of CURATED_APPS.filter((x) => x.kind === 'abused')) {
      assert.match(a.appId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(a.note, /github\.com\//, a.name);
    }
  });

  it('recognises mail clients from ClientInfoString hints', () => {
    assert.equal(clientHint('Client=OutlookService;Outlook-iOS/2.0;')?.name, 'Outlook for iOS');
    assert.equal(clientHint('Client=MSExchangeRPC')?.name, 'Outlook desktop');
    assert.equal(clientHint('Client=OWA;Action=ViaProxy')?.name, 'Outlook on the web');
    assert.equal(clientHint('Client=ActiveSync;UserAgent=Apple-iPhone15C4/2401.539')?.name, 'Apple Mail');
    assert.equal(clientHint('Client=REST;Mozilla/5.0 Thunderbird/115.0')?.name, 'Thunderbird');
    assert.deepEqual(clientHint('Client=REST;eM Client/9.2'), { name: 'eM Client', abused: true });
    assert.equal(clientHint('Client=POP3/IMAP4;Protocol=IMAP4')?.name, 'IMAP/POP client');
    assert.equal(clientHint(undefined), undefined);
    assert.equal(clientHint('something else'), undefined);
  });
});
