/** A mail client recognised from a record's `ClientInfoString`. */
export interface ClientHint {
  name: string;
  /** Third-party clients known to be abused in mailbox compromises (see appTables.ts). */
  abused: boolean;
}

/**
 * What the `ClientInfoString` (spec §2) says about the client, for records with no app id (IMAP,
 * ActiveSync, legacy RPC) or to confirm one. Ordered: the first match wins. Attacker-controlled
 * text, so this is a hint for the analyst, never proof.
 */
const HINTS: readonly [RegExp, ClientHint][] = [
  [/em ?client/i, { name: 'eM Client', abused: true }],
  [/thunderbird/i, { name: 'Thunderbird', abused: false }],
  [/Outlook-iOS/i, { name: 'Outlook for iOS', abused: false }],
  [/Outlook-Android/i, { name: 'Outlook for Android', abused: false }],
  [/Client=OutlookService/i, { name: 'Outlook mobile', abused: false }],
  [
    /Client=MSExchangeRPC|Microsoft Outlook|Client=MSExchangeMapi/i,
    { name: 'Outlook desktop', abused: false },
  ],
  [/Client=OWA/i, { name: 'Outlook on the web', abused: false }],
  [/Apple-|iOS\/|iPhone|iPad|Mac ?OS|macOS/i, { name: 'Apple Mail', abused: false }],
  [/Client=(AirSync|ActiveSync)/i, { name: 'Exchange ActiveSync client', abused: false }],
  [/Protocol=IMAP4|Client=POP3\/IMAP4/i, { name: 'IMAP/POP client', abused: false }],
  [/Client=REST/i, { name: 'REST/Graph client', abused: false }],
];

/** The mail client a `ClientInfoString` names, if any. */
export function clientHint(clientInfo: string | undefined): ClientHint | undefined {
  if (clientInfo === undefined || clientInfo.trim() === '') return undefined;
  for (const [re, hint] of HINTS) if (re.test(clientInfo)) return hint;
  return undefined;
}
