import { fileByteSource } from '../../core/byteSource';
import { openContainer } from '../../core/containers/openContainer';
import type { Investigation } from '../../core/investigation/investigation';
import { normaliseAudit } from '../../core/normalise/normaliseAudit';
import type { Requests, SkippedRow } from '../../protocol/messages';

type SkippedReply = Requests['skipped'][1];

/** Rejected rows of every source, in source then line order: file, line and the reason. */
export function rejectedRows(investigation: Investigation, limit: number): SkippedReply {
  const rows: SkippedRow[] = [];
  let total = 0;
  for (const s of investigation.sources) {
    total += s.rejected.length;
    for (const r of s.rejected) {
      if (rows.length >= limit) break;
      rows.push({ source: s.path, line: r.line, reason: r.reason });
    }
  }
  return { rows, total };
}

/**
 * Rows of other operations (`UserLoggedIn`, `Send`, …). The engine keeps only their per-source
 * counts (holding every row would cost memory for rows nobody investigates), so the rows are
 * found again on demand: each source that has some is re-read from disk until `limit` rows are
 * found. `total` is the engine's count. Stops early when `signal` aborts.
 */
export async function otherOperationRows(
  investigation: Investigation,
  limit: number,
  signal?: AbortSignal,
): Promise<SkippedReply> {
  const sources = investigation.sources.filter((s) => s.otherOperations > 0);
  const total = investigation.sources.reduce((n, s) => n + s.otherOperations, 0);
  const rows: SkippedRow[] = [];
  for (const s of sources) {
    if (rows.length >= limit || signal?.aborted) break;
    const source = fileByteSource(s.path);
    try {
      const reader = await openContainer(source);
      let found = 0;
      for await (const row of reader.rows({ signal })) {
        if (row.audit === undefined) continue;
        const result = normaliseAudit(row.audit, row.envelope);
        if (result.kind !== 'other') continue;
        rows.push({ source: s.path, line: row.line, reason: `Other operation: ${result.operation}` });
        // Every other-operation row of this source is listed: no need to read the rest of it.
        if (++found >= s.otherOperations || rows.length >= limit) break;
      }
    } finally {
      await source.close();
    }
  }
  return { rows, total };
}
