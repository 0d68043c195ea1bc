import { psString } from './escape';
import { isGuid, type FollowUpScope } from './followUpScope';

/** Records one `ReturnLargeSet` session can page through; a search that reports more is split. */
export const RETURN_LARGE_SET_CAP = 50_000;

/** Days collected back from now when the scope names no window (the cmdlet needs one). */
const DEFAULT_DAYS = 180;

function array(name: string, values: readonly string[]): string[] {
  if (values.length === 0) return [`$${name} = @()`];
  return [`$${name} = @(`, ...values.map((v) => `    ${psString(v)}`), ')'];
}

function time(name: string, iso: string | undefined, fallback: string): string {
  if (iso === undefined) return `$${name} = ${fallback}`;
  return `$${name} = [datetime]::Parse(${psString(iso)}, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal)`;
}

/**
 * A `Search-UnifiedAuditLog` script that re-collects the scope's MailItemsAccessed records
 * completely: `-SessionCommand ReturnLargeSet` paged with one stable `-SessionId` until
 * `ResultIndex` reaches `ResultCount`, `-HighCompleteness`, an interval whose search reports
 * 50,000 results or more split in halves (that cap truncates silently), records de-duplicated by
 * `Identity` (pages repeat records), then written as the cmdlet CSV and as JSON Lines of
 * AuditData, both of which the investigator opens. Sessions and IPs are deliberately not
 * filtered: the re-collection is complete for the mailboxes and window; scope it when opened.
 */
