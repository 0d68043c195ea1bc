import type { FollowUpScope } from '../../../src/core/followup/followUpScope';

/**
 * Values an attacker can put in an export (a UPN, session id, client string or message id is
 * whatever the record says): quotes of every kind, backslashes, newlines, pipes, semicolons,
 * comment and statement starters, control characters, separators and non-BMP text.
 */
export const HOSTILE = [
  `a"b@contoso.com`,
  `o'brien@contoso.com`,
  'back\\slash\\@x.com',
  'new\nline | where 1==1; drop@x.com',
  'cr\r\nlf\ttab@x.com',
  '"; OfficeActivity | take 1 //',
  "'; Remove-Item -Recurse C:\\ #",
  '$(Invoke-Expression "calc")`n@x.com',
  '‘typographic’‚quotes‛@x.com',
  '*/ #> --> ]]> @x.com',
  'nul\u0000bell\u0007sep\u2028para\u2029@x.com',
  'émoji😀@x.com',
  '%27%22&$filter=1#frag?@x.com',
] as const;

/** A scope holding every hostile value in every field. */
export function hostileScope(): FollowUpScope {
  return {
    mailboxes: [...HOSTILE],
    fromUtc: '2025-03-03T00:00:00Z',
    toUtc: '2025-03-05T12:30:00.500Z',
    sessions: [...HOSTILE],
    ips: [...HOSTILE],
    clientApps: [...HOSTILE],
    clientInfo: [...HOSTILE],
    actors: [...HOSTILE],
    messages: HOSTILE.map((v) => ({ mailbox: v, internetMessageId: `<${v}>`, key: v.toLowerCase() })),
    syncedFolders: HOSTILE.map((v) => ({ mailbox: v, path: `\\${v}`, key: v.toLowerCase() })),
  };
}

/** A small ordinary scope. */
export function plainScope(overrides: Partial<FollowUpScope> = {}): FollowUpScope {
  return {
    mailboxes: ['alex.wilber@contoso.com'],
    fromUtc: '2025-03-03T00:00:00Z',
    toUtc: '2025-03-05T00:00:00Z',
    sessions: ['8f3c1e52-7a44-4c1a-9f0e-2b6d5c7a9e10'],
    ips: ['203.0.113.7', '2001:db8::1'],
    clientApps: ['00000003-0000-0000-c000-000000000000'],
    clientInfo: [],
    actors: [],
    messages: [
      {
        mailbox: 'alex.wilber@contoso.com',
        internetMessageId: '<AM0PR01MB1234@eurprd01.prod.outlook.com>',
        key: 'am0pr01mb1234@eurprd01.prod.outlook.com',
      },
    ],
    syncedFolders: [{ mailbox: 'alex.wilber@contoso.com', path: '\\Inbox', key: 'inbox' }],
    ...overrides,
  };
}

/** A scope with nothing in it: every mailbox, no window, no context, no findings. */
export function emptyScope(): FollowUpScope {
  return {
    mailboxes: [],
    sessions: [],
    ips: [],
    clientApps: [],
    clientInfo: [],
    actors: [],
    messages: [],
    syncedFolders: [],
  };
}
