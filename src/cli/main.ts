import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { loadMessageMetadata } from '../core/enrich/metadata/loadMessageMetadata';
import { MetadataFileError } from '../core/enrich/metadata/metadataErrors';
import type { MetadataStore } from '../core/enrich/metadata/metadataStore';
import { createLabeller } from '../core/enrich/labels/offlineLabeller';
import { InputError } from '../core/investigation/types';
import { prestartLoadWorkers } from '../core/investigation/investigation';
import { defaultIndexDir } from '../core/savedIndex/defaultIndexDir';
import { jsonReportInto } from '../core/report/jsonReport';
import { reportChunks } from '../core/report/reportChunks';
import { LateHashError, lateHashes, type LateText } from '../core/report/lateHashes';
import { writeXlsxReport } from '../core/report/xlsxReport';
import type { ScopeReport } from '../core/report/reportTypes';
import { runScope, type RunScopeOptions } from '../core/scope/runScope';
import { ScopeOptionError } from '../core/scope/scopeOptions';
import { HELP, parseCommand, UsageError, type ReportFormat } from './args';
import { runFollowUpCommand } from './followupCommand';
import { ProgressReporter, type ProgressStream } from './progress';
import { packageVersion } from './version';
import { collectGarbage } from './collectGarbage';
import { compileInWorkerThreads } from './workerCompiles';
import { isCliWorker, runAsCliWorker } from './cliWorker';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, failureText } from './exitStatus';
import { writeChunks, writeFilled, type OpenFile } from '../core/report/writeChunks';
import { isStdoutFile, type StdoutFile } from './stdoutFile';
import { writeDrained, type ReportOutput } from './writeDrained';

/** The streams and hooks the CLI uses, injectable for tests. */
export interface CliIo {
  stdout: ReportOutput;
  stderr: ProgressStream;
  signal?: AbortSignal;
  /** Replaces container detection (tests). */
  open?: RunScopeOptions['open'];
  now?: Date;
  /**
   * Standard output when it is a regular file: a JSON report to standard output is written to it
   * as to `--out`'s file (its bytes in large writes), and an export that is that file is refused.
   */
  stdoutFile?: StdoutFile;
}

/**
 * Writes the report in `format` to `target` (a path, or an `OpenFile`, which takes no `late`
 * values). The JSON report is written as bytes straight into the file's buffers (no text per run
 * of messages, no copy from a buffer of its own); the others as their text chunks. Resolves to
 * the bytes written.
 */
function writeReport(
  target: string | OpenFile,
  report: ScopeReport,
  format: Exclude<ReportFormat, 'xlsx'>,
  late: readonly LateText[] = [],
): Promise<number> {
  if (format === 'json') return writeFilled(target, (to) => jsonReportInto(report, to), undefined, late);
  return writeChunks(target, reportChunks(report, format));
}

