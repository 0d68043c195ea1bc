import type { ScopeReport } from './reportTypes';

/**
 * Text written now that stands for text known later, of the same length in bytes (see the CLI's
 * `writeFilled`): a report's source hashes, computed while the report is written.
 */
export interface LateText {
  readonly placeholder: string;
  readonly value: Promise<string>;
}

/** A hash held back (`holdLateHashes`) that could not be computed: the report is incomplete. */
export class LateHashError extends Error {}

const late = new WeakMap<ScopeReport, LateText[]>();

/**
 * Stands in the sources at `indices` of `report` a placeholder of a SHA-256's length (64
 * characters that cannot pass for one) for the hash `filling` writes over it in the report before
 * it settles.
 */
export function holdLateHashes(
  report: ScopeReport,
  indices: readonly number[],
  filling: Promise<void>,
): void {
  const run = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const texts = indices.map((i) => {
    const placeholder = `sha256-pending-${run}-${String(i).padStart(6, '0')}`.padEnd(64, '-');
    report.sources[i].sha256 = placeholder;
    const value = filling.then(
      () => report.sources[i].sha256,
      (err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        throw new LateHashError(`cannot hash ${report.sources[i].path}: ${reason}`);
      },
    );
    // Handled here too: a caller that stops before writing the report never awaits it.
    value.catch(() => undefined);
    return { placeholder, value };
  });
  late.set(report, texts);
}

/** The hashes of `report` still being computed, with their placeholders (none: all are known). */
export function lateHashes(report: ScopeReport): readonly LateText[] {
  return late.get(report) ?? [];
}
