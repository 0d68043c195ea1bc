import microsoftApps from './data/microsoftApps.json';

/** Microsoft Graph's application id: when it is the `AppId`, the calling app is `ClientAppId`. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** A hand-curated entry: a known mail client or an app known to be abused. */
export interface CuratedApp {
  appId: string;
  name: string;
  publisher: 'microsoft' | 'third-party';
  kind: 'mail-client' | 'abused' | 'service';
  /** Why it is listed, with the public source. */
  note: string;
}

/** Where the Microsoft first-party list comes from (shown in reports and the README). */
export const microsoftAppsSource: { source: string; license: string; commit: string; date: string } = {
  source: microsoftApps.source,
  license: microsoftApps.license,
  commit: microsoftApps.commit,
  date: microsoftApps.date,
};

let microsoft: Map<string, string> | undefined;

/** Microsoft first-party application ids → display name (merill/microsoft-info, MIT). */
export function microsoftAppNames(): ReadonlyMap<string, string> {
  if (!microsoft) {
    microsoft = new Map();
    for (const [id, name] of microsoftApps.apps) microsoft.set(id.toLowerCase(), name);
  }
  return microsoft;
}

const HUNTRESS = 'Huntress Rogue Apps (github.com/huntresslabs/rogueapps, data/rogueapps.toml)';
const RANDOMACCESS3 =
  'randomaccess3/detections M365_Oauth_Apps/MaliciousOauthAppDetections.json (github.com/randomaccess3/detections)';

/**
 * Known mail clients and apps known to be abused in mailbox compromises. Only ids with a public
 * source are listed; the sources are named in `note`:
 * - Microsoft clients: their ids and names are in merill/microsoft-info's MicrosoftApps list;
 * - abused apps: the Huntress Rogue Apps catalogue (huntresslabs/rogueapps, data/rogueapps.toml,
 *   itself citing Darktrace, Secureworks, Kroll, cybercorner.tech) and randomaccess3/detections
 *   (M365_Oauth_Apps/MaliciousOauthAppDetections.json).
 * An entry here wins over the Microsoft list.
 */
export const CURATED_APPS: readonly CuratedApp[] = [
  // Microsoft mail clients (ids and names as in the MicrosoftApps list).
  {
    appId: '27922004-5251-4030-b22d-91ecd9a37ea4',
    name: 'Outlook Mobile',
    publisher: 'microsoft',
    kind: 'mail-client',
    note: 'Outlook for iOS and Android',
  },
  {
    appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    name: 'Microsoft Office',
    publisher: 'microsoft',
    kind: 'mail-client',
    note: 'Outlook desktop and other Office desktop apps',
  },
  {
    appId: '5d661950-3475-41cd-a2c3-d671a3162bc1',
    name: 'Microsoft Outlook',
    publisher: 'microsoft',
    kind: 'mail-client',
    note: 'Outlook client',
  },
  {
    appId: '9199bf20-a13f-4107-85dc-02114787ef48',
    name: 'Outlook Web App',
    publisher: 'microsoft',
    kind: 'mail-client',
    note: 'Outlook on the web (OWA)',
  },
  {
    appId: '00000002-0000-0ff1-ce00-000000000000',
    name: 'Office 365 Exchange Online',
    publisher: 'microsoft',
    kind: 'service',
    note: 'Exchange Online itself (OWA and Exchange protocols)',
  },
  {
    appId: MICROSOFT_GRAPH_APP_ID,
    name: 'Microsoft Graph',
    publisher: 'microsoft',
    kind: 'service',
    note: 'Graph API: the calling app is ClientAppId',
  },
  // Third-party apps abused in business email compromise.
  {
    appId: 'e9a7fea1-1cc0-4cd9-a31b-9137ca5deedd',
    name: 'eM Client',
    publisher: 'third-party',
    kind: 'abused',
    note: `Mail client abused to sync and export mailboxes in BEC; ${HUNTRESS}; ${RANDOMACCESS3}`,
  },
  {
    appId: 'ff8d92dc-3d82-41d6-bcbd-b9174d163620',
    name: 'PERFECTDATA SOFTWARE',
    publisher: 'third-party',
    kind: 'abused',
    note: `Mailbox export tool used to exfiltrate mail; ${HUNTRESS}; ${RANDOMACCESS3}`,
  },
  {
    appId: '2ef68ccc-8a4d-42ff-ae88-2d7bb89ad139',
    name: 'Mail_Backup (PERFECTDATA SOFTWARE)',
    publisher: 'third-party',
    kind: 'abused',
    note: `Renamed PERFECTDATA SOFTWARE, mailbox export; ${HUNTRESS}`,
  },
  {
    appId: 'a245e8c0-b53c-4b67-9b45-751d1dff8e6b',
    name: 'Newsletter Software SuperMailer',
    publisher: 'third-party',
    kind: 'abused',
    note: `Mass-mailing app abused for phishing from compromised mailboxes; ${HUNTRESS}; ${RANDOMACCESS3}`,
  },
  {
    appId: 'b15665d9-eda6-4092-8539-0eec376afd59',
    name: 'rclone',
    publisher: 'third-party',
    kind: 'abused',
    note: `Cloud storage sync tool used for exfiltration; ${HUNTRESS}`,
  },
  {
    appId: '4761b959-9780-4c2d-87a3-512b4638f767',
    name: 'rclone',
    publisher: 'third-party',
    kind: 'abused',
    note: `Cloud storage sync tool used for exfiltration; ${RANDOMACCESS3}`,
  },
  {
    appId: 'a43e5392-f48b-46a4-a0f1-098b5eeb4757',
    name: 'CloudSponge',
    publisher: 'third-party',
    kind: 'abused',
    note: `Address book export used to find phishing targets; ${HUNTRESS}; ${RANDOMACCESS3}`,
  },
  {
    appId: 'caffae8c-0882-4c81-9a27-d1803af53a40',
    name: 'SigParser',
    publisher: 'third-party',
    kind: 'abused',
    note: `Contact and signature harvesting from mail; ${HUNTRESS}`,
  },
  {
    appId: '858d7e42-35f0-44b7-9033-df309239a47f',
    name: 'ZoomInfo Login',
    publisher: 'third-party',
    kind: 'abused',
    note: `Address book exfiltration; ${RANDOMACCESS3}`,
  },
  {
    appId: '77468577-4f6e-40e7-b745-11d3d0c28095',
    name: 'Fastmail',
    publisher: 'third-party',
    kind: 'abused',
    note: `Mailbox exfiltration; ${RANDOMACCESS3}`,
  },
];
