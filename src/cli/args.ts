import { parseArgs } from 'node:util';

/** Report formats of `mia scope`. */
export type ReportFormat = 'json' | 'markdown' | 'html' | 'csv' | 'xlsx';

/** A parsed `mia` command line. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'scope';
      inputs: string[];
      format: ReportFormat;
      out?: string;
      quiet: boolean;
      mailboxes: string[];
      sessions: string[];
      ips: string[];
      clientApps: string[];
      clientInfo: string[];
      from?: string;
      to?: string;
      throttleThreshold?: number;
      throttleHours?: number;
      /** Message metadata files or folders (`--metadata`), joined on the InternetMessageId. */
      metadata: string[];
      /** A user MMDB (ASN/country) for IP labels; the shipped tables are always used. */
      ipDatabase?: string;
      /** Cache folder of saved indexes (`--index-dir`; default: see `defaultIndexDir`). */
      indexDir?: string;
      /** `--no-index`: neither load nor save indexes. */
      noIndex: boolean;
    };

/** A command line that cannot be run; the message says why. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `mia: scope MailItemsAccessed audit exports (which mail did the attacker read?)

Usage:
  mia scope [options] <file|folder>...
  mia followup --kind KIND [scope options] [<file|folder>...]   (mia followup --help)
  mia --help | --version

Reads every export named (folders recursively), merges and de-duplicates the records, and writes
the scoping report: per mailbox the messages read (Bind), the folders synced (all items assumed
read), the unaudited (throttled) windows, the contexts, coverage and evidence.

Options:
  --format json|markdown|html|csv|xlsx
                               report format (default: markdown); html is one
                               self-contained page; xlsx needs --out
  --out FILE                   write the report to FILE instead of standard output
  --mailbox UPN|GUID           only this mailbox (repeatable)
  --session ID                 only records of this SessionId / AADSessionId (repeatable)
  --ip ADDRESS                 only records from this client IP (repeatable; normalised)
  --client-app APPID           only records whose AppId or ClientAppId is APPID (repeatable)
  --client-info TEXT           only records whose ClientInfoString contains TEXT (repeatable)
  --from TIME                  start of the time window, inclusive (ISO 8601; UTC when no offset)
  --to TIME                    end of the time window, exclusive (ISO 8601; UTC when no offset)
  --throttle-threshold N       records in the period above which a throttle window opens (default 1000)
  --throttle-hours H           length of the counting period and of the window (default 24)
  --metadata FILE|FOLDER       message metadata to join (subjects, senders, dates): Purview Results.csv,
                               eDiscovery Premium load file, message trace CSV, Graph message JSON
                               (repeatable)
  --ip-database FILE           MaxMind-format (.mmdb) ASN/country database for IP labels (offline)
  --index-dir DIR              cache folder of saved indexes (default: $MIA_INDEX_DIR, else
                               $XDG_CACHE_HOME/mia/index, else ~/.cache/mia/index); an export read
                               completely is indexed there and reopened from it while unchanged
  --no-index                   always parse the exports; save no index
  --quiet                      no progress on standard error
  -h, --help                   show this help
  -V, --version                show the version

Exit status: 0 report written (rejected rows are listed in it); 2 usage error, or an input that
is missing, unreadable or not a recognised export; 1 unexpected failure.
`;

const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  mailbox: { type: 'string', multiple: true },
  session: { type: 'string', multiple: true },
  ip: { type: 'string', multiple: true },
  'client-app': { type: 'string', multiple: true },
  'client-info': { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  'throttle-threshold': { type: 'string' },
  'throttle-hours': { type: 'string' },
  metadata: { type: 'string', multiple: true },
  'ip-database': { type: 'string' },
  'index-dir': { type: 'string' },
  'no-index': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const FORMATS: Record<string, ReportFormat> = {
  json: 'json',
  markdown: 'markdown',
  md: 'markdown',
  html: 'html',
  csv: 'csv',
  xlsx: 'xlsx',
};

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value))
    throw new UsageError(`--${name} must be a whole number, 0 or more (got "${value}")`);
  return Number(value);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(n > 0)) throw new UsageError(`--${name} must be a number of hours above 0 (got "${value}")`);
  return n;
}

/** Parses `mia` arguments (without `node` and the script). Throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const [command, ...inputs] = positionals;
  if (command === undefined) throw new UsageError('no command given; try "mia scope <file|folder>..."');
  if (command !== 'scope') throw new UsageError(`unknown command "${command}"; the command is "scope"`);
  if (inputs.length === 0) throw new UsageError('no export given: name at least one file or folder');
  const format = FORMATS[(v.format ?? 'markdown').toLowerCase()];
  if (!format)
    throw new UsageError(
      `--format must be json, markdown, html or csv, or xlsx with --out (got "${v.format}")`,
    );
  // A workbook is binary: it goes to a file, never to a terminal or pipe.
  if (format === 'xlsx' && v.out === undefined)
    throw new UsageError('--format xlsx writes an Excel workbook: name the file with --out FILE');
  if (v['index-dir'] !== undefined && v['index-dir'].trim() === '')
    throw new UsageError('--index-dir needs a folder (or --no-index to save none)');
  return {
    kind: 'scope',
    inputs,
    format,
    out: v.out,
    quiet: v.quiet ?? false,
    mailboxes: v.mailbox ?? [],
    sessions: v.session ?? [],
    ips: v.ip ?? [],
    clientApps: v['client-app'] ?? [],
    clientInfo: v['client-info'] ?? [],
    from: v.from,
    to: v.to,
    throttleThreshold: whole('throttle-threshold', v['throttle-threshold']),
    throttleHours: positive('throttle-hours', v['throttle-hours']),
    metadata: v.metadata ?? [],
    ipDatabase: v['ip-database'],
    indexDir: v['index-dir'],
    noIndex: v['no-index'] ?? false,
  };
}