/**
 * Runs `mia` with `argv` (without `node` and the script) and returns the exit status: 0 when the
 * report was written (rejected rows are listed in it), 2 for a usage error or an input that is
 * missing, unreadable or not a recognised export (the reason on standard error), 1 otherwise.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (status: number, message: string) => {
    io.stderr.write(`mia: ${message}\n`);
    return status;
  };
  if (argv[0] === 'followup') return runFollowUpCommand(argv.slice(1), io);
  let command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT_USAGE, `${err.message}\n(mia --help shows the usage)`);
    throw err;
  }
  if (command.kind === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }

  const outPath = command.out === undefined ? undefined : path.resolve(command.out);
  if (outPath !== undefined && command.inputs.some((i) => path.resolve(i) === outPath)) {
    return fail(
      EXIT_USAGE,
      `--out ${command.out} is one of the inputs: exports are evidence and are never written`,
    );
  }
  if (outPath !== undefined && command.metadata.some((m) => path.resolve(m) === outPath)) {
    return fail(EXIT_USAGE, `--out ${command.out} is a metadata file: evidence is never written`);
  }
  // The load's workers start while the rest is set up (metadata, labels, the saved index). The
  // files are hashed after the load, while the report is built (`runScope`): no hashing worker yet.
  compileInWorkerThreads();
  prestartLoadWorkers(command.inputs, { hashing: false });
  let metadata: MetadataStore | undefined;
  if (command.metadata.length > 0) {
    try {
      metadata = await loadMessageMetadata(command.metadata, { signal: io.signal });
    } catch (err) {
      if (err instanceof MetadataFileError) return fail(EXIT_USAGE, `--metadata ${err.message}`);
      if (io.signal?.aborted) return fail(EXIT_FAILURE, 'cancelled');
      throw err;
    }
  }
  // App and IP labels: the shipped tables always, a user MMDB when named (never the network).
  const labels = createLabeller({ ipDatabase: command.ipDatabase });
  const userDb = command.ipDatabase?.trim();
  if (userDb !== undefined && !labels.databases.some((d) => d.path === userDb))
    return fail(EXIT_USAGE, `--ip-database: ${labels.warnings[0] ?? `${userDb}: not usable`}`);
  for (const w of labels.warnings) io.stderr.write(`mia: ${w}\n`);
  const progress = command.quiet ? undefined : new ProgressReporter(io.stderr);
  let report: ScopeReport;
  try {
    report = await runScope({
      inputs: command.inputs,
      mailboxes: command.mailboxes,
      sessions: command.sessions,
      ips: command.ips,
      clientApps: command.clientApps,
      clientInfo: command.clientInfo,
      from: command.from,
      to: command.to,
      throttleThreshold: command.throttleThreshold,
      throttleHours: command.throttleHours,
      signal: io.signal,
      onProgress: progress && ((p) => progress.update(p)),
      open: io.open,
      now: io.now,
      enrichment: { labels, ...(metadata ? { metadata } : {}) },
      savedIndex: command.noIndex ? undefined : { dir: command.indexDir ?? defaultIndexDir() },
      // Every writer, the workbook's too, writes as it goes, each message made from its row when
      // it is written: a large export's report never holds an object per message.
      deferMessages: true,
      // A JSON report written to a file is written while the exports are hashed (their hashes go
      // in at the end).
      lateHashes: command.format === 'json' && outPath !== undefined,
      onLoaded: collectGarbage,
      // No one waits for a first screen of rows: the workers parse from the first byte, and this
      // thread does not read (and compile the parsing code for) a first MiB of its own.
      ingest: { headBytes: 0 },
      onWarning: (message) => io.stderr.write(`mia: ${message}\n`),
    });
  } catch (err) {
    progress?.done();
    if (err instanceof ScopeOptionError) return fail(EXIT_USAGE, err.message);
    if (err instanceof InputError) return fail(EXIT_USAGE, err.message);
    if (io.signal?.aborted) return fail(EXIT_FAILURE, 'cancelled');
    return fail(EXIT_FAILURE, failureText(err));
  }
  progress?.done();
  // The report is labelled: the IP databases' files and cached pages need not be held while it is written.
  labels.release();

  for (const s of report.skipped) io.stderr.write(`mia: skipped ${s.path}: ${s.reason}\n`);
  for (const s of report.sources) {
    if (s.rejected.length > 0) {
      io.stderr.write(
        `mia: ${s.path}: ${s.rejected.length} row(s) could not be read (listed in the report)\n`,
      );
    }
  }
  if (outPath !== undefined && report.sources.some((s) => path.resolve(s.path) === outPath)) {
    return fail(
      EXIT_USAGE,
      `--out ${command.out} is one of the inputs: exports are evidence and are never written`,
    );
  }
  const stdoutTarget = outPath === undefined ? io.stdoutFile : undefined;
  if (stdoutTarget !== undefined && report.sources.some((s) => isStdoutFile(stdoutTarget, s.path))) {
    return fail(
      EXIT_USAGE,
      'standard output is one of the inputs: exports are evidence and are never written',
    );
  }
  if (command.format === 'xlsx') {
    // parseCommand demands --out for xlsx.
    try {
      await writeFile(outPath!, await writeXlsxReport(report));
    } catch (err) {
      return fail(EXIT_USAGE, `cannot write ${command.out}: ${(err as Error).message}`);
    }
    return EXIT_OK;
  }
  if (outPath === undefined) {
    // Standard output redirected to a regular file: written through its descriptor in large
    // writes that do not hold this thread (the stream wrote each chunk synchronously).
    if (stdoutTarget !== undefined) {
      try {
        await writeReport(stdoutTarget, report, command.format);
      } catch (err) {
        return fail(
          EXIT_FAILURE,
          `cannot write the report to ${stdoutTarget.name}: ${(err as Error).message}`,
        );
      }
      return EXIT_OK;
    }
    await writeDrained(io.stdout, reportChunks(report, command.format));
    return EXIT_OK;
  }
  try {
    await writeReport(outPath, report, command.format, lateHashes(report));
  } catch (err) {
    if (err instanceof LateHashError) return fail(EXIT_FAILURE, err.message);
    return fail(EXIT_USAGE, `cannot write ${command.out}: ${(err as Error).message}`);
  }
  return EXIT_OK;
}

/* istanbul ignore next: the worker thread's entry (launch.ts starts it), exercised by the spawned-CLI test. */
if (require.main === module && isCliWorker()) void runAsCliWorker(main);