export function powershellAudit(scope: FollowUpScope): string {
  const upns = scope.mailboxes.filter((m) => !isGuid(m));
  const userIds = [
    ...upns,
    ...scope.actors.filter((a) => !upns.some((u) => u.toLowerCase() === a.toLowerCase())),
  ];
  const guidOnly = scope.mailboxes.length - upns.length;
  const lines = [
    '# MailItemsAccessed Investigator: re-collect the MailItemsAccessed records of the scope, completely.',
    '# Run in Exchange Online PowerShell (Connect-ExchangeOnline) with the View-Only Audit Logs role.',
    `# Scope: ${scope.mailboxes.length || 'all'} mailbox(es) and ${scope.actors.length} other account(s) seen reading them.`,
    '# -UserIds matches the account that performed the access (UserId): the owners, and the delegates,',
    '# admins and apps the investigation saw, are all listed.',
    ...(guidOnly > 0
      ? [
          `# ${guidOnly} mailbox(es) known only by MailboxGuid cannot be searched by -UserIds: add their UPNs.`,
        ]
      : []),
    ...(userIds.length === 0
      ? ['# No account named: this searches MailItemsAccessed of the whole tenant.']
      : []),
    '# Sessions and IPs are not filtered here on purpose; scope the export when you open it.',
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    '',
    ...array('UserIds', userIds),
    time('Start', scope.fromUtc, `(Get-Date).ToUniversalTime().AddDays(-${DEFAULT_DAYS})`),
    time('End', scope.toUtc, '(Get-Date).ToUniversalTime()'),
    `$Cap = ${RETURN_LARGE_SET_CAP}`,
    "$OutDir = Join-Path (Get-Location) ('mia-recollect-' + (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ'))",
    'New-Item -ItemType Directory -Path $OutDir | Out-Null',
    '',
    '# -HighCompleteness is in preview and not offered to every organisation: used when the cmdlet has it.',
    "$HasHighCompleteness = (Get-Command Search-UnifiedAuditLog).Parameters.ContainsKey('HighCompleteness')",
    "if (-not $HasHighCompleteness) { Write-Warning 'Search-UnifiedAuditLog has no -HighCompleteness here: results may be less complete.' }",
    '',
    '$Seen = @{}',
    '$Records = [System.Collections.Generic.List[object]]::new()',
    '$Pending = [System.Collections.Generic.Stack[object]]::new()',
    '$Pending.Push(@($Start, $End))',
    'while ($Pending.Count -gt 0) {',
    '    $From, $To = $Pending.Pop()',
    '    $Attempt = 0',
    '    while ($true) {',
    '        $Attempt++',
    '        # One stable SessionId per interval and attempt; always the same SessionCommand with it.',
    '        $SessionId = [guid]::NewGuid().ToString()',
    '        $Params = @{',
    '            StartDate      = $From',
    '            EndDate        = $To',
    "            Operations     = 'MailItemsAccessed'",
    "            SessionCommand = 'ReturnLargeSet'",
    '            SessionId      = $SessionId',
    '            ResultSize     = 5000',
    '        }',
    '        if ($HasHighCompleteness) { $Params.HighCompleteness = $true }',
    '        if ($UserIds.Count -gt 0) { $Params.UserIds = $UserIds }',
    '        $Interval = [System.Collections.Generic.List[object]]::new()',
    '        $Total = $null',
    '        $Broken = $false',
    '        do {',
    '            $Page = @(Search-UnifiedAuditLog @Params)',
    '            if ($Page.Count -eq 0) { break }',
    '            # A page with ResultIndex -1 or ResultCount 0 is a failed search, not an empty one.',
    '            if ($Page[0].ResultCount -le 0 -or $Page[0].ResultIndex -lt 0) { $Broken = $true; break }',
    '            $Total = $Page[0].ResultCount',
    '            if ($Total -ge $Cap) { break }',
    '            $Interval.AddRange($Page)',
    '            $Last = ($Page | Measure-Object -Property ResultIndex -Maximum).Maximum',
    '        } while ($Last -lt $Total)',
    '        if ($Broken -and $Attempt -lt 4) { Start-Sleep -Seconds (15 * $Attempt); continue }',
    "        if ($Broken) { throw \"Search-UnifiedAuditLog kept failing for $($From.ToString('o')) to $($To.ToString('o'))\" }",
    '        break',
    '    }',
    '    if ($null -ne $Total -and $Total -ge $Cap -and ($To - $From).TotalSeconds -gt 1) {',
    '        # The search reports the 50,000 cap: it would be truncated. Split the interval in halves.',
    '        $Middle = $From.AddTicks([long](($To - $From).Ticks / 2))',
    '        $Pending.Push(@($Middle, $To))',
    '        $Pending.Push(@($From, $Middle))',
    '        continue',
    '    }',
    '    if ($null -ne $Total -and $Total -ge $Cap) { Write-Warning "More than $Cap records in one second at $($From.ToString(\'o\')): kept what was returned." }',
    '    $New = 0',
    '    foreach ($Row in $Interval) {',
    '        $Key = if ($Row.Identity) { [string]$Row.Identity } else { [string](ConvertFrom-Json $Row.AuditData).Id }',
    '        if ($Seen.ContainsKey($Key)) { continue }',
    '        $Seen[$Key] = $true',
    '        $Records.Add($Row)',
    '        $New++',
    '    }',
    '    if ($null -ne $Total -and $New -lt $Total -and $Interval.Count -lt $Total) {',
    "        Write-Warning \"$($From.ToString('o')) to $($To.ToString('o')): $($Interval.Count) of $Total rows returned; run again for this interval.\"",
    '    }',
    "    Write-Host \"$($From.ToString('o')) to $($To.ToString('o')): $New new record(s), $($Records.Count) in all\"",
    '}',
    '',
    "$Csv = Join-Path $OutDir 'MailItemsAccessed.csv'",
    "$Jsonl = Join-Path $OutDir 'MailItemsAccessed.AuditData.jsonl'",
    '$Records | Select-Object RecordType, CreationDate, UserIds, Operations, AuditData, ResultIndex, ResultCount, Identity |',
    '    Export-Csv -Path $Csv -NoTypeInformation -Encoding UTF8',
    '[System.IO.File]::WriteAllLines($Jsonl, [string[]]@($Records | ForEach-Object { $_.AuditData }), [System.Text.UTF8Encoding]::new($false))',
    'Write-Host "$($Records.Count) distinct MailItemsAccessed record(s) written to $Csv and $Jsonl"',
  ];
  return `${lines.join('\n')}\n`;
}
