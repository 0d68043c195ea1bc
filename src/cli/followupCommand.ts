import { parseArgs } from 'node:util';
import { followUpScopeFromOptions, followUpScopeFromReport } from '../core/followup/followUpScope';
import { FOLLOW_UP_KINDS, followUpText, isFollowUpKind } from '../core/followup/followUp';
import { InputError } from '../core/investigation/types';
import { runScope, type RunScopeOptions } from '../core/scope/runScope';
import { ScopeOptionError, type ScopeOptions } from '../core/scope/scopeOptions';
import { failureText } from './exitStatus';

/** Usage of `mia followup`. */
export const FOLLOWUP_HELP = `mia followup: print a ready-to-run follow-up query for a scope

Usage:
  mia followup --kind KIND [scope options] [<file|folder>...]

Kinds: ${FOLLOW_UP_KINDS.join(', ')}
  sentinel        Microsoft Sentinel KQL over OfficeActivity
  defender        Defender XDR advanced hunting KQL over CloudAppEvents
  powershell      Search-UnifiedAuditLog script re-collecting the records completely
  graph-audit     body of POST https://graph.microsoft.com/v1.0/security/auditLog/queries
  graph-messages  Graph message lookups by internetMessageId (.http: GET per message, $batch of 20)

Scope options are those of "mia scope": --mailbox, --session, --ip, --client-app, --client-info
(each repeatable), --from, --to. With exports named, they are read and scoped first: the query
then also knows the messages and folders found (and the window the records span, when --from and
--to are not given); graph-messages needs them.
`;

const OPTIONS = {
  kind: { type: 'string' },
  mailbox: { type: 'string', multiple: true },
  session: { type: 'string', multiple: true },
  ip: { type: 'string', multiple: true },
  'client-app': { type: 'string', multiple: true },
  'client-info': { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `mia followup` needs from its host (the CLI's streams; injectable for tests). */
export interface FollowUpIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  signal?: AbortSignal;
  open?: RunScopeOptions['open'];
}

/**
 * Runs `mia followup` with its arguments (after the word `followup`). Returns the exit status:
 * 0 printed, 2 usage error or unreadable input (the reason on standard error), 1 otherwise.
 */
export async function runFollowUpCommand(argv: readonly string[], io: FollowUpIo): Promise<number> {
  const fail = (status: number, message: string) => {
    io.stderr.write(`mia followup: ${message}\n`);
    return status;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(2, `${(err as Error).message}\n(mia followup --help shows the usage)`);
  }
  const { values: v, positionals: inputs } = parsed;
  if (v.help) {
    io.stdout.write(FOLLOWUP_HELP);
    return 0;
  }
  if (!isFollowUpKind(v.kind)) {
    return fail(
      2,
      `--kind must be one of ${FOLLOW_UP_KINDS.join(', ')} (got ${v.kind === undefined ? 'nothing' : `"${v.kind}"`})`,
    );
  }
  const options: ScopeOptions = {
    mailboxes: v.mailbox,
    sessions: v.session,
    ips: v.ip,
    clientApps: v['client-app'],
    clientInfo: v['client-info'],
    from: v.from,
    to: v.to,
  };
  try {
    const scope =
      inputs.length === 0
        ? followUpScopeFromOptions(options)
        : followUpScopeFromReport(await runScope({ ...options, inputs, signal: io.signal, open: io.open }));
    if (v.kind === 'graph-messages' && scope.messages.length === 0) {
      io.stderr.write(
        'mia followup: no message read in this scope (name the exports to look their messages up)\n',
      );
    }
    io.stdout.write(followUpText(v.kind, scope));
    return 0;
  } catch (err) {
    if (err instanceof ScopeOptionError || err instanceof InputError) return fail(2, err.message);
    return fail(1, failureText(err));
  }
}
