/** Which rule produced a session signal. */
export type SignalKind =
  /** One session seen from several countries or autonomous systems. */
  | 'multiOrigin'
  /** An IP or app that appears only within a short window of the investigation. */
  | 'shortLived'
  /** Mail read by someone other than the mailbox owner (delegate, admin, app). */
  | 'otherActor'
  /** Records with `ExternalAccess` true. */
  | 'externalAccess'
  /** A token issued by another tenant (`TokenTenantId` ≠ `OrganizationId`). */
  | 'crossTenant'
  /** An app that is unknown or known to be abused. */
  | 'flaggedApp';

/** Every signal kind, in the order they are listed. */
export const SIGNAL_KINDS: readonly SignalKind[] = [
  'multiOrigin',
  'shortLived',
  'otherActor',
  'externalAccess',
  'crossTenant',
  'flaggedApp',
];

/**
 * A fact about the records worth an analyst's look, with every record behind it. A signal is
 * evidence, never a verdict: the owner travelling also shows several countries.
 */
export interface SessionSignal {
  kind: SignalKind;
  /** What it is about: the session id, IP, app id, actor or tenant (as written). */
  subject: string;
  /** Short plain-text label (one line). */
  title: string;
  /** The full sentence(s), plain text, one line. */
  message: string;
  /** Indexes of the records behind it in the input, in time order (never empty). */
  records: number[];
  /** The mailbox, when the signal is about one. */
  mailbox?: string;
  mailboxKey?: string;
  /** First and last record time, epoch ms. */
  startMs: number;
  endMs: number;
}

/** Options of `computeSignals`. */
export interface SignalOptions {
  /** An IP or app whose records all fall within this span is short-lived (default 2 h). */
  shortWindowMs?: number;
  /** …provided the investigation spans at least this long (default 3 days), else everything is short. */
  minInvestigationMs?: number;
  /** How times are written in messages (default ISO 8601 UTC). */
  formatTime?: (ms: number) => string;
}
