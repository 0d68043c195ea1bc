import type { Labeller } from '../enrich/enrichTypes';
import { computeSignals } from '../enrich/signals/sessionSignals';
import type { SignalOptions } from '../enrich/signals/signalTypes';
import type { FindingsInput } from './findings';
import type { Finding, FindingLocation } from './types';

/** Options of `computeSignalFindings`. */
export interface SignalFindingsOptions extends SignalOptions {
  /** Records listed as related information of one signal, at most (default 20; all stay in `records`). */
  maxRelated?: number;
}

/** The order every findings list uses: source, line, code. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.sourceIndex - b.sourceIndex || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Session signals as findings (`mia.signal`, information): each sits on the first record behind it
 * and carries every record in `records`; the next `maxRelated` are related places. Evidence for
 * the analyst, not verdicts.
 */
export function computeSignalFindings(
  input: FindingsInput,
  labels: Labeller,
  options: SignalFindingsOptions = {},
): Finding[] {
  const maxRelated = options.maxRelated ?? 20;
  const { records } = input;
  const time = options.formatTime;
  const out: Finding[] = [];
  for (const s of computeSignals(records, labels, options)) {
    const first = records[s.records[0]];
    const related: FindingLocation[] = s.records.slice(1, 1 + maxRelated).map((i) => {
      const r = records[i];
      return {
        sourceIndex: r.provenance.sourceIndex,
        line: r.provenance.line,
        record: i,
        message: `also behind this signal: ${r.accessType} at ${time ? time(r.timeMs) : new Date(r.timeMs).toISOString()}`,
      };
    });
    const f: Finding = {
      code: 'mia.signal',
      kind: 'signal',
      severity: 'information',
      sourceIndex: first.provenance.sourceIndex,
      line: first.provenance.line,
      title: s.title,
      message: `${s.message} (${s.records.length} record${s.records.length === 1 ? '' : 's'} behind this signal.)`,
      related,
      record: s.records[0],
      signal: s.kind,
      records: s.records,
      startMs: s.startMs,
      endMs: s.endMs,
    };
    if (s.mailbox !== undefined) f.mailbox = s.mailbox;
    if (s.mailboxKey !== undefined) f.mailboxKey = s.mailboxKey;
    out.push(f);
  }
  return out.sort(compareFindings);
}
