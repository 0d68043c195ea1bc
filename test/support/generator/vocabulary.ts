/**
 * Word lists for synthetic records, modelled on published MailItemsAccessed records
 * (test/fixtures/samples): localised folder names, client strings, app ids, server names.
 */

/** Mailbox languages: Exchange writes folder paths in the mailbox's language. */
export type Locale = 'en' | 'fr' | 'de' | 'it' | 'es';

/** Well-known folders by role, per language, as `Folders[].Path` shows them (leading backslash). */
export const FOLDER_NAMES: Record<Locale, Record<FolderRole, string>> = {
  en: {
    inbox: '\\Inbox',
    sent: '\\Sent Items',
    drafts: '\\Drafts',
    archive: '\\Archive',
    deleted: '\\Deleted Items',
    finance: '\\Inbox\\Finance',
    projects: '\\Inbox\\Projects',
  },
  fr: {
    inbox: '\\Boîte de réception',
    sent: '\\Éléments envoyés',
    drafts: '\\Brouillons',
    archive: '\\Archives',
    deleted: '\\Éléments supprimés',
    finance: '\\Boîte de réception\\Factures',
    projects: '\\Boîte de réception\\Projets',
  },
  de: {
    inbox: '\\Posteingang',
    sent: '\\Gesendete Elemente',
    drafts: '\\Entwürfe',
    archive: '\\Archiv',
    deleted: '\\Gelöschte Elemente',
    finance: '\\Posteingang\\Rechnungen',
    projects: '\\Posteingang\\Projekte',
  },
  it: {
    inbox: '\\Posta in arrivo',
    sent: '\\Posta inviata',
    drafts: '\\Bozze',
    archive: '\\Archivio',
    deleted: '\\Posta eliminata',
    finance: '\\Posta in arrivo\\Fatture',
    projects: '\\Posta in arrivo\\Progetti',
  },
  es: {
    inbox: '\\Bandeja de entrada',
    sent: '\\Elementos enviados',
    drafts: '\\Borradores',
    archive: '\\Archivo',
    deleted: '\\Elementos eliminados',
    finance: '\\Bandeja de entrada\\Facturas',
    projects: '\\Bandeja de entrada\\Proyectos',
  },
};

/** Folder roles, in the order a mailbox's folder list is built. */
export const FOLDER_ROLES = ['inbox', 'sent', 'drafts', 'archive', 'deleted', 'finance', 'projects'] as const;
export type FolderRole = (typeof FOLDER_ROLES)[number];

/** How often messages live in each folder (inbox-heavy, like real mailboxes). */
export const FOLDER_WEIGHTS: readonly (readonly [FolderRole, number])[] = [
  ['inbox', 55],
  ['sent', 15],
  ['archive', 12],
  ['finance', 6],
  ['projects', 6],
  ['deleted', 4],
  ['drafts', 2],
];

/** Client strings seen on MailItemsAccessed records (spec §2). */
export const CLIENT = {
  owa: 'Client=OWA;Action=ViaProxy',
  outlookDesktop: 'Client=MSExchangeRPC',
  rest: 'Client=REST;Client=RESTSystem;;',
  ios: 'Client=OutlookService;Outlook-iOS/2.0;',
  android: 'Client=OutlookService;Outlook-Android/2.0;',
  imap: 'Client=POP3/IMAP4;Protocol=IMAP4',
} as const;

/** Application ids (first-party ones are the real, public ids). */
export const APP = {
  exchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
  graph: '00000003-0000-0000-c000-000000000000',
  outlookMobile: '27922004-5251-4030-b22d-91ecd9a37ea4',
  office: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  owaClient: '9199bf20-a13f-4107-85dc-02114787ef48',
} as const;

/** Exchange Online mailbox server name prefixes (`AM0PR07MB5763`). */
export const SERVER_PREFIXES = ['AM0PR07MB', 'CY5PR05MB', 'DB7PR04MB', 'PAWPR07MB', 'BN8PR12MB', 'LO2P265MB'];
export const SERVER_REGIONS: Record<string, string> = {
  AM0PR07MB: 'eurprd07',
  CY5PR05MB: 'namprd05',
  DB7PR04MB: 'eurprd04',
  PAWPR07MB: 'eurprd07',
  BN8PR12MB: 'namprd12',
  LO2P265MB: 'GBRP265',
};
export const BUILD_VERSIONS = ['15.20.4200.000', '15.20.8293.012', '15.20.8398.025', '15.20.2878.014'];

/** External senders' message-id domains. */
export const EXTERNAL_DOMAINS = [
  'mail.gmail.com',
  'email.amazonses.com',
  'ltx1-app86239.prod.linkedin.com',
  'az.westeurope.production.microsoft.com',
  'az.westus2.production.microsoft.com',
  'mta.mailchimp.example',
  'smtp.partner.example',
];

/** Subjects for items on 2026-shaped records; some carry quotes, commas and non-ASCII on purpose. */
export const SUBJECTS = [
  'Re: Q3 forecast',
  'FW: Board pack – draft v3',
  'Réunion budget T2',
  'Rechnung Nr. 4711',
  'Fattura aprile',
  'Re: "Project Falcon", phase 2',
  'Weekly status, team Nord',
  'Your Microsoft 365 invoice',
  '🎉 Team lunch Friday',
  'Contrat de prestation – signature',
  'Urlaubsantrag Müller',
  'Re: Re: Angebot überarbeitet',
  'Password expiry notice',
  'Minutes: steering committee',
  'Invitation: design review',
  'Documents demandés / requested documents',
];

/** Subjects an attacker going after money looks for. */
export const FINANCE_SUBJECTS = [
  'Virement fournisseur – nouvelles coordonnées',
  'RIB mis à jour',
  'Facture INV-2025-0113',
  'Payment run approval',
  'Wire transfer instructions – urgent',
  'Relevé bancaire février',
  'Échéancier de paiement',
  'Avis de paiement',
];

/** Non-MailItemsAccessed operations that exports hold (counted, never taken for MIA). */
export const OTHER_OPERATIONS = [
  'UserLoggedIn',
  'Send',
  'AttachmentAccess',
  'MoveToDeletedItems',
  'MailboxLogin',
];

/** RecordType numbers and their enum names (containers spell them differently). */
export const RECORD_TYPE_NAMES: Record<number, string> = {
  1: 'ExchangeAdmin',
  2: 'ExchangeItem',
  3: 'ExchangeItemGroup',
  15: 'AzureActiveDirectoryStsLogon',
  50: 'ExchangeItemAggregated',
};

/** camelCase form of a RecordType enum name (Graph's `auditLogRecordType`). */
export function recordTypeCamel(recordType: number): string {
  const name = RECORD_TYPE_NAMES[recordType] ?? `recordType${recordType}`;
  return name.charAt(0).toLowerCase() + name.slice(1);
}
